from odoo import api, fields, models


class SunshineTicketResolveWizard(models.TransientModel):
    """Asks how the fault was solved before a ticket is resolved."""

    _name = "sunshine.ticket.resolve.wizard"
    _description = "Resolve Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    resolution_note = fields.Html(
        required=True,
        sanitize_style=True,
        compute="_compute_resolution_note",
        store=True,
        readonly=False,
        help="What was checked, replaced or set: kept on the ticket.",
    )

    @api.depends("ticket_id")
    def _compute_resolution_note(self):
        for wizard in self:
            wizard.resolution_note = wizard.ticket_id.resolution_note

    def _sunshine_ticket_values(self):
        """What the wizard writes on the ticket before resolving it."""
        return {"resolution_note": self.resolution_note}

    def action_confirm(self):
        self._sunshine_ensure_one()
        ticket = self.ticket_id
        ticket.write(self._sunshine_ticket_values())
        ticket.action_resolve()
        return {"type": "ir.actions.act_window_close"}
