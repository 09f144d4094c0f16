from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

# The context key of the part picker of a ticket: the equipment model whose
# spare-part list is offered first.
PART_LIST_EQUIPMENT_KEY = "sunshine_part_list_equipment_id"


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

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """On a ticket, the parts of the spare-part list of the unit's model
        first (in the list's order), then the other parts."""
        equipment_id = self.env.context.get(PART_LIST_EQUIPMENT_KEY)
        if not isinstance(equipment_id, int) or not equipment_id:
            return super().name_search(name, args, operator, limit)
        listed_ids = (
            self.env["sunshine.spare.part.list.line"]
            .search([("equipment_id", "=", equipment_id)])
            .product_id.ids
        )
        if not listed_ids:
            return super().name_search(name, args, operator, limit)
        domain = args or []
        listed = super().name_search(
            name, expression.AND([domain, [("id", "in", listed_ids)]]), operator, limit
        )
        rank = {product_id: index for index, product_id in enumerate(listed_ids)}
        listed.sort(key=lambda pair: rank[pair[0]])
        rest = limit - len(listed) if limit else None
        if rest is not None and rest <= 0:
            return listed
        return listed + super().name_search(
            name,
            expression.AND([domain, [("id", "not in", listed_ids)]]),
            operator,
            rest,
        )
