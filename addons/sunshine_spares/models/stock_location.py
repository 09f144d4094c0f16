from odoo import models


class StockLocation(models.Model):
    """A shelf is part of its centre's stock: re-parenting it under another
    centre moves that stock without a move."""

    _name = "stock.location"
    _inherit = ["stock.location", "sunshine.centre.stock.mixin"]

    # The parent: a shelf belongs to the centre of the location it is in.
    _sunshine_centre_location_fields = ("location_id",)
