from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class SunshineSparePartListLine(models.Model):
    """A part of a spare-part list and the stock each centre keeps of it."""

    _name = "sunshine.spare.part.list.line"
    _description = "Spare-Part List Line"
    _order = "list_id, sequence, id"

    list_id = fields.Many2one(
        "sunshine.spare.part.list",
        string="Spare-Part List",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="list_id.company_id", store=True)
    equipment_id = fields.Many2one(
        related="list_id.product_id", string="Equipment", store=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
        domain=[("is_storable", "=", True)],
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    wear_part = fields.Boolean(
        help="A wear part (易损件) is replaced routinely and stocked in every centre."
    )
    min_qty = fields.Float(
        string="Minimum per Centre",
        digits="Product Unit of Measure",
        help="Below this on-hand quantity a centre reorders the part and its "
        "warehouse manager is told.",
    )
    recommended_qty = fields.Float(
        string="Recommended per Centre",
        digits="Product Unit of Measure",
        help="The stock a centre reorders up to.",
    )

    @api.constrains("product_id")
    def _check_product_storable(self):
        self.product_id._sunshine_assert_spare_part()

    @api.constrains("min_qty", "recommended_qty")
    def _check_quantities(self):
        for line in self:
            if line.min_qty < 0 or line.recommended_qty < line.min_qty:
                raise ValidationError(
                    _(
                        "The quantities of %(part)s in the list of %(equipment)s are "
                        "wrong: the minimum must be zero or more and the recommended "
                        "stock at least the minimum.",
                        part=line.product_id.display_name,
                        equipment=line.list_id.product_id.display_name,
                    )
                )

    @api.model
    def _centre_quantities(self, parts, company):
        """{part: (minimum, recommended)} per centre of ``company``, summed
        over its lists and the shared ones.

        A part in the lists of several equipment models is stocked for each.
        """
        groups = self._read_group(
            [
                ("product_id", "in", parts.ids),
                ("list_id.active", "=", True),
                ("company_id", "in", [company.id, False]),
            ],
            ["product_id"],
            ["min_qty:sum", "recommended_qty:sum"],
        )
        return {part: (minimum, recommended) for part, minimum, recommended in groups}

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self._update_orderpoints(lines.product_id)
        return lines

    def write(self, vals):
        before = self.product_id
        res = super().write(vals)
        if {"product_id", "min_qty", "recommended_qty", "list_id"} & vals.keys():
            self._update_orderpoints(before | self.product_id)
        return res

    def unlink(self):
        parts = self.product_id
        res = super().unlink()
        self._update_orderpoints(parts)
        return res

    @api.model
    def _update_orderpoints(self, parts, warehouses=None):
        """Set the reordering rule of ``parts`` in every centre (or in
        ``warehouses``) from the lists: the rule holds the centre's minimum
        stock, which the low-stock alert reads. A part no active list holds
        any more has its rule archived."""
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        if warehouses is None:
            warehouses = self.env["stock.warehouse"]._sunshine_centres()
        if not (parts and warehouses):
            return Orderpoint
        quantities_of = {
            company: self._centre_quantities(parts, company)
            for company in warehouses.company_id
        }
        existing = {
            (op.warehouse_id, op.product_id): op
            for op in Orderpoint.with_context(active_test=False).search(
                [
                    ("warehouse_id", "in", warehouses.ids),
                    ("product_id", "in", parts.ids),
                ]
            )
            if op.location_id == op.warehouse_id.lot_stock_id
        }
        orderpoints = Orderpoint
        to_create = []
        for warehouse in warehouses:
            quantities = quantities_of[warehouse.company_id]
            for part in parts - self.env["product.product"].union(*quantities):
                orderpoint = existing.get((warehouse, part))
                if orderpoint and orderpoint.active:
                    orderpoint.active = False
            for part, (minimum, recommended) in quantities.items():
                vals = {
                    "product_min_qty": minimum,
                    "product_max_qty": recommended,
                    "active": True,
                }
                orderpoint = existing.get((warehouse, part))
                if orderpoint:
                    orderpoint.write(vals)
                    orderpoints |= orderpoint
                else:
                    to_create.append(
                        dict(
                            vals,
                            warehouse_id=warehouse.id,
                            location_id=warehouse.lot_stock_id.id,
                            product_id=part.id,
                            company_id=warehouse.company_id.id,
                            trigger="manual",
                        )
                    )
        return orderpoints | Orderpoint.create(to_create)

    @api.model
    def _cron_low_stock(self):
        """Tell each centre's manager of the list parts below their minimum.

        The minimum is the one of the centre's reordering rule of the part,
        so that the rule and the alert never disagree. One to-do activity on
        the part for the warehouse manager of the centre (or the leader of
        its team); none while one for the same centre and part is still
        open, so a second run creates nothing.
        """
        Activity = self.env["mail.activity"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        list_parts = self.search([("list_id.active", "=", True)]).product_id
        centres = self.env["stock.warehouse"]._sunshine_centres()
        rules_of = self.env["stock.warehouse.orderpoint"]
        rules_of = rules_of.search(
            [
                ("warehouse_id", "in", centres.ids),
                ("product_id", "in", list_parts.ids),
            ]
        ).grouped("warehouse_id")
        created = Activity
        for warehouse in centres:
            manager = warehouse._sunshine_centre_manager()
            rules = rules_of.get(warehouse, self.env["stock.warehouse.orderpoint"])
            rules = rules.filtered(
                lambda rule, w=warehouse: rule.location_id == w.lot_stock_id
            )
            if not (manager and rules):
                continue
            on_hand = {
                part: part.qty_available
                for part in rules.product_id.with_context(
                    location=warehouse.lot_stock_id.id
                )
            }
            low = rules.filtered(
                lambda rule, on_hand=on_hand: (
                    float_compare(
                        on_hand[rule.product_id],
                        rule.product_min_qty,
                        precision_rounding=rule.product_id.uom_id.rounding,
                    )
                    < 0
                )
            )
            if not low:
                continue
            # The centre's code leads the summary: the open activity is
            # found again whatever the language of the run. One search for
            # the centre's low parts, not one per part.
            prefix = f"{warehouse.code}: "
            told = {
                activity.res_id
                for activity in Activity.search_fetch(
                    [
                        ("res_model", "=", "product.template"),
                        ("res_id", "in", low.product_id.product_tmpl_id.ids),
                        ("activity_type_id", "=", todo.id),
                        ("user_id", "=", manager.id),
                        ("summary", "=like", f"{prefix}%"),
                    ],
                    ["res_id"],
                )
            }
            for rule in low:
                part = rule.product_id
                if part.product_tmpl_id.id in told:
                    continue
                told.add(part.product_tmpl_id.id)
                created |= part.product_tmpl_id.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=prefix + _("spare stock below the minimum"),
                    note=_(
                        "%(centre)s has %(on_hand)s %(uom)s of %(part)s on hand, "
                        "below the minimum of %(minimum)s of its reordering rule. "
                        "Replenish it.",
                        centre=warehouse.name,
                        on_hand=on_hand[part],
                        uom=part.uom_id.name,
                        part=part.display_name,
                        minimum=rule.product_min_qty,
                    ),
                    user_id=manager.id,
                )
        return created
