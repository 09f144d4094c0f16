from odoo import api, models


class SunshineCentreStockMixin(models.AbstractModel):
    """Stock records that a warehouse user creates and changes in their own
    maintenance centres only.

    The record rules check a record as it is before a write; the new values
    may put it in another centre (a move line rewritten to another centre's
    shelf, a shelf re-parented under another centre). The model lists in
    ``_sunshine_centre_location_fields`` the locations that place it, and
    the centres of those locations are checked once they are written, with
    a message that names the centre.
    """

    _name = "sunshine.centre.stock.mixin"
    _description = "Stock of the Maintenance Centres"

    _sunshine_centre_location_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sunshine_assert_centre_stock()
        return records

    def write(self, vals):
        res = super().write(vals)
        if set(self._sunshine_centre_location_fields) & vals.keys():
            self._sunshine_assert_centre_stock()
        return res

    def _sunshine_centre_locations(self):
        """The locations that place the records in a centre."""
        locations = self.env["stock.location"]
        for field_name in self._sunshine_centre_location_fields:
            locations |= self[field_name]
        return locations

    def _sunshine_assert_centre_stock(self):
        """Refuse a warehouse user stock of a centre they are not staff of."""
        if self and self.env["stock.warehouse"]._sunshine_centre_bound():
            locations = self._sunshine_centre_locations()
            locations.warehouse_id._sunshine_check_centre_staff()
