from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal's chatter (a ticket's 沟通记录) is mail's: its words
        ("The conversation is empty.") need mail's terms in the frontend, as
        website_mail gives them with a website (odoo/odoo#191534)."""
        return super()._get_translation_frontend_modules_name() + ["mail"]
