from odoo import models


class MailThread(models.AbstractModel):
    """Messages written without a language in the environment (data files,
    scheduled actions) are in the user's language.

    There ``_()`` falls back to the user's language while records and labels
    are read in English: "SLA Policy 创建", a tracked selection shown as
    "无 → Free". Both follow the user's language.
    """

    _inherit = "mail.thread"

    def _sunshine_in_user_lang(self):
        if self.env.lang:
            return self
        return self.with_context(lang=self.env.user.lang)

    def _creation_message(self):
        return super(MailThread, self._sunshine_in_user_lang())._creation_message()

    def _message_track(self, fields_iter, initial_values_dict):
        return super(MailThread, self._sunshine_in_user_lang())._message_track(
            fields_iter, initial_values_dict
        )
