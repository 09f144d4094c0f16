from odoo import api, models


class SunshineCentreStockMixin(models.AbstractModel):
    """Stock records that a warehouse user creates and changes in their own
    maintenance centres only.

    The record rules check a record as it is before a write; the values
    written may put it in another centre (a move line rewritten to another
    centre's shelf, a shelf re-parented under another centre). The model
    lists in ``_sunshine_centre_location_fields`` the locations that place
    it, and the centres of the locations a create or a write names are
    checked first, with a message that names the centre; nothing is
    written.
    """

    _name = "sunshine.centre.stock.mixin"
    _description = "Stock of the Maintenance Centres"

    _sunshine_centre_location_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._sunshine_assert_centre_stock(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._sunshine_assert_centre_stock(vals)
        return super().write(vals)

    @api.model
    def _sunshine_assert_centre_stock(self, vals):
        """Refuse a warehouse user the locations of a centre they are not
        staff of, among those ``vals`` names."""
        location_ids = [
            vals[name]
            for name in self._sunshine_centre_location_fields
            if vals.get(name)
        ]
        if location_ids and self.env["stock.warehouse"]._sunshine_centre_bound():
            locations = self.env["stock.location"].browse(location_ids)
            locations.warehouse_id._sunshine_check_centre_staff()
