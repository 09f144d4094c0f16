from odoo import fields, models


class SunshineCertificationRevokeWizard(models.TransientModel):
    _name = "sunshine.certification.revoke.wizard"
    _description = "Revoke Certification"

    certification_id = fields.Many2one(
        "sunshine.certification", required=True, ondelete="cascade"
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self._sunshine_ensure_one()
        self.certification_id._revoke(self.reason)
        return {"type": "ir.actions.act_window_close"}
