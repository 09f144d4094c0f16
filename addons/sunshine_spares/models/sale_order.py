from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    equipment_lot_id = fields.Many2one(
        "stock.lot",
        string="Equipment Serial",
        compute="_compute_equipment_lot_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        domain=[("customer_id", "!=", False)],
        help="The customer's equipment the quotation is for: its spare parts "
        "are priced at the prices locked at its delivery while its "
        "guaranteed supply period runs. Set from the repair it quotes.",
    )

    @api.depends("repair_order_ids.lot_id")
    def _compute_equipment_lot_id(self):
        for order in self:
            # An order of no repair keeps the serial the user chose.
            lots = order.repair_order_ids.lot_id
            if lots:
                order.equipment_lot_id = lots[:1]
