from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    sla_paused = fields.Boolean(
        string="Pauses SLA Clocks",
        help="Tickets in this stage wait for the customer: their SLA clocks "
        "stop, and resume with the time they had left when the ticket leaves it.",
    )
