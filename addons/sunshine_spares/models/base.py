from odoo import _, models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    _inherit = "base"

    def _sunshine_ensure_one(self):
        """``ensure_one`` for the actions a client calls: a clear message,
        not a raw error, when it names no record or several."""
        if len(self) != 1:
            raise UserError(
                _(
                    "This action works on one %(model)s at a time, and %(count)s "
                    "were given: open a single record and use its button.",
                    model=self.env["ir.model"]._get(self._name).name,
                    count=len(self),
                )
            )
        return self
