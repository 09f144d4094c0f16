from odoo import _, api, fields, models

from .sunshine_complaint import (
    CONTACT_CHANNELS,
    SATISFACTION,
    check_satisfaction_score,
)


class SunshineComplaintVerification(models.Model):
    """The customer's verdict on the result of a complaint (验证)."""

    _name = "sunshine.complaint.verification"
    _description = "Complaint Verification"
    _inherit = ["sunshine.protected.fields.mixin"]
    _order = "complaint_id, date, id"
    _sunshine_protected_fields = (
        "complaint_id",
        "result",
        "partner_id",
        "channel",
        "date",
        "note",
        "score",
        "round",
        "recorded_by_id",
    )

    complaint_id = fields.Many2one(
        "sunshine.complaint",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    round = fields.Integer(readonly=True)
    result = fields.Selection(SATISFACTION, required=True, readonly=True)
    score = fields.Integer(string="Satisfaction Score", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    channel = fields.Selection(CONTACT_CHANNELS, readonly=True)
    date = fields.Datetime(readonly=True)
    note = fields.Text(string="Customer's Comment", readonly=True)
    recorded_by_id = fields.Many2one("res.users", readonly=True)

    @api.constrains("score")
    def _check_score(self):
        for verification in self:
            check_satisfaction_score(self.env, verification.score)

    def _compute_display_name(self):
        labels = dict(self._fields["result"]._description_selection(self.env))
        for verification in self:
            verification.display_name = _(
                "%(complaint)s, round %(round)s: %(result)s",
                complaint=verification.complaint_id.name,
                round=verification.round,
                result=labels.get(verification.result, ""),
            )
