from odoo import api, fields, models

from ..models.sunshine_service_type import SERVICE_MODES


class SunshineTicketEscalateWizard(models.TransientModel):
    """Asks why a ticket goes up a support level or on to a further mode."""

    _name = "sunshine.ticket.escalate.wizard"
    _description = "Escalate Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    escalation_type = fields.Selection(
        [("level", "Support Level"), ("mode", "Service Mode")],
        string="Escalate",
        required=True,
        default="level",
    )
    team_id = fields.Many2one(related="ticket_id.team_id", string="Current Team")
    next_team_id = fields.Many2one(
        related="ticket_id.team_id.parent_id", string="Next Level Team"
    )
    next_support_level = fields.Selection(
        related="next_team_id.support_level", string="Next Level"
    )
    service_mode = fields.Selection(
        related="ticket_id.service_mode", string="Current Mode"
    )
    new_service_mode = fields.Selection(SERVICE_MODES, string="New Mode")
    reason = fields.Text(required=True)

    @api.onchange("escalation_type", "ticket_id")
    def _onchange_escalation_type(self):
        if self.escalation_type == "mode" and self.ticket_id:
            modes = [code for code, _label in SERVICE_MODES]
            current = modes.index(self.ticket_id.service_mode)
            self.new_service_mode = modes[min(current + 1, len(modes) - 1)]

    def action_confirm(self):
        self._sunshine_ensure_one()
        if self.escalation_type == "mode":
            self.ticket_id._change_service_mode(self.new_service_mode, self.reason)
        else:
            self.ticket_id._escalate_level(self.reason)
        return {"type": "ir.actions.act_window_close"}
