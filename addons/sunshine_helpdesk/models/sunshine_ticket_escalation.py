from odoo import fields, models

from .sunshine_service_type import SERVICE_MODES


class SunshineTicketEscalation(models.Model):
    """One step up of a ticket: to the next support level or service mode."""

    _name = "sunshine.ticket.escalation"
    _description = "Ticket Escalation"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    escalation_type = fields.Selection(
        [("level", "Support Level"), ("mode", "Service Mode")],
        string="Type",
        required=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, default=lambda self: self.env.user
    )
    automatic = fields.Boolean(help="Escalated by the SLA engine on a breach.")
    reason = fields.Text(required=True)
    from_team_id = fields.Many2one("helpdesk.ticket.team")
    to_team_id = fields.Many2one("helpdesk.ticket.team")
    from_mode = fields.Selection(SERVICE_MODES)
    to_mode = fields.Selection(SERVICE_MODES)
