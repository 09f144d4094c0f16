from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """Write "<document> created" in one language.

        Without a language in the environment (data files, scheduled actions),
        ``_()`` falls back to the user's language while the document's name is
        read in English: "SLA Policy 创建". Both follow the user's language.
        """
        if self.env.lang:
            return super()._creation_message()
        return super(
            MailThread, self.with_context(lang=self.env.user.lang)
        )._creation_message()
