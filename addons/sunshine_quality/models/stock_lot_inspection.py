from odoo import _, fields, models


class StockLot(models.Model):
    """The on-site inspections of a unit of the installed base."""

    _inherit = "stock.lot"  # pylint: disable=consider-merging-classes-inherited

    inspection_ids = fields.One2many(
        "sunshine.inspection", "lot_id", string="On-site Inspections", readonly=True
    )
    inspection_count = fields.Integer(compute="_compute_inspection_count")

    def _compute_inspection_count(self):
        Inspection = self.env["sunshine.inspection"]
        if not Inspection.has_access("read"):
            self.inspection_count = 0
            return
        counts = dict(
            Inspection._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.inspection_count = counts.get(lot, 0)

    def action_view_inspections(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("On-site Inspections"),
            "res_model": "sunshine.inspection",
            "view_mode": "list,form",
            "domain": [("lot_id", "=", self.id)],
            "context": {"default_lot_id": self.id},
        }
