from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

WARRANTY_STATUSES = [
    ("in_warranty", "In Warranty"),
    ("out_of_warranty", "Out of Warranty"),
    # Set by the repairs: a part repaired under warranty keeps its own
    # warranty of the term's repaired-part months past the equipment's.
    ("repaired_part_warranty", "Under Repaired-Part Warranty"),
]
# The statuses in which service and repairs are free of charge.
COVERED_STATUSES = ("in_warranty", "repaired_part_warranty")
# Lots whose warranty ends within this many days get a reminder activity.
WARRANTY_REMINDER_DAYS = 30
# A customer may return a delivered serial without reason until this many
# days after its delivery day (the delivery day is day 0).
NO_REASON_RETURN_DAYS = 7


class StockLot(models.Model):
    """A serial delivered to a customer: an item of the installed base (设备台账)."""

    _inherit = "stock.lot"

    customer_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        help="The customer the equipment was delivered to.",
    )
    site = fields.Char(help="Where the equipment is installed.")
    repair_order_ids = fields.One2many(
        "repair.order",
        "lot_id",
        string="Repair Orders of the Unit",
        help="The repairs of this serial, counted per fault to propose a replacement.",
    )
    regional_representative_id = fields.Many2one(
        "res.users",
        domain=[("share", "=", False)],
        tracking=True,
        help="Follows the customer; reminded when the warranty is about to end.",
    )
    delivery_date = fields.Date(tracking=True)
    commissioning_date = fields.Date(
        tracking=True, help="Installation or commissioning date."
    )
    initial_acceptance_date = fields.Date(
        string="Initial Acceptance",
        tracking=True,
        help="When the customer signed the initial acceptance of the equipment.",
    )
    final_acceptance_date = fields.Date(
        string="Final Acceptance",
        tracking=True,
        help="When the customer signed the final acceptance of the equipment.",
    )
    warranty_term_id = fields.Many2one(
        "sunshine.warranty.term",
        # Not check_company: lots of shared products have no company, and
        # the terms' multi-company rule already keeps users to their own.
        tracking=True,
    )
    warranty_start_date = fields.Date(
        string="Warranty Start",
        compute="_compute_warranty_dates",
        store=True,
        help="The date of the term's start event.",
    )
    warranty_end_date = fields.Date(
        string="Warranty End",
        compute="_compute_warranty_dates",
        store=True,
        index=True,
        help="The last day in warranty.",
    )
    repaired_warranty_end_date = fields.Date(
        string="Repaired-Part Warranty End",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="The last day a part repaired under warranty stays covered: the "
        "repair date plus the term's repaired-part months.",
    )
    # Not stored: the status changes with the day, not with the record, and
    # a stored one would be wrong from midnight until a scheduled action
    # rewrote every lot. The search method turns it into a domain on the
    # stored, indexed dates, so filters and the portal stay exact and cheap.
    warranty_status = fields.Selection(
        WARRANTY_STATUSES,
        compute="_compute_warranty_status",
        search="_search_warranty_status",
        help="Today. Empty while the warranty has not started or the lot has "
        "no warranty term.",
    )
    warranty_reminder_date = fields.Date(
        string="Warranty Reminder Sent",
        readonly=True,
        copy=False,
        help="When the regional representative was last reminded that the "
        "warranty ends.",
    )
    warranty_reminded_end_date = fields.Date(
        string="Reminded Warranty End",
        readonly=True,
        copy=False,
        help="The warranty end date of the last reminder: a new end date "
        "calls for a new reminder, a date written again unchanged does not.",
    )
    ticket_ids = fields.One2many(
        "helpdesk.ticket", "lot_id", string="Service Tickets", readonly=True
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    part_ids = fields.One2many(
        "sunshine.ticket.part",
        "equipment_lot_id",
        string="Spare Parts Used",
        readonly=True,
        help="The spare parts put into the equipment on its service tickets.",
    )
    part_count = fields.Integer(compute="_compute_part_count")
    repair_part_count = fields.Integer(
        string="Repair Parts",
        compute="_compute_repair_part_count",
        help="The spare parts put into the unit by its repairs.",
    )
    config_change_ids = fields.One2many(
        "sunshine.lot.config.change",
        "lot_id",
        string="Configuration Changes",
        help="What the engineers changed on the equipment, latest first.",
    )
    part_price_ids = fields.One2many(
        "sunshine.lot.part.price",
        "lot_id",
        string="Locked Part Prices",
        readonly=True,
        help="The prices of the spare parts of the equipment, locked at its "
        "delivery for the guaranteed supply period of its spare-part list.",
    )

    @api.depends(
        "warranty_term_id.start_event",
        "warranty_term_id.duration_months",
        "delivery_date",
        "commissioning_date",
        "final_acceptance_date",
    )
    def _compute_warranty_dates(self):
        for lot in self:
            if lot.warranty_term_id:
                start, end = lot.warranty_term_id._warranty_dates(lot)
            else:
                start = end = False
            lot.warranty_start_date = start
            lot.warranty_end_date = end

    @api.depends(
        "warranty_start_date", "warranty_end_date", "repaired_warranty_end_date"
    )
    @api.depends_context("tz")
    def _compute_warranty_status(self):
        today = fields.Date.context_today(self)
        for lot in self:
            lot.warranty_status = lot._warranty_status_on(today)

    def _search_warranty_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(
                _(
                    "The warranty status is searched by value only (is, is not, "
                    "is in, is not in): pick one of the statuses in the filter."
                )
            )
        values = [value] if operator in ("=", "!=") else list(value)
        if operator in ("!=", "not in"):
            # The statuses split the lots; a negation of their domains would
            # lose the lots without dates (NULL compares to nothing).
            every_status = [status for status, _label in WARRANTY_STATUSES]
            values = [s for s in [*every_status, False] if s not in values]
        today = fields.Date.context_today(self)
        return expression.OR(
            [self._warranty_status_domain(status, today) for status in values]
        )

    @api.depends("ticket_ids")
    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.ticket_count = counts.get(lot, 0)

    @api.depends("part_ids")
    def _compute_part_count(self):
        counts = dict(
            self.env["sunshine.ticket.part"]._read_group(
                [("equipment_lot_id", "in", self.ids)],
                ["equipment_lot_id"],
                ["__count"],
            )
        )
        for lot in self:
            lot.part_count = counts.get(lot, 0)

    def _repair_part_domain(self):
        """The stock moves of the parts the repairs of the lots put in."""
        return [
            ("repair_id.lot_id", "in", self.ids),
            ("repair_line_type", "=", "add"),
            ("state", "!=", "cancel"),
        ]

    def _compute_repair_part_count(self):
        Move = self.env["stock.move"]
        if not Move.has_access("read"):
            self.repair_part_count = 0
            return
        counts = dict(
            Move._read_group(self._repair_part_domain(), ["repair_id"], ["__count"])
        )
        for lot in self:
            lot.repair_part_count = sum(
                count for repair, count in counts.items() if repair.lot_id == lot
            )

    @api.constrains(
        "delivery_date",
        "commissioning_date",
        "initial_acceptance_date",
        "final_acceptance_date",
    )
    def _check_installation_dates(self):
        for lot in self:
            delivery = lot.delivery_date
            for field_name in (
                "commissioning_date",
                "initial_acceptance_date",
                "final_acceptance_date",
            ):
                if delivery and lot[field_name] and lot[field_name] < delivery:
                    raise ValidationError(
                        _(
                            "The %(event)s of %(lot)s (%(date)s) is before its "
                            "delivery (%(delivery)s). Correct one of the two dates.",
                            event=lot._fields[field_name]._description_string(self.env),
                            lot=lot.name,
                            date=lot[field_name],
                            delivery=delivery,
                        )
                    )
            initial, final = lot.initial_acceptance_date, lot.final_acceptance_date
            if initial and final and final < initial:
                raise ValidationError(
                    _(
                        "The final acceptance of %(lot)s (%(final)s) is before its "
                        "initial acceptance (%(initial)s). Correct one of the two "
                        "dates.",
                        lot=lot.name,
                        final=final,
                        initial=initial,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lots = super().create(vals_list)
        lots.filtered("delivery_date")._lock_part_prices()
        return lots

    def write(self, vals):
        res = super().write(vals)
        if vals.get("delivery_date"):
            self._lock_part_prices()
        return res

    def action_view_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Service Tickets"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("lot_id", "=", self.id)],
            "context": {
                "default_lot_id": self.id,
                "default_partner_id": self.customer_id.id,
            },
        }

    def action_view_parts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Spare Parts Used"),
            "res_model": "sunshine.ticket.part",
            "view_mode": "list",
            "domain": [("equipment_lot_id", "=", self.id)],
        }

    def action_view_repair_parts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Parts Used in Repairs"),
            "res_model": "stock.move",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("stock.view_move_tree").id, "list"),
                (False, "form"),
            ],
            "domain": self._repair_part_domain(),
            "context": {"create": False},
        }

    def action_no_reason_return(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sunshine_spares.sunshine_lot_return_action"
        )
        action["context"] = {"default_lot_id": self.id}
        return action

    def _sunshine_take_over(self, replaced):
        """Put this unit in the place of ``replaced`` in the installed base.

        The replacement stands where the replaced unit stood (customer, site,
        regional representative, which the replaced unit gives up) and
        continues its warranty: same term, same delivery, commissioning and
        acceptance dates.
        """
        self.ensure_one()
        # sudo: the prices locked for the replaced unit were promised for the
        # equipment, which the replacement now is; the user validating the
        # delivery may not manage locks. Moved first, so that the delivery
        # date written below locks only the parts they lack.
        self.sudo().part_price_ids.filtered(
            lambda lock: lock.product_id in replaced.sudo().part_price_ids.product_id
        ).unlink()
        replaced.sudo().part_price_ids.lot_id = self
        self.write(
            {
                "customer_id": replaced.customer_id.id,
                "site": replaced.site,
                "regional_representative_id": replaced.regional_representative_id.id,
                "warranty_term_id": replaced.warranty_term_id.id,
                "delivery_date": replaced.delivery_date,
                "commissioning_date": replaced.commissioning_date,
                "initial_acceptance_date": replaced.initial_acceptance_date,
                "final_acceptance_date": replaced.final_acceptance_date,
            }
        )
        replaced._leave_installed_base()
        body = _(
            "%(new)s replaced %(replaced)s at %(customer)s.",
            new=self.name,
            replaced=replaced.name,
            customer=self.customer_id.display_name or _("the customer"),
        )
        for lot in self | replaced:
            lot.message_post(body=body)

    def _leave_installed_base(self):
        """The unit is no longer in service at the customer's: it leaves the
        customer, the site and the regional representative (so no more
        warranty reminders), and keeps its dates and history."""
        self.write(
            {"customer_id": False, "site": False, "regional_representative_id": False}
        )

    def _extend_repaired_warranty(self, repair_date):
        """A repair under warranty on ``repair_date`` covers the repaired
        part for the term's repaired-part months, past the lot's warranty."""
        for lot in self:
            term = lot.warranty_term_id
            if (
                not term.repaired_part_months
                or lot._warranty_status_on(repair_date) not in COVERED_STATUSES
            ):
                continue
            end = repair_date + relativedelta(months=term.repaired_part_months, days=-1)
            if (
                not lot.repaired_warranty_end_date
                or end > lot.repaired_warranty_end_date
            ):
                lot.repaired_warranty_end_date = end

    def _lock_part_prices(self):
        """Lock the sales price of the parts of each delivered serial.

        Each part of the spare-part list of the serial's model keeps its
        sales price of today for the list's guaranteed supply period from
        the delivery. Parts locked already keep their price: a corrected
        delivery date moves the period, not the price.
        """
        # sudo: whoever records the delivery (a warehouse user) may not
        # manage locked prices, and the list may be another centre's; the
        # values come from the products and the list, none from the user.
        lists = (
            self.env["sunshine.spare.part.list"]
            .sudo()
            .search([("product_id", "in", self.product_id.ids)])
        )
        vals_list = []
        for lot in self.sudo().filtered("delivery_date"):
            # A lot of a shared product has no company: the current one sells.
            company = lot.company_id or self.env.company
            part_list = lists.filtered(
                lambda pl, lot=lot, company=company: (
                    pl.product_id == lot.product_id
                    and pl.company_id in (company, self.env["res.company"])
                )
            )[:1]
            if not part_list.supply_years:
                continue
            for part in part_list.line_ids.product_id - lot.part_price_ids.product_id:
                vals_list.append(
                    {
                        "lot_id": lot.id,
                        "product_id": part.id,
                        "price": part.with_company(company).lst_price,
                        "currency_id": company.currency_id.id,
                        "supply_years": part_list.supply_years,
                    }
                )
        return self.env["sunshine.lot.part.price"].sudo().create(vals_list)

    def _part_price_lock(self, product, date):
        """The locked price of ``product`` for this serial on ``date``, if any."""
        # sudo: the lock only tells the price a quotation of the part shows
        # anyway; salespeople quoting the part need not read the serial.
        locks = self.sudo().part_price_ids
        return locks.filtered(
            lambda lock: lock.product_id == product and lock._is_valid_on(date)
        )[:1]

    def _no_reason_return_last_date(self):
        """The last day the customer may return the serial without reason."""
        self.ensure_one()
        if not self.delivery_date:
            return False
        return self.delivery_date + relativedelta(days=NO_REASON_RETURN_DAYS)

    def _customer_quant(self):
        """The quant of the serial at a customer's, if it was delivered."""
        self.ensure_one()
        return self.env["stock.quant"].search(
            [
                ("lot_id", "=", self.id),
                ("location_id.usage", "=", "customer"),
                ("quantity", ">", 0),
            ],
            limit=1,
        )

    def _delivery_warehouse(self):
        """The centre the serial was last delivered from, if any."""
        self.ensure_one()
        move_line = self.env["stock.move.line"].search(
            [
                ("lot_id", "=", self.id),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
            limit=1,
        )
        return move_line.location_id.warehouse_id

    def _no_reason_return(self, warehouse, note=False):
        """Take the serial back into ``warehouse`` within the return period.

        Refused, before any stock moves, into a centre the user is not
        staff of, for a serial that is not at a customer's and after the
        last day of the period.
        """
        self.ensure_one()
        warehouse._sunshine_check_centre_staff()
        quant = self._customer_quant()
        if not self.delivery_date or not quant:
            raise UserError(
                _(
                    "%(lot)s was never delivered to a customer, or is back in "
                    "stock: only a delivered serial can be returned.",
                    lot=self.name,
                )
            )
        today = fields.Date.context_today(self)
        last_day = self._no_reason_return_last_date()
        if today > last_day:
            raise UserError(
                _(
                    "%(lot)s was delivered on %(delivery)s: its no-reason return "
                    "period of %(days)s days ended on %(last_day)s. Handle the "
                    "customer's request as a repair or a warranty claim instead.",
                    lot=self.name,
                    delivery=self.delivery_date,
                    days=NO_REASON_RETURN_DAYS,
                    last_day=last_day,
                )
            )
        customer = self.customer_id
        moves = self.env["stock.picking"]._sunshine_transfer(
            warehouse.in_type_id,
            quant.location_id,
            warehouse.lot_stock_id,
            [(self.product_id, self, quant.quantity)],
            partner_id=customer.id,
            origin=_("No-reason return of %s", self.name),
        )
        self._leave_installed_base()
        self.message_post(
            body=_(
                "Returned without reason by %(customer)s on %(date)s into "
                "%(warehouse)s.%(note)s",
                customer=customer.display_name or _("the customer"),
                date=today,
                warehouse=warehouse.name,
                note=f" {note}" if note else "",
            )
        )
        return moves

    def _warranty_status_on(self, date):
        """The warranty status of the lot on ``date``.

        'in_warranty' from the warranty start to its last day included,
        'repaired_part_warranty' after it while a part repaired under
        warranty is still covered, 'out_of_warranty' after both, False
        before it starts or without a term.
        """
        self.ensure_one()
        if not (date and self.warranty_start_date and self.warranty_end_date):
            return False
        if date < self.warranty_start_date:
            return False
        if date <= self.warranty_end_date:
            return "in_warranty"
        repaired_end = self.repaired_warranty_end_date
        if repaired_end and date <= repaired_end:
            return "repaired_part_warranty"
        return "out_of_warranty"

    def _warranty_status_at(self, moment):
        """The warranty status on the day of the datetime ``moment``, in the
        user's time zone; False for no lot or no moment."""
        if not (self and moment):
            return False
        return self._warranty_status_on(fields.Date.context_today(self, moment))

    def _warranty_covers(self, status, parts=False, labour=False, travel=False):
        """Whether the warranty, in ``status``, covers what is asked.

        The lot must be under warranty (or its repaired part), and its term
        cover each of the parts, the labour and the travel asked for.
        """
        self.ensure_one()
        term = self.warranty_term_id
        return bool(
            status in COVERED_STATUSES
            and (term.covers_parts or not parts)
            and (term.covers_labour or not labour)
            and (term.covers_travel or not travel)
        )

    def _warranty_fee(self, service_type):
        """The post-warranty fee of ``service_type`` in the lot's term, if any."""
        self.ensure_one()
        if not (self.warranty_term_id and service_type):
            return self.env["sunshine.warranty.fee"]
        return self.warranty_term_id._fee_for(service_type)

    @api.model
    def _warranty_status_domain(self, status, date):
        """The lots whose ``_warranty_status_on(date)`` is ``status``."""
        if status == "in_warranty":
            return [
                ("warranty_start_date", "<=", date),
                ("warranty_end_date", ">=", date),
            ]
        if status == "out_of_warranty":
            return [
                ("warranty_end_date", "<", date),
                "|",
                ("repaired_warranty_end_date", "=", False),
                ("repaired_warranty_end_date", "<", date),
            ]
        if status == "repaired_part_warranty":
            return [
                ("warranty_end_date", "<", date),
                ("repaired_warranty_end_date", ">=", date),
            ]
        if not status:
            return [
                "|",
                ("warranty_end_date", "=", False),
                ("warranty_start_date", ">", date),
            ]
        return expression.FALSE_DOMAIN

    @api.model
    def _cron_warranty_ending(self):
        """Remind each regional representative of the warranties ending soon.

        One activity per lot and end date: the lot keeps the end date it
        was reminded of, and only another end date calls for a new reminder.
        The window holds a month of ends, so comparing the two dates in
        Python reads little.
        """
        today = fields.Date.context_today(self)
        lots = self.search(
            [
                ("warranty_end_date", ">=", today),
                (
                    "warranty_end_date",
                    "<=",
                    today + relativedelta(days=WARRANTY_REMINDER_DAYS),
                ),
                ("regional_representative_id", "!=", False),
            ]
        ).filtered(lambda lot: lot.warranty_reminded_end_date != lot.warranty_end_date)
        for lot in lots:
            lot.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=lot.warranty_end_date,
                summary=_("Warranty ends on %(date)s", date=lot.warranty_end_date),
                note=_(
                    "The warranty of %(lot)s (%(product)s) at %(customer)s ends on "
                    "%(date)s. Offer the customer a maintenance contract.",
                    lot=lot.name,
                    product=lot.product_id.display_name,
                    customer=lot.customer_id.display_name or _("no customer"),
                    date=lot.warranty_end_date,
                ),
                user_id=lot.regional_representative_id.id,
            )
        for end_date, same_end in lots.grouped("warranty_end_date").items():
            same_end.write(
                {
                    "warranty_reminder_date": today,
                    "warranty_reminded_end_date": end_date,
                }
            )
        return lots
