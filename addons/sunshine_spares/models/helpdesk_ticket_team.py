from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        index=True,
        help="The maintenance centre's warehouse: spare parts used on the "
        "team's tickets leave its stock.",
    )
