from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

SERVICE_CHARGES = [
    ("free", "Free"),
    ("charged", "Charged"),
]


class HelpdeskTicket(models.Model):
    """A ticket about a unit of the installed base is charged by its warranty."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "sunshine.warranty.charge.mixin"]

    # Computed from the unit's warranty, or decided by the agent through
    # the actions when the warranty status is unknown.
    _sunshine_protected_fields = (
        "warranty_status",
        "service_charge",
        "fee_amount",
        "fee_currency_id",
    )

    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        index=True,
        tracking=True,
        domain=[("customer_id", "!=", False)],
        help="The customer's equipment the ticket is about.",
    )
    warranty_status = fields.Selection(
        help="The warranty status of the equipment on the day the fault was reported.",
    )
    service_charge = fields.Selection(
        SERVICE_CHARGES,
        compute="_compute_service_charge",
        store=True,
        readonly=True,
        tracking=True,
        help="Free in warranty when the term covers the labour (and the travel "
        "of an on-site service); charged by the term's fee schedule otherwise. "
        "Empty when the warranty status is unknown: choose it.",
    )
    fee_amount = fields.Monetary(
        help="The price of the ticket's service type in the post-warranty fee "
        "schedule of the equipment's warranty term.",
    )

    @api.depends(
        "warranty_status",
        "service_mode",
        "lot_id.warranty_term_id.covers_labour",
        "lot_id.warranty_term_id.covers_travel",
    )
    def _compute_service_charge(self):
        for ticket in self:
            # A closed ticket keeps what it was charged, whatever later
            # corrections of the serial's dates or of the fee schedule (the
            # old value is read from the database, as Odoo allows here).
            if ticket._sunshine_charge_frozen() and ticket.service_charge:
                continue
            if not ticket.warranty_status:
                ticket.service_charge = False
            elif ticket.lot_id._warranty_covers(
                ticket.warranty_status,
                labour=True,
                travel=ticket.service_mode == "onsite",
            ):
                ticket.service_charge = "free"
            else:
                ticket.service_charge = "charged"

    @api.constrains("lot_id", "company_id")
    def _check_lot_company(self):
        for ticket in self:
            lot_company = ticket.lot_id.company_id
            if lot_company and lot_company != ticket.company_id:
                raise ValidationError(
                    _(
                        "%(lot)s is a serial of %(lot_company)s, and ticket "
                        "%(ticket)s is of %(company)s: choose a serial of the "
                        "ticket's company.",
                        lot=ticket.lot_id.name,
                        lot_company=lot_company.name,
                        ticket=ticket.display_name,
                        company=ticket.company_id.name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id_lot(self):
        """Propose the customer's equipment when it has only one."""
        customer = self.partner_id.commercial_partner_id
        if not customer:
            return
        if self.lot_id and self.lot_id.customer_id.commercial_partner_id == customer:
            return
        lots = self.env["stock.lot"].search(
            [("customer_id", "child_of", customer.id)], limit=2
        )
        self.lot_id = lots if len(lots) == 1 else False

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        if self.lot_id.customer_id and not self.partner_id:
            self.partner_id = self.lot_id.customer_id

    def action_charge_free(self):
        """The agent serves free a ticket whose warranty status is unknown."""
        return self._sunshine_decide_charge("free")

    def action_charge_fee(self):
        """The agent charges a ticket whose warranty status is unknown."""
        return self._sunshine_decide_charge("charged")

    def _sunshine_decide_charge(self, charge):
        self._sunshine_ensure_one()
        if self.warranty_status:
            raise UserError(
                _(
                    "The charge of %(ticket)s follows the warranty of its "
                    "equipment (%(status)s). Correct the serial or its dates "
                    "instead.",
                    ticket=self.display_name,
                    status=dict(
                        self._fields["warranty_status"]._description_selection(self.env)
                    )[self.warranty_status],
                )
            )
        if self._sunshine_charge_frozen():
            raise UserError(
                _(
                    "%(ticket)s is closed: it keeps the charge it was closed with.",
                    ticket=self.display_name,
                )
            )
        self._sunshine_as_action().write({"service_charge": charge})
        return True

    def _sunshine_charge_moment_fields(self):
        return ["reported_date"]

    def _sunshine_labour_charged_fields(self):
        return ["service_charge"]

    def _sunshine_charge_moment(self):
        return self.reported_date

    def _sunshine_labour_charged(self):
        return self.service_charge == "charged"

    def _sunshine_charge_frozen(self):
        return bool(self.closed_date)
