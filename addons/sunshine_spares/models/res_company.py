from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """The after-sales commitments a company may set for itself."""

    _inherit = "res.company"

    sunshine_return_days = fields.Integer(
        string="No-Reason Return (days)",
        default=7,
        help="A customer may return a delivered serial without reason until "
        "this many days after its delivery day (the delivery day is day 0).",
    )
    sunshine_warranty_notice_days = fields.Integer(
        string="Warranty Notice (days)",
        default=30,
        help="The regional representative is reminded this many days before "
        "the warranty of a unit ends.",
    )
    sunshine_repairs_before_replacement = fields.Integer(
        string="Repairs before Replacement",
        default=2,
        help="After this many done repairs of a serial for the same fault, its "
        "next ticket for that fault replaces the unit instead of repairing it.",
    )

    @api.constrains(
        "sunshine_return_days",
        "sunshine_warranty_notice_days",
        "sunshine_repairs_before_replacement",
    )
    def _check_sunshine_commitments(self):
        for company in self:
            if (
                company.sunshine_return_days < 0
                or company.sunshine_warranty_notice_days < 0
                or company.sunshine_repairs_before_replacement < 1
            ):
                raise ValidationError(
                    _(
                        "The after-sales settings of %(company)s are wrong: the "
                        "return period and the warranty notice are zero days or "
                        "more, and a unit is replaced after one repair or more.",
                        company=company.name,
                    )
                )
