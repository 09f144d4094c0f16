from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    centre_team_ids = fields.One2many(
        "helpdesk.ticket.team",
        "warehouse_id",
        string="Maintenance Centre Teams",
        help="The service teams of the maintenance centre this warehouse stocks.",
    )

    def _sunshine_centres(self):
        """The warehouses of the maintenance centres: those of a service team."""
        return self.search([("centre_team_ids", "!=", False)])
