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
        precompute=True,
        # as the user: the centres offered are theirs
        compute_sudo=False,
        domain="[('id', 'in', allowed_warehouse_ids)]",
        help="The centre whose stock takes the serial back: one of yours.",
    )
    allowed_warehouse_ids = fields.Many2many(
        "stock.warehouse", compute="_compute_allowed_warehouse_ids"
    )
    note = fields.Char(string="Customer's Remark")

    @api.depends("lot_id.delivery_date")
    def _compute_last_return_date(self):
        for wizard in self:
            wizard.last_return_date = wizard.lot_id._no_reason_return_last_date()

    # The centres are the user's, whatever the serial; the dependency makes
    # the form compute them when it opens on the serial.
    @api.depends("lot_id")
    def _compute_allowed_warehouse_ids(self):
        centres = self.env["stock.warehouse"]._sunshine_staff_centres()
        self.allowed_warehouse_ids = centres

    @api.depends("lot_id")
    def _compute_warehouse_id(self):
        """The centre the serial was delivered from, else the user's own,
        among the centres the user may take it back into."""
        allowed = self.env["stock.warehouse"]._sunshine_staff_centres()
        Team = self.env["helpdesk.ticket.team"]
        team_centres = (
            Team.search([("user_ids", "in", self.env.uid)]).warehouse_id
            if Team.has_access("read")
            else self.env["stock.warehouse"]
        )
        staff_of = self.env.user.centre_warehouse_ids.with_env(self.env)
        own_centre = (staff_of | team_centres) & allowed
        for wizard in self:
            delivered = wizard.lot_id._delivery_warehouse()
            wizard.warehouse_id = delivered if delivered in allowed else own_centre[:1]

    def action_confirm(self):
        self._sunshine_ensure_one()
        self.lot_id._no_reason_return(self.warehouse_id, self.note)
        return {"type": "ir.actions.act_window_close"}
