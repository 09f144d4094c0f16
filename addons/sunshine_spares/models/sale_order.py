from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    equipment_lot_id = fields.Many2one(
        "stock.lot",
        string="Equipment Serial",
        compute="_compute_equipment_lot_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        domain="[('customer_id', 'parent_of', partner_id)]",
        help="The customer's equipment the quotation is for: its spare parts "
        "are priced at the prices locked at its delivery while its "
        "guaranteed supply period runs. Set from the repair it quotes.",
    )

    @api.depends("repair_order_ids.lot_id", "partner_id")
    def _compute_equipment_lot_id(self):
        for order in self:
            # An order of no repair keeps the serial the user chose.
            customer = order.partner_id.commercial_partner_id
            lots = order.repair_order_ids.lot_id.filtered(
                lambda lot, c=customer: lot.customer_id.commercial_partner_id == c
            )
            if lots:
                order.equipment_lot_id = lots[:1]

    @api.constrains("equipment_lot_id", "partner_id")
    def _check_equipment_lot_customer(self):
        for order in self:
            owner = order.equipment_lot_id.customer_id.commercial_partner_id
            if owner and owner != order.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(lot)s is the equipment of %(owner)s, not of "
                        "%(customer)s: its locked prices are for its owner "
                        "only. Choose one of the customer's serials.",
                        lot=order.equipment_lot_id.name,
                        owner=owner.display_name,
                        customer=order.partner_id.commercial_partner_id.display_name,
                    )
                )
