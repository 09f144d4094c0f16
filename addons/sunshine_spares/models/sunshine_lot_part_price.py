from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineLotPartPrice(models.Model):
    """The price of a spare part locked for a delivered serial.

    The seed promises spare parts for the design life of the equipment at
    the price of sale: when a serial is delivered, each part of its model's
    spare-part list keeps its sales price of that day until the end of the
    list's guaranteed supply period. Quotations of the part for the serial
    use it while it runs.
    """

    _name = "sunshine.lot.part.price"
    _description = "Locked Spare-Part Price"
    _order = "lot_id, product_id, id"
    _rec_name = "product_id"

    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
    )
    price = fields.Monetary(
        string="Locked Price",
        required=True,
        help="The sales price of the part when the equipment was delivered.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    supply_years = fields.Integer(
        string="Guaranteed Supply (years)",
        required=True,
        default=10,
        help="Copied from the spare-part list when the equipment was "
        "delivered: what was promised then holds even if the list changes.",
    )
    date_start = fields.Date(
        string="Locked From",
        compute="_compute_dates",
        store=True,
        help="The delivery date of the equipment.",
    )
    date_end = fields.Date(
        string="Locked Until",
        compute="_compute_dates",
        store=True,
        index=True,
        help="The last day the locked price applies; the current price after it.",
    )

    _sql_constraints = [
        (
            "lot_product_uniq",
            "unique(lot_id, product_id)",
            "A serial has one locked price per part.",
        ),
    ]

    @api.depends("lot_id.delivery_date", "supply_years")
    def _compute_dates(self):
        for lock in self:
            start = lock.lot_id.delivery_date
            lock.date_start = start
            lock.date_end = start and start + relativedelta(
                years=lock.supply_years, days=-1
            )

    @api.constrains("price", "supply_years")
    def _check_values(self):
        for lock in self:
            if lock.price < 0 or lock.supply_years <= 0:
                raise ValidationError(
                    _(
                        "The locked price of %(part)s for %(lot)s is wrong: the "
                        "price must be zero or more and the guaranteed supply "
                        "period at least one year.",
                        part=lock.product_id.display_name,
                        lot=lock.lot_id.name,
                    )
                )

    def _is_valid_on(self, date):
        """Whether the lock applies on ``date``: from delivery to its last day."""
        self.ensure_one()
        return bool(
            date and self.date_start and self.date_start <= date <= self.date_end
        )

    def _price_in(self, currency, company, date):
        """The locked price converted into ``currency`` on ``date``."""
        self.ensure_one()
        return self.currency_id._convert(self.price, currency, company, date)
