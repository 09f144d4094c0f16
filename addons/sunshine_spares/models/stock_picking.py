from odoo import Command, _, api, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "sunshine.centre.stock.mixin"]

    _sunshine_centre_location_fields = ("location_id", "location_dest_id")

    @api.model
    def _sunshine_transfer(
        self, picking_type, source, destination, lines, validate=True, **values
    ):
        """Create one transfer and validate it; return its moves in ``lines`` order.

        ``lines`` are (product, lot, quantity). The stock is reserved by
        Odoo's own reservation (removal strategy, shelves, packages): a line
        with a lot takes that very lot, one without takes what the
        reservation picks. With ``validate`` False the transfer is left
        ready, reserved, for the warehouse to validate when the goods
        actually move.
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
        for move, (_product, lot, _quantity) in zip(moves, lines, strict=True):
            move._sunshine_reserve(lot)
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
            # A replacement moves the installed base its own way.
            replacing = tickets.replacement_delivery_id | tickets.replacement_return_id
            (done - replacing).move_ids.move_line_ids._sunshine_follow_installed_base()
            tickets._sunshine_replacement_moved(done)
        return res
