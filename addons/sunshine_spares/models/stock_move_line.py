from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class StockMoveLine(models.Model):
    _name = "stock.move.line"
    _inherit = ["stock.move.line", "sunshine.centre.stock.mixin"]

    _sunshine_centre_location_fields = ("location_id", "location_dest_id")

    @api.model_create_multi
    def create(self, vals_list):
        self._sunshine_assert_stock_user()
        return super().create(vals_list)

    def write(self, vals):
        self._sunshine_assert_stock_user()
        return super().write(vals)

    @api.model
    def _sunshine_assert_stock_user(self):
        """Odoo gives every internal user the rights on move lines, and a
        done line written anew moves the stock it records: only inventory
        users (the warehouse staff) create or change them; what the others'
        actions move, Odoo moves as the superuser."""
        if not self.env.su and not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(
                _(
                    "Only the warehouse staff move stock: ask a warehouse user "
                    "of the maintenance centre to make the transfer."
                )
            )

    def _sunshine_follow_installed_base(self):
        """The installed base follows the validated transfers of serials.

        A serial that leaves for a customer's location joins the customer's
        installed base (customer, site, delivery date); one that comes back
        from it leaves. Each serial follows its last line.
        """
        if self.env.context.get("sunshine_part_issue"):
            return
        last = {}
        for line in self.sorted("id"):
            if line.state != "done" or not line.lot_id:
                continue
            if line.product_id.tracking != "serial":
                continue
            to_customer = line.location_dest_id.usage == "customer"
            from_customer = line.location_id.usage == "customer"
            if to_customer != from_customer:
                last[line.lot_id] = line
        delivered = defaultdict(lambda: self.env["stock.lot"])
        returned = self.env["stock.lot"]
        for lot, line in last.items():
            if line.location_dest_id.usage == "customer":
                partner = line.picking_id.partner_id or line.move_id.partner_id
                company = line.company_id or self.env.company
                day = fields.Date.context_today(
                    line.with_context(tz=company._sunshine_tz()), line.date
                )
                delivered[partner, day] |= lot
            else:
                returned |= lot
        # sudo: the installed base is what the validated transfers did; the
        # user who validated them may not edit the serials.
        for (partner, day), lots in delivered.items():
            lots.sudo()._sunshine_delivered(partner, day)
        returned.sudo()._leave_installed_base(returned=True)
