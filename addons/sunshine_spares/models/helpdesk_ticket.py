from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .stock_lot import WARRANTY_STATUSES

SERVICE_CHARGES = [
    ("free", "Free"),
    ("charged", "Charged"),
]
# Done repairs of a serial for the same fault after which it is replaced.
REPAIRS_BEFORE_REPLACEMENT = 2


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        index=True,
        tracking=True,
        domain=[("customer_id", "!=", False)],
        help="The customer's equipment the ticket is about.",
    )
    warranty_status = fields.Selection(
        WARRANTY_STATUSES,
        compute="_compute_warranty_status",
        store=True,
        help="The warranty status of the equipment on the day the fault was reported.",
    )
    service_charge = fields.Selection(
        SERVICE_CHARGES,
        compute="_compute_service_charge",
        store=True,
        readonly=False,
        tracking=True,
        help="Free in warranty when the term covers the labour (and the travel "
        "of an on-site service); charged by the term's fee schedule otherwise. "
        "Empty when the warranty status is unknown: choose it.",
    )
    fee_currency_id = fields.Many2one(
        "res.currency", compute="_compute_fee", store=True
    )
    fee_amount = fields.Monetary(
        string="Service Fee",
        currency_field="fee_currency_id",
        compute="_compute_fee",
        store=True,
        readonly=False,
        help="The price of the ticket's service type in the post-warranty fee "
        "schedule of the equipment's warranty term.",
    )

    part_ids = fields.One2many(
        "sunshine.ticket.part", "ticket_id", string="Spare Parts", copy=False
    )
    part_to_issue_count = fields.Integer(compute="_compute_part_to_issue_count")
    repair_ids = fields.One2many(
        "repair.order", "ticket_id", string="Repairs", copy=False
    )
    repair_count = fields.Integer(compute="_compute_repair_count")
    config_change_ids = fields.One2many(
        "sunshine.lot.config.change",
        "ticket_id",
        string="Configuration Changes",
        copy=False,
    )
    fault_code_id = fields.Many2one(
        "sunshine.fault.code",
        string="Fault",
        index=True,
        tracking=True,
        help="The kind of failure of the equipment.",
    )
    replacement_required = fields.Boolean(
        compute="_compute_replacement_required",
        store=True,
        help="The serial has been repaired at least twice for the ticket's "
        "fault: replace the unit instead of repairing it again.",
    )
    replacement_lot_id = fields.Many2one(
        "stock.lot",
        string="Replacement Unit",
        readonly=True,
        copy=False,
        help="The new unit proposed to replace the faulty serial; it takes over "
        "the installed-base record and the warranty when it is delivered.",
    )
    # Indexed: every validated transfer looks up the ticket it replaces for.
    replacement_delivery_id = fields.Many2one(
        "stock.picking", readonly=True, copy=False, index="btree_not_null"
    )
    replacement_return_id = fields.Many2one(
        "stock.picking",
        string="Faulty Unit Return",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.depends("part_ids.state")
    def _compute_part_to_issue_count(self):
        for ticket in self:
            ticket.part_to_issue_count = len(
                ticket.part_ids.filtered(lambda p: p.state == "draft")
            )

    @api.depends("repair_ids")
    def _compute_repair_count(self):
        # sudo: the count only; the repairs themselves stay behind stock rights.
        counts = dict(
            self.env["repair.order"]
            .sudo()
            ._read_group([("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"])
        )
        for ticket in self:
            ticket.repair_count = counts.get(ticket, 0)

    @api.depends(
        "lot_id",
        "fault_code_id",
        "lot_id.repair_order_ids.state",
        "lot_id.repair_order_ids.fault_code_id",
    )
    def _compute_replacement_required(self):
        for ticket in self:
            fault = ticket.fault_code_id
            repairs = ticket.lot_id.repair_order_ids.filtered(
                lambda r, f=fault: r.state == "done" and r.fault_code_id == f
            )
            ticket.replacement_required = bool(fault) and (
                len(repairs) >= REPAIRS_BEFORE_REPLACEMENT
            )

    @api.depends(
        "lot_id.warranty_start_date",
        "lot_id.warranty_end_date",
        "lot_id.repaired_warranty_end_date",
        "reported_date",
    )
    def _compute_warranty_status(self):
        for ticket in self:
            ticket.warranty_status = ticket.lot_id._warranty_status_at(
                ticket.reported_date
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
            if ticket.closed_date and ticket.service_charge:
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

    @api.depends(
        "service_charge",
        "service_type_id",
        "lot_id.warranty_term_id.fee_ids.price",
        "lot_id.warranty_term_id.fee_ids.service_type_id",
    )
    def _compute_fee(self):
        for ticket in self:
            if ticket.closed_date and ticket.fee_currency_id:
                continue
            fee = self.env["sunshine.warranty.fee"]
            if ticket.service_charge == "charged" and ticket.lot_id:
                fee = ticket.lot_id._warranty_fee(ticket.service_type_id)
            ticket.fee_amount = fee.price
            ticket.fee_currency_id = (
                fee.currency_id
                or ticket.company_id.currency_id
                or self.env.company.currency_id
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

    def action_issue_parts(self):
        """Issue the requested parts from the centre's stock (its warehouse staff)."""
        self.ensure_one()
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

    def action_create_repair(self):
        """Open a new repair of the ticket's unit in the centre's workshop."""
        self.ensure_one()
        if not self.lot_id:
            raise UserError(
                _(
                    "Set the serial number of the faulty unit on %(ticket)s "
                    "before sending it to repair.",
                    ticket=self.number,
                )
            )
        repair_type = self.team_id.warehouse_id.repair_type_id
        context = {
            "default_ticket_id": self.id,
            "default_product_id": self.lot_id.product_id.id,
            "default_lot_id": self.lot_id.id,
            "default_partner_id": self.partner_id.commercial_partner_id.id,
            "default_fault_code_id": self.fault_code_id.id,
        }
        if repair_type:
            context["default_picking_type_id"] = repair_type.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Repair of %s", self.lot_id.name),
            "res_model": "repair.order",
            "view_mode": "form",
            "context": context,
        }

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_propose_replacement(self):
        """Propose a new unit from the centre and the return of the faulty one.

        Both transfers are left ready, the new unit reserved, for the
        warehouse to validate when the units are swapped at the customer's.
        """
        self.ensure_one()
        if not self.env.user.has_group("sunshine_spares.group_spares_user"):
            raise AccessError(
                _("Only the warehouse users of the maintenance centre replace units.")
            )
        if self.replacement_delivery_id:
            raise UserError(
                _(
                    "A replacement was already proposed on %(ticket)s: see "
                    "%(picking)s.",
                    ticket=self.number,
                    picking=self.replacement_delivery_id.name,
                )
            )
        if not self.replacement_required:
            raise UserError(
                _(
                    "Ticket %(ticket)s needs no replacement: a unit is replaced "
                    "when its serial was repaired at least twice for the fault of "
                    "the ticket. Set the serial and the fault, or repair the unit.",
                    ticket=self.number,
                )
            )
        warehouse = self.team_id.warehouse_id
        if not warehouse:
            raise UserError(
                _(
                    "Ticket %(ticket)s has no maintenance centre warehouse: set "
                    "the warehouse of its team before proposing a replacement.",
                    ticket=self.number,
                )
            )
        warehouse._sunshine_check_centre_staff()
        faulty = self.lot_id
        product = faulty.product_id
        stock = warehouse.lot_stock_id
        new_unit = self._sunshine_replacement_unit(product, stock)
        customer_location = self._sunshine_customer_location()
        Picking = self.env["stock.picking"]
        values = {"partner_id": self.partner_id.id, "origin": self.number or self.name}
        delivery = Picking._sunshine_transfer(
            warehouse.out_type_id,
            stock,
            customer_location,
            [(product, new_unit, 1.0)],
            validate=False,
            **values,
        ).picking_id
        returned = Picking._sunshine_transfer(
            warehouse.in_type_id,
            customer_location,
            warehouse._sunshine_defective_location(),
            [(product, faulty, 1.0)],
            validate=False,
            **values,
        ).picking_id
        # sudo: the centre's warehouse staff may read the ticket without
        # being its agents; these two read-only fields are written here only,
        # with the transfers just made after the checks above.
        self.sudo().write(
            {
                "replacement_lot_id": new_unit.id,
                "replacement_delivery_id": delivery.id,
                "replacement_return_id": returned.id,
            }
        )
        self.message_post(
            body=_(
                "Replacement proposed after repeated %(fault)s repairs: new unit "
                "%(new)s to deliver by %(delivery)s, faulty unit %(faulty)s to "
                "return to the defective parts of %(warehouse)s by %(returned)s. "
                "Validate both transfers when the units are swapped.",
                fault=self.fault_code_id.display_name,
                new=new_unit.name,
                delivery=delivery.name,
                faulty=faulty.name,
                warehouse=warehouse.name,
                returned=returned.name,
            )
        )
        return True

    def _sunshine_replacement_moved(self, pickings):
        """React to the validation of the replacement transfers ``pickings``.

        Once the new unit is delivered it takes over the faulty unit's place
        in the installed base, whether or not the faulty one is back yet.
        """
        for ticket in self:
            faulty = ticket.lot_id
            delivery = ticket.replacement_delivery_id
            # The unit that left, whichever serial the warehouse delivered.
            new_unit = (
                delivery.move_line_ids.lot_id.filtered(
                    lambda lot, f=faulty: lot.product_id == f.product_id
                )[:1]
                or ticket.replacement_lot_id
            )
            if delivery in pickings and new_unit:
                ticket.replacement_lot_id = new_unit
                new_unit._sunshine_take_over(faulty)
                ticket.message_post(
                    body=_(
                        "Replacement unit %(new)s delivered: it now stands for "
                        "%(faulty)s in the installed base of %(customer)s.",
                        new=new_unit.name,
                        faulty=faulty.name,
                        customer=new_unit.customer_id.display_name,
                    )
                )
            if ticket.replacement_return_id in pickings:
                ticket.message_post(
                    body=_(
                        "Faulty unit %(faulty)s received back by %(picking)s.",
                        faulty=faulty.name,
                        picking=ticket.replacement_return_id.name,
                    )
                )

    def _sunshine_replacement_unit(self, product, stock):
        """A serial of ``product`` free in ``stock`` or on its shelves.

        The faulty unit is a serial of the installed base, so its product
        is tracked and so is the replacement.
        """
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", product.id),
                ("location_id", "child_of", stock.id),
                ("lot_id", "not in", self.lot_id.ids),
                ("quantity", ">", 0),
            ],
            order="in_date, id",
        )
        for quant in quants:
            if quant.quantity - quant.reserved_quantity >= 1:
                return quant.lot_id
        raise UserError(
            _(
                "No unit of %(product)s is free in %(location)s: receive one "
                "before proposing the replacement.",
                product=product.display_name,
                location=stock.display_name,
            )
        )

    def _sunshine_customer_location(self):
        """Where parts delivered for the ticket go: the customer's location."""
        self.ensure_one()
        return self.partner_id.property_stock_customer or self.env.ref(
            "stock.stock_location_customers"
        )
