from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _sunshine_dispatch_line_depends(self):
        return [
            *super()._sunshine_dispatch_line_depends(),
            "lot_id",
            "lot_id.product_id.categ_id",
        ]

    def _sunshine_dispatch_line(self):
        """Without a product line of its own, a ticket about a unit is
        dispatched by its model's line: the gating still applies."""
        return super()._sunshine_dispatch_line() or self.lot_id.product_id.categ_id
