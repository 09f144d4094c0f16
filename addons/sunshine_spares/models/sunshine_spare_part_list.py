from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineSparePartList(models.Model):
    """The spare parts (备品备件) each centre keeps for an equipment model."""

    _name = "sunshine.spare.part.list"
    _description = "Spare-Part List"
    _order = "product_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    product_id = fields.Many2one(
        "product.product",
        string="Equipment",
        required=True,
        index=True,
        domain=[("tracking", "=", "serial")],
        help="The equipment model the parts are for.",
    )
    line_ids = fields.One2many(
        "sunshine.spare.part.list.line", "list_id", string="Parts", copy=True
    )
    supply_years = fields.Integer(
        string="Guaranteed Supply (years)",
        default=10,
        help="The design life of the equipment: its parts are supplied for "
        "this many years from its delivery at the price they had then. "
        "0 locks no price.",
    )

    _sql_constraints = [
        (
            "product_company_uniq",
            "unique(product_id, company_id)",
            "An equipment model has one spare-part list.",
        ),
    ]

    @api.depends("product_id.display_name", "company_id")
    def _compute_name(self):
        """The equipment's name in the language of the list's company: the
        name is stored once for every reader, whoever created the list."""
        for part_list in self:
            company = part_list.company_id or self.env.company
            part_list.name = part_list.product_id.with_context(
                lang=company._sunshine_lang()
            ).display_name

    @api.constrains("supply_years")
    def _check_supply_years(self):
        for part_list in self:
            if part_list.supply_years < 0:
                raise ValidationError(
                    _(
                        "The guaranteed supply period of the spare parts of "
                        "%(equipment)s cannot be negative; enter 0 to lock no price.",
                        equipment=part_list.product_id.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"active", "company_id"} & vals.keys():
            self.env["sunshine.spare.part.list.line"]._update_orderpoints(
                self.line_ids.product_id
            )
        return res

    def unlink(self):
        parts = self.line_ids.product_id
        res = super().unlink()
        self.env["sunshine.spare.part.list.line"]._update_orderpoints(parts)
        return res

    def action_update_reordering_rules(self):
        """Set every centre's reordering rule of each part of the lists."""
        parts = self.line_ids.product_id
        orderpoints = self.env["sunshine.spare.part.list.line"]._update_orderpoints(
            parts
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s reordering rules set in the maintenance centres.",
                    count=len(orderpoints),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
