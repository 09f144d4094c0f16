from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SunshineHelpdeskCase


def dt(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


@tagged("post_install", "-at_install")
class TestSlaEngine(SunshineHelpdeskCase):
    """How the engine plans, counts and picks its policies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.working_days = cls.env["resource.calendar"].create(
            {
                "name": "Test working days",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": day,
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in "01234"
                    for hour_from, hour_to, period in (
                        (9, 12, "morning"),
                        (13, 18, "afternoon"),
                    )
                ],
            }
        )
        # a public holiday, Wednesday 2026-03-04 in Shanghai
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.working_days.id,
                "date_from": dt("2026-03-03 16:00:00"),
                "date_to": dt("2026-03-04 16:00:00"),
            }
        )
        cls.clock_resolution = cls.env.ref("sunshine_helpdesk.sla_clock_resolution")
        # the demo tickets' timers would fall due during these tests
        cls.env["sunshine.sla.timer"].search([]).unlink()

    def working_day_policy(self, minutes=8 * 60, **values):
        return self.env["sunshine.sla.policy"].create(
            dict(
                {
                    "name": "Centre resolution in working time",
                    "sequence": 1,
                    "clock_id": self.clock_resolution.id,
                    "team_ids": [Command.set(self.team_other_centre.ids)],
                    "duration_minutes": minutes,
                    "warning_percent": 50,
                    "count_from": "reference",
                    "calendar_id": self.working_days.id,
                },
                **values,
            )
        )

    def timer(self, ticket, code):
        return ticket.sla_timer_ids.filtered(lambda t: t.clock_id.code == code)

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    def test_deadline_exact_to_the_second(self):
        with freeze_time("2026-03-02 10:00:17"):
            ticket = self.create_ticket()
        self.assertEqual(ticket.response_deadline, dt("2026-03-02 10:30:17"))
        self.assertEqual(
            self.timer(ticket, "response").warn_date, dt("2026-03-02 10:24:17")
        )
        with freeze_time("2026-03-02 10:30:00"):
            self.run_cron()  # warns, does not breach
        self.assertEqual(ticket.response_sla_state, "running")
        self.assertEqual(ticket.sla_status, "at_risk")
        with freeze_time("2026-03-02 10:30:16"):
            self.assertEqual(self.run_cron(), 0)
        with freeze_time("2026-03-02 10:30:17"):
            self.assertEqual(self.run_cron(), 1)
        self.assertEqual(ticket.response_sla_state, "breached")

    def test_batch_planned_as_the_calendar_plans_each(self):
        """Tickets reported at any time of a week with a holiday, created
        together, are due when the calendar's own plan_hours says, to the
        second: 8 working hours, warned after 4."""
        self.working_day_policy()
        first = dt("2026-03-01 20:00:00")  # a Sunday, in UTC
        reported = [
            first + timedelta(minutes=97 * index, seconds=index) for index in range(60)
        ]
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Batch {index}",
                    "description": "<p>x</p>",
                    "team_id": self.team_other_centre.id,
                    "reported_date": moment,
                }
                for index, moment in enumerate(reported)
            ]
        )

        def expected(start, hours):
            moment = self.working_days.plan_hours(hours, start, compute_leaves=True)
            return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)

        for ticket, start in zip(tickets, reported, strict=True):
            timer = self.timer(ticket, "resolution")
            self.assertEqual(timer.start_date, start)
            self.assertEqual(timer.deadline, expected(start, 8), ticket.name)
            self.assertEqual(timer.warn_date, expected(start, 4), ticket.name)

    def test_pause_over_a_night_and_a_holiday(self):
        self.working_day_policy()
        # reported on Tuesday 10:00 in Shanghai: 7 working hours that day,
        # Wednesday is a holiday, the eighth hour on Thursday
        with freeze_time("2026-03-03 02:00:00"):
            ticket = self.create_ticket(team_id=self.team_other_centre.id)
        timer = self.timer(ticket, "resolution")
        self.assertEqual(timer.deadline, dt("2026-03-05 02:00:00"), "Thursday 10:00")
        # paused on Tuesday 17:00: an hour that day and one on Thursday left
        with freeze_time("2026-03-03 09:00:00"):
            ticket.stage_id = self.stage_awaiting
        self.assertEqual(timer.state, "paused")
        self.assertEqual(timer.remaining_minutes, 120)
        # resumed on Thursday 10:00: two working hours were paused
        with freeze_time("2026-03-05 02:00:00"):
            ticket.stage_id = self.stage_progress
        self.assertEqual(timer.state, "running")
        self.assertEqual(timer.paused_minutes, 120)
        self.assertEqual(timer.deadline, dt("2026-03-05 04:00:00"), "Thursday 12:00")

    def test_calendar_without_working_time_is_refused(self):
        idle = self.env["resource.calendar"].create(
            {"name": "Never", "attendance_ids": [Command.clear()]}
        )
        self.working_day_policy(calendar_id=idle.id)
        with self.assertRaisesRegex(UserError, "has no working hours"):
            self.create_ticket(team_id=self.team_other_centre.id)

    def test_calendar_change_is_planned_with(self):
        """The engine caches a calendar's shape; a change of its hours is
        planned with at once."""
        policy = self.working_day_policy()
        policy.calendar_id = self.env.ref("sunshine_helpdesk.resource_calendar_7x24")
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.create_ticket(team_id=self.team_other_centre.id)
        self.assertEqual(ticket.resolution_deadline, dt("2026-03-02 18:00:00"))
        policy.calendar_id.attendance_ids.filtered(
            lambda a: a.dayofweek == "0" and a.day_period == "afternoon"
        ).hour_to = 23
        with freeze_time("2026-03-02 10:00:00"):
            other = self.create_ticket(team_id=self.team_other_centre.id)
        # Monday 18:00 in Shanghai = 10:00 UTC: 8 hours, one of them past
        # 23:00 on Monday, which no longer works
        self.assertEqual(other.resolution_deadline, dt("2026-03-02 19:00:00"))

    def test_holiday_on_7x24_is_planned_with(self):
        """The engine caches a calendar's leaves; a new holiday counts at
        once, the 7x24 calendar then planned from its work intervals."""
        calendar = self.env.ref("sunshine_helpdesk.resource_calendar_7x24")
        with freeze_time("2026-03-02 10:00:00"):
            before = self.create_ticket()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Power cut",
                "calendar_id": calendar.id,
                "date_from": dt("2026-03-02 10:10:00"),
                "date_to": dt("2026-03-02 10:20:00"),
            }
        )
        with freeze_time("2026-03-02 10:00:00"):
            after = self.create_ticket()
        self.assertEqual(before.response_deadline, dt("2026-03-02 10:30:00"))
        self.assertEqual(after.response_deadline, dt("2026-03-02 10:40:00"))

    # ------------------------------------------------------------------
    # Policies
    # ------------------------------------------------------------------
    def test_batch_mixing_companies_gets_each_its_own_policies(self):
        company = self.env["res.company"].create({"name": "Sunshine Hong Kong"})
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Hong Kong Centre", "company_id": company.id}
        )
        self.env["sunshine.sla.policy"].create(
            {
                "name": "Hong Kong response within an hour",
                "sequence": 1,
                "company_id": company.id,
                "clock_id": self.policy_response.clock_id.id,
                "duration_minutes": 60,
                "calendar_id": self.policy_response.calendar_id.id,
            }
        )
        with freeze_time("2026-03-02 10:00:00"):
            here, there = self.env["helpdesk.ticket"].create(
                [
                    {
                        "name": "Here",
                        "description": "<p>x</p>",
                        "team_id": self.team_centre.id,
                    },
                    {"name": "There", "description": "<p>x</p>", "team_id": team.id},
                ]
            )
        self.assertEqual(there.company_id, company)
        self.assertEqual(here.response_deadline, dt("2026-03-02 10:30:00"))
        self.assertEqual(there.response_deadline, dt("2026-03-02 11:00:00"))
        # the main company's resolution policy is not Hong Kong's
        self.assertTrue(here.resolution_deadline)
        self.assertFalse(there.resolution_deadline)
        self.assertEqual(self.timer(there, "response").company_id, company)

    def test_sla_models_are_those_of_the_mixin(self):
        Policy = self.env["sunshine.sla.policy"]
        models = Policy._sla_model_names()
        self.assertIn("helpdesk.ticket", models)
        for name in models:
            self.assertIn("sla_timer_ids", self.env[name]._fields)
        self.assertNotIn("res.partner", models)
        self.assertNotIn("sunshine.sla.mixin", models)
        domain = Policy.fields_get(["model_id"])["model_id"]["domain"]
        self.assertIn(str(models), str(domain))
        with self.assertRaisesRegex(ValidationError, "does not have SLA timers"):
            Policy.create(
                {
                    "name": "Partners",
                    "model_id": self.env["ir.model"]._get("res.partner").id,
                    "clock_id": self.policy_response.clock_id.id,
                    "duration_minutes": 30,
                    "calendar_id": self.policy_response.calendar_id.id,
                }
            )

    # ------------------------------------------------------------------
    # The scheduled action
    # ------------------------------------------------------------------
    def test_hooks_called_for_many_records_only_if_they_take_many(self):
        Ticket = self.env["helpdesk.ticket"]
        # tickets keep the mixin's hooks, which take a batch
        self.assertTrue(Ticket._sla_hook_takes_many("_sla_breach"))
        self.assertTrue(Ticket._sla_hook_takes_many("_sla_warn"))

        def breach(records, timers, now):
            records.ensure_one()

        with patch.object(type(Ticket), "_sla_breach", breach):
            self.assertFalse(Ticket._sla_hook_takes_many("_sla_breach"))
            with patch.object(type(Ticket), "_sla_hooks_take_many", True):
                self.assertTrue(Ticket._sla_hook_takes_many("_sla_breach"))

    def test_past_deadline_is_breached_not_warned(self):
        """A backlog longer than a batch: the timers past their deadline are
        breached, never warned first."""
        with freeze_time("2026-03-02 10:00:00"):
            tickets = self.env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Backlog {index}",
                        "description": "<p>x</p>",
                        "team_id": self.team_centre.id,
                        "user_id": self.agent.id,
                    }
                    for index in range(3)
                ]
            )
        warning = self.env.ref("sunshine_helpdesk.mt_sla_warning")
        Timer = self.env["sunshine.sla.timer"]
        with freeze_time("2026-03-02 10:45:00"):
            self.assertEqual(Timer._cron_process_due_timers(batch_size=1), 1)
            self.assertFalse(
                tickets.message_ids.filtered(lambda m: m.subtype_id == warning)
            )
            self.assertFalse(tickets.activity_ids)
            while Timer._cron_process_due_timers(batch_size=1):
                pass
        self.assertEqual(set(tickets.mapped("response_sla_state")), {"breached"})
        self.assertFalse(
            tickets.message_ids.filtered(lambda m: m.subtype_id == warning)
        )
        self.assertFalse(tickets.activity_ids)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    def test_reported_date_out_of_range_is_refused(self):
        for reported in (dt("9999-12-31 23:50:00"), dt("0001-01-01 00:00:00")):
            with (
                self.subTest(reported=reported),
                self.assertRaises(UserError) as caught,
                self.env.cr.savepoint(),
            ):
                self.create_ticket(name="Out of range", reported_date=reported)
            self.assertNotIsInstance(caught.exception, OverflowError)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("name", "=", "Out of range")])
        )

    def test_absurd_durations_are_refused(self):
        Policy = self.env["sunshine.sla.policy"]
        values = {
            "name": "Absurd",
            "clock_id": self.policy_response.clock_id.id,
            "calendar_id": self.policy_response.calendar_id.id,
        }
        for minutes in (2**31, 2**40, 3_000_000):
            with (
                self.subTest(minutes=minutes),
                self.assertRaisesRegex(ValidationError, "more than a year"),
                self.env.cr.savepoint(),
            ):
                Policy.create(dict(values, duration_minutes=minutes))
            with (
                self.assertRaisesRegex(ValidationError, "more than a year"),
                self.env.cr.savepoint(),
            ):
                self.policy_response.duration_minutes = minutes
        self.assertFalse(Policy.search([("name", "=", "Absurd")]))
        self.assertEqual(self.policy_response.duration_minutes, 30)
        # a year is planned, to the second
        self.policy_response.duration_minutes = 366 * 24 * 60
        with freeze_time("2026-03-02 10:00:00"):
            ticket = self.create_ticket()
        self.assertEqual(ticket.response_deadline, dt("2027-03-03 10:00:00"))
