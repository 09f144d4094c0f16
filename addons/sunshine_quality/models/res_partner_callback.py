from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .quality_staff import is_quality_staff

TEAM_FIELD = "sunshine_callback_team_id"


class ResPartner(models.Model):
    _inherit = "res.partner"

    sunshine_callback_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Callback Office",
        index="btree_not_null",
        help="The local service office that makes this customer's phone "
        "callbacks; its engineering office supervises them. Set by the "
        "quality staff.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get(TEAM_FIELD) for vals in vals_list):
            self._sunshine_assert_callback_office_editor()
        return super().create(vals_list)

    def write(self, vals):
        if TEAM_FIELD in vals:
            self._sunshine_assert_callback_office_editor()
        return super().write(vals)

    def _sunshine_assert_callback_office_editor(self):
        """The callback office decides who calls the customer, who sees their
        calls, issues and survey lines: the quality staff choose it (and the
        administrator, and the data files of an install)."""
        if is_quality_staff(self.env) or self.env.user.has_group("base.group_system"):
            return
        raise AccessError(
            _(
                "A customer's callback office is chosen by the quality staff: "
                "ask them to change it."
            )
        )
