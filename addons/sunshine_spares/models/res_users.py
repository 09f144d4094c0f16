from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    centre_warehouse_ids = fields.Many2many(
        "stock.warehouse",
        "sunshine_warehouse_centre_user_rel",
        "user_id",
        "warehouse_id",
        string="Maintenance Centres",
        help="The maintenance centres on whose warehouse staff the user is.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "centre_warehouse_ids" in vals:
            # The record rules of the warehouse staff read these centres;
            # Odoo caches the rules' domains per user.
            self.env.registry.clear_cache()
        return res
