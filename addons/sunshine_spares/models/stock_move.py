from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class StockMove(models.Model):
    _name = "stock.move"
    _inherit = ["stock.move", "sunshine.centre.stock.mixin"]

    _sunshine_centre_location_fields = ("location_id", "location_dest_id")

    locked_price = fields.Monetary(
        currency_field="locked_price_currency_id",
        compute="_compute_locked_price",
        help="The price of the part locked for the repaired serial on the "
        "repair's date; its quotation uses it, or zero under warranty.",
    )
    locked_price_currency_id = fields.Many2one(
        "res.currency", compute="_compute_locked_price"
    )

    @api.depends(
        "product_id",
        "repair_line_type",
        "repair_id.lot_id",
        "repair_id.schedule_date",
    )
    def _compute_locked_price(self):
        for move in self:
            # Only the parts added are charged; removed ones have no price.
            repair = move.repair_id if move.repair_line_type == "add" else False
            if not repair:
                move.locked_price = 0.0
                move.locked_price_currency_id = False
                continue
            lock = repair.lot_id._part_price_lock(
                move.product_id,
                repair.schedule_date
                and fields.Date.context_today(move, repair.schedule_date),
            )
            move.locked_price = lock.price
            move.locked_price_currency_id = lock.currency_id

    def _create_repair_sale_order_line(self):
        res = super()._create_repair_sale_order_line()
        # Odoo quotes the parts of a repair under warranty at zero; a
        # warranty that does not cover parts quotes them at their price.
        self.filtered(
            lambda move: (
                move.sale_line_id
                and move.repair_id.under_warranty
                and not move.repair_id._sunshine_parts_free()
            )
        ).sale_line_id.with_context(
            force_price_recomputation=True
        )._compute_price_unit()
        return res

    def _sunshine_reserve(self, lot):
        """Reserve the move with ``lot`` (or with what Odoo's reservation
        took, without one), or refuse it with what is missing.

        A source that keeps no stock (a customer's) gives the lot as is; in
        a stock location the lot is reserved where it lies, shelves
        included, by ``_update_reserved_quantity``.
        """
        self.ensure_one()
        if self._should_bypass_reservation():
            if not self.move_line_ids:
                self.env["stock.move.line"].create(
                    self._prepare_move_line_vals(quantity=self.product_qty)
                )
            if lot:
                self.move_line_ids.lot_id = lot
        elif lot and self.move_line_ids.lot_id != lot:
            self.move_line_ids.unlink()
            self._update_reserved_quantity(
                self.product_qty, self.location_id, lot_id=lot, strict=False
            )
            self._recompute_state()
        rounding = self.product_id.uom_id.rounding
        missing = self.product_qty - self.quantity
        if float_compare(missing, 0.0, precision_rounding=rounding) > 0:
            raise UserError(
                _(
                    "%(part)s is not free in %(location)s: %(missing)s %(uom)s "
                    "missing. Receive it or release its reservation first.",
                    part=" / ".join(
                        filter(None, [self.product_id.display_name, lot and lot.name])
                    ),
                    location=self.location_id.display_name,
                    missing=missing,
                    uom=self.product_id.uom_id.name,
                )
            )
