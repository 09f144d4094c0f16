from odoo import api, fields, models


class StockLot(models.Model):
    """The spare-part prices locked for a unit at its delivery (价格锁定)."""

    _inherit = "stock.lot"  # pylint: disable=consider-merging-classes-inherited

    part_price_ids = fields.One2many(
        "sunshine.lot.part.price",
        "lot_id",
        string="Locked Part Prices",
        readonly=True,
        help="The prices of the spare parts of the equipment, locked at its "
        "delivery for the guaranteed supply period of its spare-part list.",
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

    def _sunshine_take_over_prices(self, replaced):
        """The prices locked for ``replaced`` were promised for the equipment,
        which this unit now is: they move to it, replacing its own."""
        self.ensure_one()
        # sudo: the user validating the replacement may not manage locks; the
        # locks only move from the replaced unit to its replacement.
        own = self.sudo().part_price_ids
        moved = replaced.sudo().part_price_ids
        own.filtered(lambda lock: lock.product_id in moved.product_id).unlink()
        moved.lot_id = self
