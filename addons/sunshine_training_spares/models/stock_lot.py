from odoo import _, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    training_session_count = fields.Integer(
        string="Customer Training", compute="_compute_training_session_count"
    )

    def _compute_training_session_count(self):
        counts = dict(
            self.env["sunshine.training.session"]._read_group(
                [("lot_ids", "in", self.ids)], ["lot_ids"], ["__count"]
            )
        )
        for lot in self:
            lot.training_session_count = counts.get(lot, 0)

    def action_view_training_sessions(self):
        self._sunshine_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customer Training"),
            "res_model": "sunshine.training.session",
            "view_mode": "list,form",
            "domain": [("lot_ids", "in", self.ids)],
            "context": {
                "default_lot_ids": self.ids,
                "default_customer_id": self.customer_id.id,
                "default_location_type": "customer",
            },
        }
