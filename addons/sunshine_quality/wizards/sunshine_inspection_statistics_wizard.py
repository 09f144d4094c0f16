from odoo import fields, models


class SunshineInspectionStatisticsWizard(models.TransientModel):
    """The on-site inspection statistics (XLSX) of a period: planned, done
    and findings of the inspections planned in it, per quarter and centre."""

    _name = "sunshine.inspection.statistics.wizard"
    _inherit = ["sunshine.statistics.period.mixin"]
    _description = "Inspection Statistics"

    team_ids = fields.Many2many(
        "helpdesk.ticket.team",
        "sunshine_inspection_statistics_team_rel",
        "wizard_id",
        "team_id",
        string="Maintenance Centres",
        help="Empty: all; a centre counts with the offices below it.",
    )

    def _records_domain(self):
        self.ensure_one()
        domain = [
            ("planned_date", ">=", self.date_from),
            ("planned_date", "<=", self.date_to),
        ]
        if self.team_ids:
            domain.append(("team_id", "child_of", self.team_ids.ids))
        return domain

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "sunshine_quality.action_report_inspection_statistics_period"
        ).report_action(self)
