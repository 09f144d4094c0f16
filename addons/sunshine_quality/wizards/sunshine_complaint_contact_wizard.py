from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.sunshine_complaint import (
    CONTACT_CHANNELS,
    SATISFACTION,
    check_satisfaction_score,
)

KINDS = [
    ("reply", "Reply"),
    ("decision", "Decision on the Solution"),
    ("verification", "Verification of the Result"),
]
STAFF_CHANNELS = [item for item in CONTACT_CHANNELS if item[0] != "portal"]


class SunshineComplaintContactWizard(models.TransientModel):
    """What the desk heard from the customer by phone, e-mail, letter or in
    person: a reply given, their decision on the proposed solution, or
    their verdict on the result."""

    _name = "sunshine.complaint.contact.wizard"
    _description = "Customer Contact"

    complaint_id = fields.Many2one("sunshine.complaint", required=True)
    kind = fields.Selection(KINDS, required=True, default="reply")
    partner_id = fields.Many2one(related="complaint_id.partner_id", string="Customer")
    contact_id = fields.Many2one(
        "res.partner",
        string="Customer Contact",
        required=True,
        compute="_compute_contact_id",
        store=True,
        precompute=True,
        readonly=False,
        domain="[('commercial_partner_id', '=', partner_id)]",
    )
    channel = fields.Selection(STAFF_CHANNELS, required=True, default="phone")
    date = fields.Datetime(string="When", required=True, default=fields.Datetime.now)
    proposal_description = fields.Html(
        related="complaint_id.pending_proposal_id.description", string="Solution"
    )
    decision = fields.Selection(
        [("approve", "Approves the solution"), ("refuse", "Refuses the solution")],
    )
    result = fields.Selection(SATISFACTION)
    score = fields.Integer(string="Satisfaction Score", help="From 1 to 5; 0: none.")
    note = fields.Text(string="What Was Said")

    @api.depends("complaint_id")
    def _compute_contact_id(self):
        for wizard in self:
            wizard.contact_id = wizard.complaint_id.contact_id

    def action_confirm(self):
        self.ensure_one()
        complaint = self.complaint_id
        if self.contact_id.commercial_partner_id != complaint.partner_id:
            raise UserError(
                _(
                    "%(contact)s is not a contact of %(customer)s.",
                    contact=self.contact_id.display_name,
                    customer=complaint.partner_id.display_name,
                )
            )
        if self.kind == "reply":
            if not (self.note or "").strip():
                raise UserError(_("Write what the customer was told."))
            complaint._assert_when(self.date)
            complaint.message_post(
                body=_(
                    "Reply to %(contact)s (%(channel)s): %(note)s",
                    contact=self.contact_id.display_name,
                    channel=dict(STAFF_CHANNELS)[self.channel],
                    note=self.note,
                ),
                subtype_xmlid="mail.mt_note",
            )
            complaint._log_reply(self.date)
        elif self.kind == "decision":
            if not self.decision:
                raise UserError(
                    _("Choose whether the customer approves or refuses the solution.")
                )
            complaint._record_decision(
                self.decision == "approve",
                self.contact_id,
                self.channel,
                when=self.date,
                note=self.note,
            )
        else:
            if not self.result:
                raise UserError(
                    _("Choose whether the customer is satisfied with the result.")
                )
            check_satisfaction_score(self.env, self.score)
            complaint._record_verification(
                self.result == "satisfied",
                self.contact_id,
                self.channel,
                when=self.date,
                note=self.note,
                score=self.score,
            )
        return {"type": "ir.actions.act_window_close"}
