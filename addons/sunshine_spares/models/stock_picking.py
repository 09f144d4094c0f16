from odoo import Command, _, api, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model
    def _sunshine_transfer(
        self, picking_type, source, destination, lines, validate=True, **values
    ):
        """Create one transfer and validate it; return its moves in ``lines`` order.

        ``lines`` are (product, lot, quantity). The lots are set on the move
        lines as given, so the very serials requested move, never others
        the reservation would have picked. With ``validate`` False the
        transfer is left ready, those serials reserved, for the warehouse to
        validate when the goods actually move.
        """
        picking = self.create(
            {
                "picking_type_id": picking_type.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.display_name,
                            "product_id": product.id,
                            "product_uom": product.uom_id.id,
                            "product_uom_qty": quantity,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                        }
                    )
                    for product, _lot, quantity in lines
                ],
                **values,
            }
        )
        picking.action_confirm()
        moves = picking.move_ids.sorted("id")
        moves.move_line_ids.unlink()
        # One read of the stock the moves take from, shelves included.
        quants = self.env["stock.quant"]
        if not source.should_bypass_reservation():
            quants = quants.search(
                [
                    ("product_id", "in", moves.product_id.ids),
                    ("location_id", "child_of", source.id),
                    ("quantity", ">", 0),
                ],
                order="in_date, id",
            )
        taken = {}
        self.env["stock.move.line"].create(
            [
                vals
                for move, (_product, lot, quantity) in zip(moves, lines, strict=True)
                for vals in move._sunshine_move_line_vals(lot, quantity, quants, taken)
            ]
        )
        if not validate:
            return moves
        moves.picked = True
        picking._action_done()
        if picking.state != "done":
            raise UserError(
                _(
                    "The transfer %(picking)s could not be validated.",
                    picking=picking.name,
                )
            )
        return moves

    def _action_done(self):
        res = super()._action_done()
        done = self.filtered(lambda picking: picking.state == "done")
        if done:
            # sudo: the warehouse user validating a transfer may read the
            # ticket that proposed it but not write it; what the transfer did
            # is recorded on it (links, messages) and in the installed base
            # (the new unit takes the faulty one's place), as a consequence
            # of the validation the user was allowed to make.
            tickets = (
                self.env["helpdesk.ticket"]
                .sudo()
                .search(
                    [
                        "|",
                        ("replacement_delivery_id", "in", done.ids),
                        ("replacement_return_id", "in", done.ids),
                    ]
                )
            )
            tickets._sunshine_replacement_moved(done)
        return res
