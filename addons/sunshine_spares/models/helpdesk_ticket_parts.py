from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class HelpdeskTicket(models.Model):
    """The spare parts used on a ticket, issued from the centre's stock."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    part_ids = fields.One2many(
        "sunshine.ticket.part", "ticket_id", string="Spare Parts", copy=False
    )
    part_to_issue_count = fields.Integer(compute="_compute_part_to_issue_count")

    @api.depends("part_ids.state")
    def _compute_part_to_issue_count(self):
        for ticket in self:
            ticket.part_to_issue_count = len(
                ticket.part_ids.filtered(lambda p: p.state == "draft")
            )

    def action_issue_parts(self):
        """Issue the requested parts from the centre's stock (its warehouse staff)."""
        self._sunshine_ensure_one()
        if not self.env.user.has_group("sunshine_spares.group_spares_user"):
            raise AccessError(
                _("Only the warehouse users of the maintenance centre issue parts.")
            )
        parts = self.part_ids.filtered(lambda p: p.state == "draft")
        if not parts:
            raise UserError(_("Add the parts to issue on %s first.", self.number))
        parts.warehouse_id._sunshine_check_centre_staff()
        parts._issue()
        return True

    def _sunshine_customer_location(self):
        """Where parts delivered for the ticket go: the customer's location."""
        self.ensure_one()
        return self.partner_id.property_stock_customer or self.env.ref(
            "stock.stock_location_customers"
        )
