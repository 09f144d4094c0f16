from odoo import api, models

SERVICE_AGENT = "sunshine_helpdesk.group_service_agent"
SERVICE_HOME_ACTION = "sunshine_helpdesk.helpdesk_ticket_action_service"


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._sunshine_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(
            key.startswith(("groups_id", "in_group_", "sel_groups_")) for key in vals
        ):
            self._sunshine_set_home_action()
        return res

    def _sunshine_set_home_action(self):
        """Service staff land in the service desk after login: a user who
        joins the service groups without a home action of their own gets
        the service tickets as home action."""
        action = self.env.ref(SERVICE_HOME_ACTION, raise_if_not_found=False)
        if not action:
            return
        users = self.filtered(
            lambda user: (
                not user.action_id and not user.share and user.has_group(SERVICE_AGENT)
            )
        )
        if users:
            # sudo: the home action only, on users the caller just gave the
            # service groups (which needs the right to manage users)
            users.sudo().write({"action_id": action.id})
