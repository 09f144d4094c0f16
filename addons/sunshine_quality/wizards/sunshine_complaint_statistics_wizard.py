from odoo import fields, models


class SunshineComplaintStatisticsWizard(models.TransientModel):
    """The complaint statistics (XLSX) of the complaints received in a
    period."""

    _name = "sunshine.complaint.statistics.wizard"
    _inherit = ["sunshine.statistics.period.mixin"]
    _description = "Complaint Statistics"

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

    def _complaint_domain(self):
        """The complaints received in the period."""
        self.ensure_one()
        domain = self._period_datetime_domain("received_date")
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
