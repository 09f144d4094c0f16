from odoo import _, api, fields, models


class SunshineLotInstallation(models.TransientModel):
    """The engineers record a unit's commissioning and acceptance (调试, 初验,
    终验): the dates only, whatever else they may not change on the serial."""

    _name = "sunshine.lot.installation"
    _description = "Installation Record"

    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", required=True, readonly=True
    )
    delivery_date = fields.Date(related="lot_id.delivery_date")
    commissioning_date = fields.Date(
        compute="_compute_dates", store=True, readonly=False, precompute=True
    )
    initial_acceptance_date = fields.Date(
        string="Initial Acceptance",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    final_acceptance_date = fields.Date(
        string="Final Acceptance",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
    )
    note = fields.Char(help="e.g. who signed the acceptance on the customer's side")

    @api.depends("lot_id")
    def _compute_dates(self):
        for wizard in self:
            wizard.commissioning_date = wizard.lot_id.commissioning_date
            wizard.initial_acceptance_date = wizard.lot_id.initial_acceptance_date
            wizard.final_acceptance_date = wizard.lot_id.final_acceptance_date

    def action_confirm(self):
        self._sunshine_ensure_one()
        lot = self.lot_id
        # sudo: an engineer reads the serial but may not change it; these
        # three dates are theirs to record, checked by the serial's
        # constraints. The tracking and the message name the engineer (sudo
        # keeps the user) and the time.
        lot.sudo().write(
            {
                "commissioning_date": self.commissioning_date,
                "initial_acceptance_date": self.initial_acceptance_date,
                "final_acceptance_date": self.final_acceptance_date,
            }
        )
        note = f" {self.note}" if self.note else ""
        lot.sudo().message_post(
            body=_(
                "Installation recorded by %(user)s.%(note)s",
                user=self.env.user.name,
                note=note,
            )
        )
        return {"type": "ir.actions.act_window_close"}
