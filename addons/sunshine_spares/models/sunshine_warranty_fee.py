from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineWarrantyFee(models.Model):
    """A line of a term's post-warranty fee schedule: a service and its price."""

    _name = "sunshine.warranty.fee"
    _description = "Post-Warranty Fee"
    _order = "term_id, sequence, id"

    term_id = fields.Many2one(
        "sunshine.warranty.term",
        string="Warranty Term",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="term_id.company_id", store=True)
    service_type_id = fields.Many2one("sunshine.service.type", required=True)
    price = fields.Monetary(required=True, default=0.0)
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    note = fields.Char(translate=True, help="e.g. per visit, per board, per day")

    _sql_constraints = [
        (
            "term_service_type_uniq",
            "unique(term_id, service_type_id)",
            "A fee schedule has one price per service type.",
        ),
    ]

    @api.constrains("price")
    def _check_price(self):
        for fee in self:
            if fee.price < 0:
                raise ValidationError(
                    _(
                        "The fee of %(service)s cannot be negative; enter 0 for a "
                        "free service.",
                        service=fee.service_type_id.name,
                    )
                )
