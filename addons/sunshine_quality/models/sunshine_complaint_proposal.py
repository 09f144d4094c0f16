from odoo import _, fields, models
from odoo.exceptions import UserError

from .sunshine_complaint import CONTACT_CHANNELS

PROPOSAL_STATES = [
    ("proposed", "Awaiting the Customer"),
    ("approved", "Approved"),
    ("refused", "Refused"),
]


class SunshineComplaintProposal(models.Model):
    """A solution proposed to the customer, and their decision on it: who,
    when and through which channel. A refused proposal stays in the history
    and the desk proposes a new one."""

    _name = "sunshine.complaint.proposal"
    _description = "Proposed Solution"
    _inherit = ["sunshine.protected.fields.mixin"]
    _order = "complaint_id, id"
    _sunshine_protected_fields = (
        "complaint_id",
        "state",
        "proposed_date",
        "proposed_by_id",
        "decided_partner_id",
        "decision_date",
        "decision_channel",
        "decision_note",
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
    description = fields.Html(string="Solution", required=True)
    state = fields.Selection(
        PROPOSAL_STATES, default="proposed", required=True, readonly=True
    )
    proposed_date = fields.Datetime(string="Proposed On", readonly=True)
    proposed_by_id = fields.Many2one("res.users", readonly=True)
    decided_partner_id = fields.Many2one(
        "res.partner", string="Decided By", readonly=True
    )
    decision_date = fields.Datetime(string="Decided On", readonly=True)
    decision_channel = fields.Selection(
        CONTACT_CHANNELS, string="Decided Through", readonly=True
    )
    decision_note = fields.Text(string="Customer's Comment", readonly=True)
    recorded_by_id = fields.Many2one("res.users", readonly=True)

    def write(self, vals):
        if "description" in vals and any(p.state != "proposed" for p in self):
            raise UserError(
                _(
                    "The customer has decided on this solution; it is kept as "
                    "it was. Propose a new solution instead."
                )
            )
        return super().write(vals)
