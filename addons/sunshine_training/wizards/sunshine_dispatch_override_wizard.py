from odoo import fields, models


class SunshineDispatchOverrideWizard(models.TransientModel):
    _name = "sunshine.dispatch.override.wizard"
    _description = "Assign Without Certification"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    product_categ_id = fields.Many2one(related="ticket_id.product_categ_id")
    user_id = fields.Many2one(
        "res.users", string="Engineer", required=True, domain=[("share", "=", False)]
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self._sunshine_ensure_one()
        self.ticket_id._assign_with_override(self.user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
