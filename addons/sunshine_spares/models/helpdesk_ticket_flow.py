from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """The flow of a ticket about a unit: its serial gives the product line
    and the customer, its model's spare-part list comes first, and what a
    closed ticket or a ticket with parts still to issue may not do."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    lot_product_id = fields.Many2one(
        related="lot_id.product_id",
        string="Equipment Model",
        help="The model of the ticket's unit: its spare-part list is offered "
        "first when parts are requested.",
    )

    @api.onchange("lot_id")
    def _onchange_lot_id_product_line(self):
        """The serial says which product line the ticket is about."""
        line = self.lot_id.product_id.categ_id
        if line and self.product_categ_id != line:
            self.product_categ_id = line

    @api.model_create_multi
    def create(self, vals_list):
        Lot = self.env["stock.lot"]
        for vals in vals_list:
            if vals.get("lot_id") and not vals.get("product_categ_id"):
                lot = Lot.browse(vals["lot_id"])
                if lot.product_id.categ_id:
                    vals["product_categ_id"] = lot.product_id.categ_id.id
                if lot.customer_id and not vals.get("partner_id"):
                    vals["partner_id"] = lot.customer_id.id
        return super().create(vals_list)

    def _sunshine_assert_open(self, action):
        """Refuse ``action`` on a closed ticket."""
        closed = self.filtered("closed")
        if closed:
            raise UserError(
                _(
                    "Ticket %(ticket)s is closed: %(action)s is no longer possible. "
                    "Open a new ticket for a new fault.",
                    ticket=closed[0].number,
                    action=action,
                )
            )

    def action_issue_parts(self):
        self._sunshine_assert_open(_("Issue Parts"))
        return super().action_issue_parts()

    def action_create_repair(self):
        self._sunshine_assert_open(_("Send to Repair"))
        return super().action_create_repair()

    def _sunshine_assert_resolvable(self, check_values=True):
        """A ticket is resolved once its requested parts are issued (or
        removed), and a ticket about a unit says what its fault was."""
        res = super()._sunshine_assert_resolvable(check_values=check_values)
        for ticket in self:
            requested = ticket.part_ids.filtered(lambda p: p.state == "draft")
            if requested:
                raise UserError(
                    _(
                        "Ticket %(ticket)s still has requested parts that were not "
                        "issued (%(parts)s): have the centre's warehouse issue them "
                        "with Issue Parts, or remove the lines, before resolving it.",
                        ticket=ticket.number,
                        parts=", ".join(requested.product_id.mapped("display_name")),
                    )
                )
            if check_values and ticket.lot_id and not ticket.fault_code_id:
                raise UserError(
                    _(
                        "Choose the fault of %(ticket)s (unit %(lot)s) before "
                        "resolving it.",
                        ticket=ticket.number,
                        lot=ticket.lot_id.name,
                    )
                )
        return res
