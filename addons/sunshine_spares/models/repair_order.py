from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .stock_lot_warranty import COVERED_STATUSES

# The clock of the repair turnaround (72 hours in the seed's repair template).
REPAIR_CLOCK = "repair_turnaround"
# The code of hardware repair (硬件维修) in the service catalogue: the
# service a repair is charged as unless the user picks another. Service
# types are each company's data, not the addon's, so it is found by code.
REPAIR_SERVICE_CODE = "HW_REPAIR"


class RepairOrder(models.Model):
    """Repairs run the turnaround clock of the SLA engine and are charged
    by the warranty of the repaired serial.

    The clock starts when the repair is confirmed and stops when it is
    repaired; a cancelled repair pauses it until it is confirmed again. The
    engine's scheduled action warns and breaches
    by the policies of model repair.order.

    A repair under warranty is free: Odoo's ``under_warranty`` prices its
    parts at zero on its quotation, and it follows the serial's warranty
    status on the repair's date. After the warranty the quotation also
    charges the service fee of the term's fee schedule.
    """

    _name = "repair.order"
    _inherit = [
        "repair.order",
        "sunshine.sla.mixin",
        "sunshine.warranty.charge.mixin",
    ]

    # Set when the repair is done under warranty.
    _sunshine_protected_fields = ("repaired_warranty_end_date",)

    fault_code_id = fields.Many2one(
        "sunshine.fault.code",
        string="Fault",
        index=True,
        help="The kind of failure repaired; two repairs of a serial for the "
        "same fault mark it for replacement on its next ticket.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Service Ticket",
        index="btree_not_null",
        copy=False,
        help="The service ticket the unit was taken in for repair on.",
    )
    service_type_id = fields.Many2one(
        "sunshine.service.type",
        default=lambda self: self._default_service_type_id(),
        help="The service the repair is charged as after the warranty, by "
        "the fee schedule of the serial's warranty term.",
    )
    warranty_status = fields.Selection(
        help="The warranty status of the repaired serial on the day its fault "
        "was reported on the ticket, or on the repair's scheduled date.",
    )
    under_warranty = fields.Boolean(
        compute="_compute_under_warranty",
        store=True,
        readonly=False,
        help="Ticked while the serial is in warranty or its repaired part "
        "still is: the repair is free, its parts are quoted at zero. Untick "
        "it to charge the repair anyway, or tick it to repair as a goodwill.",
    )
    fee_amount = fields.Monetary(
        readonly=False,
        help="The price of the repair's service type in the post-warranty "
        "fee schedule of the serial's warranty term; zero under warranty. "
        "The quotation of the repair charges it.",
    )
    fee_line_ids = fields.One2many(
        "sale.order.line",
        "fee_repair_id",
        string="Service Fee Lines",
        readonly=True,
    )
    repaired_warranty_end_date = fields.Date(
        string="Repaired-Part Warranty End",
        readonly=True,
        copy=False,
        help="The last day the part repaired under warranty stays covered, "
        "for the fault of the repair when the term covers the repaired part "
        "only.",
    )

    @api.depends("warranty_status")
    def _compute_under_warranty(self):
        for repair in self:
            # A finished repair keeps what it was charged as; an unknown
            # status (no term, warranty not started) leaves it to the user.
            if repair._sunshine_charge_frozen() or not repair.warranty_status:
                continue
            repair.under_warranty = repair.warranty_status in COVERED_STATUSES

    def _sunshine_charge_moment_fields(self):
        return ["schedule_date", "ticket_id.reported_date"]

    def _sunshine_labour_charged_fields(self):
        return [
            "under_warranty",
            "warranty_status",
            "lot_id.warranty_term_id.covers_labour",
        ]

    def _sunshine_charge_moment(self):
        # The fault report decides, as on the ticket: a unit reported on
        # the last day of its warranty is repaired free days later.
        return self.ticket_id.reported_date or self.schedule_date

    def _sunshine_charge_frozen(self):
        # A finished repair keeps what it was charged as.
        return self.state in ("done", "cancel")

    def _sunshine_parts_free(self):
        """Whether the parts of the repair are quoted at zero.

        Under Warranty ticked makes them free, unless the warranty the
        unit is in does not cover parts; a unit out of warranty ticked by
        the user is a goodwill repair, free.
        """
        self.ensure_one()
        return self.under_warranty and self._sunshine_covers(parts=True)

    def _sunshine_labour_charged(self):
        """The repair's work is charged by the fee schedule when it is not
        under warranty, or its warranty does not cover labour."""
        self.ensure_one()
        return not (self.under_warranty and self._sunshine_covers(labour=True))

    def _sunshine_covers(self, **what):
        """Whether the term covers ``what`` for a unit in warranty; a unit
        out of it (a goodwill repair) is not held to its term."""
        self.ensure_one()
        if self.warranty_status not in COVERED_STATUSES:
            return True
        return self.lot_id._warranty_covers(self.warranty_status, **what)

    @api.model
    def _default_service_type_id(self):
        return self.env["sunshine.service.type"].search(
            [
                ("code", "=", REPAIR_SERVICE_CODE),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            limit=1,
        )

    def write(self, vals):
        res = super().write(vals)
        # A change of under_warranty goes through _update_sale_order_line_price.
        if {"fee_amount", "service_type_id"} & vals.keys():
            self._sync_fee_line()
        return res

    def action_create_sale_order(self):
        res = super().action_create_sale_order()
        self._sync_fee_line()
        return res

    def _action_repair_confirm(self):
        to_confirm = self.filtered(lambda repair: repair.state == "draft")
        res = super()._action_repair_confirm()
        confirmed = to_confirm.filtered(lambda repair: repair.state == "confirmed")
        confirmed._sla_start([REPAIR_CLOCK])
        confirmed._sla_resume()
        return res

    def action_repair_done(self):
        res = super().action_repair_done()
        done = self.filtered(lambda repair: repair.state == "done")
        done._sla_stop([REPAIR_CLOCK])
        done.filtered("lot_id")._sunshine_extend_repaired_warranty()
        return res

    def _sunshine_extend_repaired_warranty(self):
        """A repair done under warranty covers the repaired part for the
        term's repaired-part months from today, past the unit's warranty."""
        for repair in self:
            lot = repair.lot_id
            today = (repair.company_id or self.env.company)._sunshine_today()
            end = lot._sunshine_repaired_warranty_end(today, fault=repair.fault_code_id)
            if not end:
                continue
            repair._sunshine_as_action().repaired_warranty_end_date = end
            if (
                not lot.repaired_warranty_end_date
                or end > lot.repaired_warranty_end_date
            ):
                lot._sunshine_as_action().repaired_warranty_end_date = end

    def action_repair_cancel(self):
        res = super().action_repair_cancel()
        self._sla_pause()
        return res

    def _update_sale_order_line_price(self):
        # Odoo quotes every part of a repair under warranty at zero; those
        # of a warranty that does not cover parts keep their price.
        paid_parts = self.filtered(
            lambda repair: repair.under_warranty and not repair._sunshine_parts_free()
        )
        res = super(RepairOrder, self - paid_parts)._update_sale_order_line_price()
        paid_parts.move_ids.filtered(
            lambda move: move.repair_line_type == "add"
        ).sale_line_id.with_context(
            force_price_recomputation=True
        )._compute_price_unit()
        self._sync_fee_line()
        return res

    def _sync_fee_line(self):
        """Charge the service fee on the repair's quotation, or stop charging it.

        A repair charged a fee gets one line of its service type's product,
        priced by the fee (see sale.order.line._get_display_price); when it
        is no longer charged, or charged as another service type, the line's
        quantity drops to zero, as Odoo does with the lines of cancelled
        parts.
        """
        SaleLine = self.env["sale.order.line"]
        to_create = []
        for repair in self.filtered("sale_order_id"):
            lines = repair.fee_line_ids.filtered(
                lambda line, r=repair: line.order_id == r.sale_order_id
            )
            product = repair.service_type_id.product_id
            if not repair.fee_amount:
                lines.write({"product_uom_qty": 0.0})
                continue
            # The line of another service type than the repair's now is
            # dropped like a cancelled part, and one of the current made.
            current = lines.filtered(lambda line, p=product: line.product_id == p)
            (lines - current).write({"product_uom_qty": 0.0})
            if current:
                current.write({"product_uom_qty": 1.0})
                current._compute_price_unit()
                continue
            if not product:
                raise UserError(
                    _(
                        "The service fee of %(repair)s (%(service)s) cannot be "
                        "quoted: the service type has no service product. Set "
                        "its Service Product in the configuration of the "
                        "service types, or clear the fee of the repair.",
                        repair=repair.name,
                        service=repair.service_type_id.name,
                    )
                )
            order = repair.sale_order_id
            lang_product = product.with_context(lang=order._get_lang())
            to_create.append(
                {
                    "order_id": order.id,
                    "product_id": product.id,
                    "product_uom_qty": 1.0,
                    "fee_repair_id": repair.id,
                    "name": "\n".join(
                        [
                            lang_product.get_product_multiline_description_sale(),
                            repair.with_context(lang=order._get_lang())._fee_label(),
                        ]
                    ),
                }
            )
        return SaleLine.create(to_create)

    def _fee_label(self):
        """How the fee line names the repair it charges."""
        self.ensure_one()
        return _(
            "%(service)s after the warranty of %(lot)s, repair %(repair)s",
            service=self.service_type_id.name,
            lot=self.lot_id.name,
            repair=self.name,
        )
