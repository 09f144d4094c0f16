from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineComplaintStatisticsWizard(models.TransientModel):
    """The complaint statistics (XLSX) of the complaints received in a
    period."""

    _name = "sunshine.complaint.statistics.wizard"
    _description = "Complaint Statistics"

    def _default_date_from(self):
        today = fields.Date.context_today(self)
        return today.replace(month=1, day=1)

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )
    category_ids = fields.Many2many(
        "sunshine.complaint.category",
        "sunshine_complaint_statistics_category_rel",
        "wizard_id",
        "category_id",
        string="Categories",
        help="Empty: all.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        "sunshine_complaint_statistics_department_rel",
        "wizard_id",
        "department_id",
        string="Departments",
        help="Empty: all.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    _("The period of the statistics ends before it starts.")
                )

    def _complaint_domain(self):
        """The complaints received from ``date_from`` to ``date_to``, both
        included, as days of the user's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            moment = tz.localize(datetime.combine(day, time.min))
            return moment.astimezone(pytz.UTC).replace(tzinfo=None)

        domain = [
            ("received_date", ">=", utc(self.date_from)),
            ("received_date", "<", utc(self.date_to + relativedelta(days=1))),
        ]
        if self.category_ids:
            domain.append(("category_id", "in", self.category_ids.ids))
        if self.department_ids:
            domain.append(("department_id", "in", self.department_ids.ids))
        return domain

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "sunshine_quality.action_report_complaint_statistics"
        ).report_action(self)
