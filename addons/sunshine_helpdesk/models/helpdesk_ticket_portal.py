from odoo import _, models
from odoo.exceptions import AccessError


class HelpdeskTicket(models.Model):
    """What a customer may not do to a ticket, whatever the route."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        if "stage_id" in vals:
            self._sunshine_assert_stage_by_staff(vals["stage_id"])
        return super().write(vals)

    def _sunshine_assert_stage_by_staff(self, stage_id):
        """A customer (a portal or public user) never moves a ticket to
        another stage: not Done or Cancelled, which would stop its clocks
        unresolved, nor Awaiting, which would pause them. Checked for the
        superuser too: helpdesk_mgmt's portal routes write as the superuser
        on behalf of the customer. The engine's actions are trusted."""
        if not self.env.user.share or self._sunshine_writes_protected():
            return
        moved = self.filtered(lambda ticket: ticket.stage_id.id != stage_id)
        if moved:
            raise AccessError(
                _(
                    "Ticket %(ticket)s is moved through its stages by the service "
                    "desk: reply on the ticket to tell them it can be closed.",
                    ticket=moved[0].number,
                )
            )
