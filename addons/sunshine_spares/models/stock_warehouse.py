from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    centre_team_ids = fields.One2many(
        "helpdesk.ticket.team",
        "warehouse_id",
        string="Maintenance Centre Teams",
        help="The service teams of the maintenance centre this warehouse stocks.",
    )
    centre_user_ids = fields.Many2many(
        "res.users",
        "sunshine_warehouse_centre_user_rel",
        "warehouse_id",
        "user_id",
        string="Warehouse Staff",
        domain=[("share", "=", False)],
        help="The warehouse users of the maintenance centre: they issue its "
        "parts, take returns into it and move its stock, and read the tickets "
        "of its teams. Spare parts managers act in every centre.",
    )
    centre_manager_id = fields.Many2one(
        "res.users",
        string="Warehouse Manager",
        domain=[("share", "=", False)],
        help="Told when the centre's spare stock falls below the minimum of "
        "the spare-part lists; the leader of the centre's team when empty.",
    )
    defective_location_id = fields.Many2one(
        "stock.location",
        string="Defective Parts Location",
        check_company=True,
        help="Where the centre keeps the faulty parts taken out of the customers' "
        "equipment until they are repaired.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        warehouses = super().create(vals_list)
        if any(vals.get("centre_user_ids") for vals in vals_list):
            # The record rules of the staff read their centres; Odoo caches
            # the rules' domains per user.
            self.env.registry.clear_cache()
        return warehouses

    def write(self, vals):
        res = super().write(vals)
        if "centre_user_ids" in vals:
            self.env.registry.clear_cache()
        return res

    def _sunshine_defective_location(self):
        """The centre's defective-parts location, created on first use."""
        self.ensure_one()
        if not self.defective_location_id:
            # sudo: warehouse users issue parts but may not configure
            # locations; this one is always the same internal child of the
            # warehouse, so creating it cannot grant anything.
            # Named in the company's language, for every reader.
            warehouse = self.sudo().with_context(lang=self.company_id._sunshine_lang())
            warehouse.defective_location_id = warehouse.env["stock.location"].create(
                {
                    "name": warehouse.env._("Defective Parts"),
                    "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                    "company_id": warehouse.company_id.id,
                }
            )
        return self.defective_location_id

    def _sunshine_centre_manager(self):
        """Who answers for the centre's spare stock."""
        self.ensure_one()
        return self.centre_manager_id or self.centre_team_ids.user_id[:1]

    def _sunshine_stock_spare_parts(self):
        """A warehouse that becomes a centre gets the reordering rules of
        the spare-part lists."""
        if not self:
            return
        # sudo: the service manager who links a team to its warehouse may not
        # manage reordering rules; their quantities come from the lists only.
        Line = self.env["sunshine.spare.part.list.line"].sudo()
        parts = Line.search([("list_id.active", "=", True)]).product_id
        Line._update_orderpoints(parts, warehouses=self.sudo())

    def _sunshine_centres(self):
        """The warehouses of the maintenance centres: those of a service team."""
        return self.search([("centre_team_ids", "!=", False)])

    @api.model
    def _sunshine_centre_bound(self):
        """Whether the current user moves the stock of their own centres
        only: a warehouse user, not a spares manager (the record rules draw
        the same line)."""
        user = self.env.user
        return bool(
            not self.env.su
            and user.has_group("sunshine_spares.group_spares_user")
            and not user.has_group("sunshine_spares.group_spares_manager")
        )

    @api.model
    def _sunshine_staff_centres(self):
        """The warehouses whose stock the current user may move.

        Every warehouse of the current companies for a spare parts manager,
        else those on whose staff the user is; the record rules draw the
        same line.
        """
        if self.env.su or self.env.user.has_group(
            "sunshine_spares.group_spares_manager"
        ):
            return self.search([("company_id", "in", self.env.companies.ids)])
        return self.env.user.centre_warehouse_ids.with_env(self.env)

    def _sunshine_check_centre_staff(self):
        """Refuse, before any stock moves, the centres the user is not staff of.

        The record rules would refuse the transfer too, but only once it is
        written and without naming the centre.
        """
        foreign = self - self._sunshine_staff_centres()
        if foreign:
            raise AccessError(
                _(
                    "You are not on the warehouse staff of %(centre)s: only its "
                    "staff move its stock. Ask a spare parts manager to add you "
                    "to the Warehouse Staff of the centre, or leave the task to "
                    "its staff.",
                    centre=", ".join(foreign.mapped("name")),
                )
            )
