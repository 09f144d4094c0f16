from odoo import fields, models

SUPPORT_LEVELS = [
    ("1", "Maintenance Centre"),
    ("2", "Engineering Office"),
    ("3", "Product Division"),
    ("4", "HQ Engineering"),
]


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    support_level = fields.Selection(
        SUPPORT_LEVELS,
        default="1",
        required=True,
        help="Tickets escalate from a team to its parent team, one level up: "
        "local service office, engineering office, product division customer "
        "service, HQ engineering department.",
    )
