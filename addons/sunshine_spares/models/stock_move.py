from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero


class StockMove(models.Model):
    _inherit = "stock.move"

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

    def _sunshine_move_line_vals(self, lot, quantity, quants, taken):
        """Move lines taking ``quantity`` of ``lot`` (or of no lot) from where
        it lies in the move's source location.

        Stock kept on a shelf below the source is taken from that shelf,
        first in first out, from ``quants`` (the source's stock, read once
        for all the moves of a transfer); ``taken`` counts what earlier
        moves of the transfer took of each quant. A source that keeps no
        stock (a customer's) gives the quantity as is.
        """
        self.ensure_one()
        line = {
            "move_id": self.id,
            "picking_id": self.picking_id.id,
            "product_id": self.product_id.id,
            "product_uom_id": self.product_id.uom_id.id,
            "lot_id": lot.id,
            "location_dest_id": self.location_dest_id.id,
        }
        if self.location_id.should_bypass_reservation():
            return [dict(line, location_id=self.location_id.id, quantity=quantity)]
        rounding = self.product_id.uom_id.rounding
        vals_list = []
        remaining = quantity
        for quant in quants:
            if float_is_zero(remaining, precision_rounding=rounding):
                break
            if quant.product_id != self.product_id or quant.lot_id != lot:
                continue
            free = quant.quantity - quant.reserved_quantity - taken.get(quant, 0.0)
            quantity_taken = min(remaining, free)
            if float_compare(quantity_taken, 0.0, precision_rounding=rounding) <= 0:
                continue
            vals_list.append(
                dict(line, location_id=quant.location_id.id, quantity=quantity_taken)
            )
            taken[quant] = taken.get(quant, 0.0) + quantity_taken
            remaining -= quantity_taken
        if not float_is_zero(remaining, precision_rounding=rounding):
            raise UserError(
                _(
                    "%(part)s is not free in %(location)s: %(missing)s %(uom)s "
                    "missing. Receive it or release its reservation first.",
                    part=" / ".join(
                        filter(None, [self.product_id.display_name, lot.name])
                    ),
                    location=self.location_id.display_name,
                    missing=remaining,
                    uom=self.product_id.uom_id.name,
                )
            )
        return vals_list
