from odoo import api, fields, models


class SaleOrderLine(models.Model):
    """Quotations price by the after-sales rules before the pricelist.

    In this order: the service fee of a repair after its warranty, zero
    for the parts of a repair under warranty, the locked price of a spare
    part for the order's serial, then the pricelist.
    """

    _inherit = "sale.order.line"

    fee_repair_id = fields.Many2one(
        "repair.order",
        string="Service Fee of Repair",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The repair whose post-warranty service fee the line charges.",
    )
    locked_price = fields.Monetary(
        compute="_compute_locked_price",
        help="The price of the part locked for the order's equipment serial "
        "on the order date.",
    )
    locked_price_until = fields.Date(
        string="Locked Until",
        compute="_compute_locked_price",
        help="The last day of the part's locked price for the serial.",
    )

    @api.depends("product_id", "order_id.equipment_lot_id", "order_id.date_order")
    def _compute_locked_price(self):
        for line in self:
            lock = line._price_lock()
            line.locked_price = (
                lock._price_in(
                    line.currency_id, line.company_id, line._price_lock_date()
                )
                if lock and line.currency_id
                else 0.0
            )
            line.locked_price_until = lock.date_end

    @api.depends("order_id.equipment_lot_id")
    def _compute_price_unit(self):
        return super()._compute_price_unit()

    @api.depends("order_id.equipment_lot_id", "fee_repair_id")
    def _compute_discount(self):
        res = super()._compute_discount()
        # The fee, the warranty's zero and the locked price are the prices
        # promised: a pricelist discount does not come on top of them.
        for line in self:
            if line.discount and line._sunshine_price_rule():
                line.discount = 0.0
        return res

    def _sunshine_price_rule(self):
        """Whether an after-sales rule prices the line, not the pricelist."""
        self.ensure_one()
        return bool(
            self.fee_repair_id or self._repair_under_warranty() or self._price_lock()
        )

    def _get_display_price(self):
        self.ensure_one()
        date = self._price_lock_date()
        repair = self.fee_repair_id
        if repair:
            return repair.fee_currency_id._convert(
                repair.fee_amount, self.currency_id, self.company_id, date
            )
        if self._repair_under_warranty():
            return 0.0
        lock = self._price_lock()
        if lock:
            return lock._price_in(self.currency_id, self.company_id, date)
        return super()._get_display_price()

    def _price_lock_date(self):
        """The day the line is priced on: its order's date."""
        self.ensure_one()
        order_date = self._get_order_date()
        return fields.Date.context_today(self, order_date) if order_date else False

    def _price_lock(self):
        """The locked price of the line's part for its order's serial, if any."""
        self.ensure_one()
        if not self.product_id or self.fee_repair_id:
            return self.env["sunshine.lot.part.price"]
        # sudo: salespeople may quote for a serial they cannot read; only
        # its locked price is read, which the line shows anyway.
        lot = self.order_id.sudo().equipment_lot_id
        return lot._part_price_lock(self.product_id, self._price_lock_date())

    def _repair_under_warranty(self):
        """Whether the line charges a part of a repair under warranty."""
        self.ensure_one()
        # sudo: as repair's own lines, a salesperson reads the repair moves
        # of the line only to know whether the part is free.
        return any(
            repair._sunshine_parts_free() for repair in self.sudo().move_ids.repair_id
        )
