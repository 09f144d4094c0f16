from odoo import api, fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        index=True,
        help="The maintenance centre's warehouse: spare parts used on the "
        "team's tickets leave its stock.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams.warehouse_id._sunshine_stock_spare_parts()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if vals.get("warehouse_id"):
            self.warehouse_id._sunshine_stock_spare_parts()
        return res
