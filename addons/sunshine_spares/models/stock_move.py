from odoo import api, fields, models


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
