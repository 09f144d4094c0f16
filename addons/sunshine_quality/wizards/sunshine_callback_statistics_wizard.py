from odoo import fields, models

REPORTS = {
    "coverage": "sunshine_quality.action_report_callback_coverage_period",
    "satisfaction": "sunshine_quality.action_report_survey_satisfaction_period",
    "key_issues": "sunshine_quality.action_report_callback_key_issues_period",
}


class SunshineCallbackStatisticsWizard(models.TransientModel):
    """The callback and survey statistics (XLSX) of a period: the coverage of
    the calls of the periods starting in it, the satisfaction of the
    campaigns of its quarters, or the key issues raised in it."""

    _name = "sunshine.callback.statistics.wizard"
    _inherit = ["sunshine.statistics.period.mixin"]
    _description = "Callback and Survey Statistics"

    report = fields.Selection(
        [
            ("coverage", "Callback Coverage"),
            ("satisfaction", "Satisfaction"),
            ("key_issues", "Key Issues"),
        ],
        required=True,
        default="coverage",
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team",
        "sunshine_callback_statistics_team_rel",
        "wizard_id",
        "team_id",
        string="Local Offices",
        help="Empty: all; an office counts with the offices below it.",
    )

    def _records_domain(self):
        """The records the chosen report counts."""
        self.ensure_one()
        if self.report == "key_issues":
            domain = [("is_key_issue", "=", True)]
            domain += self._period_datetime_domain("create_date")
        else:
            domain = [
                ("period_start", ">=", self.date_from),
                ("period_start", "<=", self.date_to),
            ]
        if self.team_ids:
            domain.append(("team_id", "child_of", self.team_ids.ids))
        return domain

    def _records_model(self):
        return {
            "coverage": "sunshine.callback",
            "satisfaction": "sunshine.survey.campaign.line",
            "key_issues": "sunshine.callback.issue",
        }[self.report]

    def action_print(self):
        self.ensure_one()
        return self.env.ref(REPORTS[self.report]).report_action(self)
