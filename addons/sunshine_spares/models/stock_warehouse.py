from odoo import _, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    centre_team_ids = fields.One2many(
        "helpdesk.ticket.team",
        "warehouse_id",
        string="Maintenance Centre Teams",
        help="The service teams of the maintenance centre this warehouse stocks.",
    )

    defective_location_id = fields.Many2one(
        "stock.location",
        string="Defective Parts Location",
        check_company=True,
        help="Where the centre keeps the faulty parts taken out of the customers' "
        "equipment until they are repaired.",
    )

    def _sunshine_defective_location(self):
        """The centre's defective-parts location, created on first use."""
        self.ensure_one()
        if not self.defective_location_id:
            # sudo: warehouse users issue parts but may not configure
            # locations; this one is always the same internal child of the
            # warehouse, so creating it cannot grant anything.
            warehouse = self.sudo()
            warehouse.defective_location_id = warehouse.env["stock.location"].create(
                {
                    "name": _("Defective Parts"),
                    "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                    "company_id": warehouse.company_id.id,
                }
            )
        return self.defective_location_id

    def _sunshine_centres(self):
        """The warehouses of the maintenance centres: those of a service team."""
        return self.search([("centre_team_ids", "!=", False)])
