from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# What a validated delivery writes on the serial it takes to a customer,
# and a return from the customer clears.
DELIVERY_FIELDS = ("customer_id", "site", "delivery_date")
INSTALLATION_DATES = (
    "commissioning_date",
    "initial_acceptance_date",
    "final_acceptance_date",
)


class StockLot(models.Model):
    """A serial delivered to a customer: an item of the installed base (设备台账).

    The deliveries keep it: a validated delivery to a customer sets the
    customer, the site (the delivery address) and the delivery date, a
    return from the customer clears them. The commissioning and acceptance
    dates are the engineers' to record; the chatter keeps who recorded them
    and when.
    """

    _inherit = "stock.lot"  # pylint: disable=consider-merging-classes-inherited

    customer_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        help="The customer the equipment was delivered to.",
    )
    site = fields.Char(help="Where the equipment is installed.")
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
    repair_order_ids = fields.One2many(
        "repair.order",
        "lot_id",
        string="Repair Orders of the Unit",
        help="The repairs of this serial, counted per fault to propose a replacement.",
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

    @api.constrains("delivery_date", *INSTALLATION_DATES)
    def _check_installation_dates(self):
        for lot in self:
            delivery = lot.delivery_date
            for field_name in INSTALLATION_DATES:
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

    def write(self, vals):
        if set(DELIVERY_FIELDS) & vals.keys():
            self._sunshine_assert_own_centre()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_installed_base(self):
        """A unit at a customer's, or one with a service history or locked
        prices, is the installed base: only an administrator deletes it."""
        if self.env.su or self.env.user._is_system():
            return
        # sudo: whether tickets, history or locks exist, whoever may read them.
        kept = self.sudo().filtered(
            lambda lot: (
                lot.customer_id
                or lot.config_change_ids
                or lot.part_price_ids
                or lot.ticket_ids
            )
        )
        if kept:
            raise UserError(
                _(
                    "%(lots)s are units of the installed base (delivered to a "
                    "customer, or with a service history or locked prices): "
                    "they are kept. Return a unit from the customer instead, "
                    "or ask an administrator.",
                    lots=", ".join(kept.mapped("name")),
                )
            )

    def action_view_tickets(self):
        self._sunshine_ensure_one()
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
        self._sunshine_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Spare Parts Used"),
            "res_model": "sunshine.ticket.part",
            "view_mode": "list",
            "domain": [("equipment_lot_id", "=", self.id)],
        }

    def action_view_repair_parts(self):
        self._sunshine_ensure_one()
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

    def _sunshine_assert_own_centre(self):
        """Refuse a warehouse user the customer and delivery of the units of
        another centre: those in its stock or last delivered from it.

        The deliveries and returns of the user's own centre write them (see
        ``_sunshine_delivered``); a unit no centre ever held is recorded by
        hand.
        """
        if not self.env["stock.warehouse"]._sunshine_centre_bound():
            return
        self._sunshine_centres()._sunshine_check_centre_staff()

    def _sunshine_centres(self):
        """The warehouses the lots are in, or were last delivered from."""
        quants = self.env["stock.quant"].search(
            [
                ("lot_id", "in", self.ids),
                ("location_id.usage", "in", ("internal", "transit")),
                ("quantity", ">", 0),
            ]
        )
        centres = quants.location_id.warehouse_id
        for lot in self:
            centres |= lot._delivery_warehouse()
        return centres

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

    def _sunshine_delivered(self, partner, date):
        """The units were delivered to ``partner`` (the delivery address) on
        ``date``: they join the customer's installed base there."""
        vals = {"delivery_date": date}
        if partner:
            vals.update(
                customer_id=partner.commercial_partner_id.id,
                site=self._sunshine_site_of(partner),
            )
        # The dates of an installation before this delivery are not this
        # one's: the next commissioning and acceptance are recorded anew.
        earlier = self.filtered(
            lambda lot: any(
                lot[name] and lot[name] < date for name in INSTALLATION_DATES
            )
        )
        if earlier:
            earlier.write(dict.fromkeys(INSTALLATION_DATES, False))
        self.write(vals)

    @api.model
    def _sunshine_site_of(self, partner):
        """The site a delivery to ``partner`` installs at, on one line: the
        name of a delivery address, then its address in the format of its
        country, without the country of the company."""
        home = (partner.company_id or self.env.company).country_id.name
        pieces = (
            [partner.name] if partner.parent_id and partner.type != "contact" else []
        )
        for line in partner._display_address(without_company=True).splitlines():
            pieces += [piece.strip() for piece in line.split(",")]
        site = ", ".join(piece for piece in pieces if piece and piece != home)
        return site or partner.display_name

    def _leave_installed_base(self, returned=False):
        """The unit is no longer in service at the customer's: it leaves the
        customer, the site and the regional representative (so no more
        warranty reminders), and keeps its history. A unit ``returned``
        from the customer loses its delivery too: the next one starts anew;
        a replaced one keeps its dates, which its replacement continues."""
        vals = {
            "customer_id": False,
            "site": False,
            "regional_representative_id": False,
        }
        if returned:
            vals["delivery_date"] = False
        self.write(vals)
