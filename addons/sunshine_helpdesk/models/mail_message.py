from odoo import _, api, models
from odoo.exceptions import AccessError

from .sunshine_protected_fields_mixin import sunshine_is_action_env

# What a user changes on a message for themselves only (star, pin).
USER_STATE_FIELDS = frozenset({"starred_partner_ids", "pinned_at"})


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _sunshine_audit_subtypes(self):
        """The audit trail: {subtype xmlid: xmlid of the group that may edit
        or delete its messages}. The engine and the actions post these
        messages (SLA warnings and breaches, escalations, overrides...);
        nobody else posts them, and only that group edits or deletes them.
        Addons add their own subtypes."""
        manager = "sunshine_helpdesk.group_service_manager"
        return {
            "sunshine_helpdesk.mt_sla_warning": manager,
            "sunshine_helpdesk.mt_sla_breach": manager,
            "sunshine_helpdesk.mt_ticket_escalation": manager,
            "sunshine_helpdesk.mt_reported_date_corrected": manager,
        }

    @api.model
    def _sunshine_audit_subtype_groups(self):
        """{subtype id: group xmlid} of the audit trail."""
        IrModelData = self.env["ir.model.data"]
        groups = {}
        for xmlid, group in self._sunshine_audit_subtypes().items():
            subtype_id = IrModelData._xmlid_to_res_id(xmlid, raise_if_not_found=False)
            if subtype_id:
                groups[subtype_id] = group
        return groups

    def _sunshine_trusted(self):
        # the engine (scheduled actions run as the superuser) and the actions
        return self.env.su or sunshine_is_action_env(self.env)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._sunshine_trusted():
            audit = self._sunshine_audit_subtype_groups()
            if any(vals.get("subtype_id") in audit for vals in vals_list):
                raise AccessError(
                    _(
                        "SLA notices, escalation and override notes are posted by "
                        "their actions only; log a note to add your comment."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - USER_STATE_FIELDS:
            self._sunshine_assert_audit_editable()
        return super().write(vals)

    def unlink(self):
        self._sunshine_assert_audit_editable()
        return super().unlink()

    def _sunshine_assert_audit_editable(self):
        if self._sunshine_trusted():
            return
        audit = self._sunshine_audit_subtype_groups()
        # sudo: reads only the subtype, to decide; access to the messages
        # themselves is checked by the standard rules afterwards
        for message in self.sudo():
            group = audit.get(message.subtype_id.id)
            if group and not self.env.user.has_group(group):
                raise AccessError(
                    _(
                        "This message belongs to the audit trail (%(subtype)s): "
                        "only a manager may edit or delete it. Log a note to "
                        "correct or complete it.",
                        subtype=message.subtype_id.name,
                    )
                )
