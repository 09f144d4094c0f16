from odoo import models


class StockLocation(models.Model):
    """A shelf is part of its centre's stock: re-parenting it under another
    centre moves that stock without a move."""

    _name = "stock.location"
    _inherit = ["stock.location", "sunshine.centre.stock.mixin"]

    _sunshine_centre_location_fields = ("location_id",)

    def _sunshine_centre_locations(self):
        return self | self.location_id
