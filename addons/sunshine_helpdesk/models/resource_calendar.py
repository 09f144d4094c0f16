from odoo import models, tools

DAY = 24.0


class ResourceCalendar(models.Model):
    """What the SLA engine needs to know of a calendar's shape, cached: it is
    read at every ticket creation and changes only with the calendar."""

    _inherit = "resource.calendar"

    @tools.ormcache("self.id")
    def _sunshine_shape(self):
        """(works around the clock, working seconds in a week) of this
        calendar, from its attendances: the general ones, not a resource's
        nor the lunch breaks, as ``_attendance_intervals_batch`` reads them."""
        self.ensure_one()
        attendances = self.attendance_ids.filtered(
            lambda a: (
                not a.resource_id and not a.display_type and a.day_period != "lunch"
            )
        )
        weekly = sum(a.hour_to - a.hour_from for a in attendances) * 3600.0
        if self.two_weeks_calendar:
            weekly /= 2
        if self.flexible_hours or any(a.date_from or a.date_to for a in attendances):
            return False, weekly
        days = {}
        for attendance in attendances:
            days.setdefault(attendance.dayofweek, []).append(
                (attendance.hour_from, attendance.hour_to)
            )
        around = len(days) == 7
        for hours in days.values():
            covered = 0.0
            for hour_from, hour_to in sorted(hours):
                if hour_from > covered:
                    break
                covered = max(covered, hour_to)
            around = around and covered >= DAY
        return around, weekly

    @tools.ormcache("self.id")
    def _sunshine_leaves(self):
        """The (start, end) of this calendar's leaves that concern every
        resource (public holidays), as ``_leave_intervals_batch`` reads them
        without a resource: the engine checks a batch against them without
        a query."""
        self.ensure_one()
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("time_type", "=", "leave"),
                    ("calendar_id", "in", [False, self.id]),
                    ("resource_id", "=", False),
                ]
            )
        )
        return tuple((leave.date_from, leave.date_to) for leave in leaves)

    def _sunshine_has_leave(self, begin, end):
        """Whether a leave of this calendar falls between begin and end."""
        return any(
            start <= end and stop >= begin for start, stop in self._sunshine_leaves()
        )

    def _sunshine_works_around_the_clock(self):
        """Whether every second of every day is working time (7x24), leaves
        aside."""
        return self._sunshine_shape()[0]

    def _sunshine_weekly_seconds(self):
        return self._sunshine_shape()[1]

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()  # _sunshine_shape, _sunshine_leaves
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # _sunshine_shape, _sunshine_leaves
        return res
