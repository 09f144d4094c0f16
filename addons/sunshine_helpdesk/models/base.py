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

    def _sunshine_user_readable(self):
        """These records that the user may read, by the user's own rules,
        also where the caller runs as the superuser (a record rule that
        follows the rules of other records is evaluated so)."""
        return self.with_env(self.env(su=False))._filtered_access("read")

    def _sunshine_user_readable_query(self):
        """The records of this model the user may read, as a subquery for a
        domain (archived ones included), by the user's own rules; None when
        the user may not read the model at all."""
        Model = self.env(su=False)[self._name].with_context(active_test=False)
        if not Model.has_access("read"):
            return None
        return Model._search([])
