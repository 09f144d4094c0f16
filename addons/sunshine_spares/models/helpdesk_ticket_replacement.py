from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare


class HelpdeskTicket(models.Model):
    """The same fault repaired too often: the unit is replaced (同一质量问题
    连续两次维修仍无法正常使用的, 更换同品牌同型号设备)."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    # Computed from the repairs, or set by the replacement's transfers.
    _sunshine_protected_fields = (
        "replacement_required",
        "replacement_lot_id",
        "replacement_delivery_id",
        "replacement_return_id",
    )

    replacement_required = fields.Boolean(
        compute="_compute_replacement_required",
        store=True,
        help="The serial has been repaired for the ticket's fault as many times "
        "as the company replaces after: replace the unit instead of repairing "
        "it again.",
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

    @api.depends(
        "lot_id",
        "fault_code_id",
        "lot_id.repair_order_ids.state",
        "lot_id.repair_order_ids.fault_code_id",
        "company_id.sunshine_repairs_before_replacement",
    )
    def _compute_replacement_required(self):
        for ticket in self:
            fault = ticket.fault_code_id
            repairs = ticket.lot_id.repair_order_ids.filtered(
                lambda r, f=fault: r.state == "done" and r.fault_code_id == f
            )
            ticket.replacement_required = bool(fault) and (
                len(repairs) >= ticket.company_id.sunshine_repairs_before_replacement
            )

    def action_propose_replacement(self):
        """Propose a new unit from the centre and the return of the faulty one.

        Both transfers are left ready, the new unit reserved, for the
        warehouse to validate when the units are swapped at the customer's.
        """
        self._sunshine_ensure_one()
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
                    "when its serial was repaired at least %(count)s times for "
                    "the fault of the ticket. Set the serial and the fault, or "
                    "repair the unit.",
                    ticket=self.number,
                    count=self.company_id.sunshine_repairs_before_replacement,
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
        self._sunshine_assert_unit_free(product, stock)
        customer_location = self._sunshine_customer_location()
        Picking = self.env["stock.picking"]
        values = {"partner_id": self.partner_id.id, "origin": self.number or self.name}
        # The new unit is the one the reservation takes, by the centre's
        # removal strategy.
        delivery = Picking._sunshine_transfer(
            warehouse.out_type_id,
            stock,
            customer_location,
            [(product, False, 1.0)],
            validate=False,
            **values,
        ).picking_id
        new_unit = delivery.move_line_ids.lot_id[:1]
        returned = Picking._sunshine_transfer(
            warehouse.in_type_id,
            customer_location,
            warehouse._sunshine_defective_location(),
            [(product, faulty, 1.0)],
            validate=False,
            **values,
        ).picking_id
        # sudo: the centre's warehouse staff may read the ticket without
        # being its agents; these fields are written here only, with the
        # transfers just made after the checks above.
        self.sudo()._sunshine_as_action().write(
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
                ticket._sunshine_as_action().replacement_lot_id = new_unit
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

    @api.model
    def _sunshine_assert_unit_free(self, product, stock):
        """Refuse, before any stock moves, a replacement the centre cannot
        deliver: no unit of ``product`` free in ``stock`` or on its shelves."""
        available = self.env["stock.quant"]._get_available_quantity(product, stock)
        if (
            float_compare(available, 1.0, precision_rounding=product.uom_id.rounding)
            < 0
        ):
            raise UserError(
                _(
                    "No unit of %(product)s is free in %(location)s: receive one "
                    "before proposing the replacement.",
                    product=product.display_name,
                    location=stock.display_name,
                )
            )
