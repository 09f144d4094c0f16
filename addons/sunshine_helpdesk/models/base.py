from odoo import _, models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    _inherit = "base"

    def _sunshine_ensure_one(self):
        """``ensure_one`` for the actions a client may call: an action on no
        record or on several answers a message that says what to do, not
        ensure_one's raw error."""
        if len(self) != 1:
            raise UserError(
                _(
                    "This action works on exactly one %(model)s, not on "
                    "%(count)s: open a single record and try again.",
                    model=self.env["ir.model"]._get(self._name).name,
                    count=len(self),
                )
            )
        return self
