from odoo import api, fields, models


class SunshineLotReturn(models.TransientModel):
    """Take back a serial the customer returns without reason (无理由退货)."""

    _name = "sunshine.lot.return"
    _description = "No-Reason Return"

    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", required=True, readonly=True
    )
    delivery_date = fields.Date(related="lot_id.delivery_date")
    last_return_date = fields.Date(
        string="Last Day to Return", compute="_compute_last_return_date"
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Maintenance Centre",
        required=True,
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        help="The centre whose stock takes the serial back.",
    )
    note = fields.Char(string="Customer's Remark")

    @api.depends("lot_id.delivery_date")
    def _compute_last_return_date(self):
        for wizard in self:
            wizard.last_return_date = wizard.lot_id._no_reason_return_last_date()

    @api.depends("lot_id")
    def _compute_warehouse_id(self):
        Team = self.env["helpdesk.ticket.team"]
        own_centre = (
            Team.search([("user_ids", "in", self.env.uid)]).warehouse_id[:1]
            if Team.has_access("read")
            else self.env["stock.warehouse"]
        )
        for wizard in self:
            wizard.warehouse_id = wizard.lot_id._delivery_warehouse() or own_centre

    def action_confirm(self):
        self.ensure_one()
        self.lot_id._no_reason_return(self.warehouse_id, self.note)
        return {"type": "ir.actions.act_window_close"}
