from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.sunshine_helpdesk.models.sunshine_protected_fields_mixin import (
    sunshine_context_default_names,
    sunshine_is_action_env,
)

# The call or campaign line an answer belongs to: the answer scores it
LINK_FIELDS = {"sunshine_callback_id", "sunshine_campaign_line_id"}


class SurveyUserInput(models.Model):
    """A survey answer that belongs to a callback (the call script filled in
    by the caller) or to a line of a satisfaction campaign, not only to a
    partner."""

    _inherit = "survey.user_input"

    sunshine_callback_id = fields.Many2one(
        "sunshine.callback",
        string="Phone Callback",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )
    sunshine_campaign_line_id = fields.Many2one(
        "sunshine.survey.campaign.line",
        string="Survey Campaign Customer",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    sunshine_customer_id = fields.Many2one(
        "res.partner",
        string="Customer Answering",
        compute="_compute_sunshine_customer_id",
        store=True,
        index="btree_not_null",
        help="The customer of the call or of the survey line: whoever filled "
        "the answer in (the caller on the phone, staff from a letter).",
    )

    @api.depends(
        "sunshine_callback_id.partner_id", "sunshine_campaign_line_id.partner_id"
    )
    def _compute_sunshine_customer_id(self):
        for answer in self:
            answer.sunshine_customer_id = (
                answer.sunshine_callback_id.partner_id
                or answer.sunshine_campaign_line_id.partner_id
            )

    def _sunshine_assert_links(self, field_names):
        """The call and the campaign line of an answer are set by their
        actions only (the call script, the invitation, the keying in)."""
        if (
            set(field_names) & LINK_FIELDS
            and not self.env.su
            and not sunshine_is_action_env(self.env)
        ):
            raise AccessError(
                _(
                    "The call or the survey customer of a survey answer is set "
                    "by the call's and the campaign's actions only."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        defaults = sunshine_context_default_names(self.env)
        for vals in vals_list:
            self._sunshine_assert_links([*vals, *defaults])
        return super().create(vals_list)

    def write(self, vals):
        self._sunshine_assert_links(vals)
        return super().write(vals)

    def _mark_done(self):
        res = super()._mark_done()
        for answer in self.filtered("sunshine_campaign_line_id"):
            # sudo: the customer submitting their answer writes their line
            answer.sudo().sunshine_campaign_line_id._sunshine_answered(answer)
        return res
