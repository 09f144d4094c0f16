from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .sunshine_service_type import SERVICE_MODES


class SunshineTicketEscalation(models.Model):
    """One step up of a ticket: to the next support level or service mode.

    The history of the ticket: created by the escalation actions only, never
    edited, and read by whoever may read the ticket.
    """

    _name = "sunshine.ticket.escalation"
    _inherit = "sunshine.protected.fields.mixin"
    _description = "Ticket Escalation"
    _order = "date desc, id desc"
    _sunshine_protected_create = True
    _sunshine_protected_fields = (
        "ticket_id",
        "escalation_type",
        "date",
        "user_id",
        "automatic",
        "reason",
        "from_team_id",
        "to_team_id",
        "from_mode",
        "to_mode",
    )

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

    # ------------------------------------------------------------------
    # Access: an escalation follows its ticket
    # ------------------------------------------------------------------
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Only the escalations of the tickets the user may read: the
        tickets' own rules, as one subquery."""
        if not self.env.su:
            Ticket = self.env["helpdesk.ticket"].with_context(active_test=False)
            if not Ticket.has_access("read"):
                return self.browse()._as_query()
            domain = [*domain, ("ticket_id", "in", Ticket._search([]))]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        """Reading an escalation needs reading its ticket; the actions that
        create one need writing the ticket."""
        result = super()._check_access(operation)
        allowed = self - result[0] if result else self
        if not allowed:
            return result
        # sudo: the tickets of these escalations, whose access is checked here
        tickets = allowed.sudo().ticket_id.with_env(self.env)
        ticket_operation = "read" if operation == "read" else "write"
        refused_tickets = tickets - tickets._filtered_access(ticket_operation)
        if not refused_tickets:
            return result
        forbidden = allowed.filtered(
            lambda escalation: escalation.sudo().ticket_id in refused_tickets
        )
        if result:
            return (result[0] + forbidden, result[1])
        return (forbidden, lambda: forbidden._sunshine_ticket_access_error())

    def _sunshine_ticket_access_error(self):
        return AccessError(
            _(
                "The escalations of a ticket follow the ticket: you have no "
                "access to ticket %(ticket)s.",
                # sudo: the number only, to say which ticket
                ticket=self[:1].sudo().ticket_id.number,
            )
        )
