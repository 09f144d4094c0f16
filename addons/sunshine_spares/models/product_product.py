from odoo import _, models
from odoo.exceptions import ValidationError


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _sunshine_assert_spare_part(self):
        """Refuse as spare parts the products the centres keep no stock of
        (services, consumables): a part is issued from, and reordered into,
        a centre's stock."""
        not_stocked = self.filtered(lambda product: not product.is_storable)
        if not_stocked:
            raise ValidationError(
                _(
                    "%(products)s: not a stocked product. Spare parts are the "
                    "parts the maintenance centres keep in stock; choose a "
                    "stocked part, or charge a service as a fee instead.",
                    products=", ".join(not_stocked.mapped("display_name")),
                )
            )
