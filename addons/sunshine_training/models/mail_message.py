from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _sunshine_audit_subtypes(self):
        subtypes = super()._sunshine_audit_subtypes()
        subtypes.update(
            {
                "sunshine_training.mt_dispatch_override": (
                    "sunshine_helpdesk.group_service_manager"
                ),
                "sunshine_training.mt_certification_revoked": (
                    "sunshine_training.group_training_manager"
                ),
            }
        )
        return subtypes
