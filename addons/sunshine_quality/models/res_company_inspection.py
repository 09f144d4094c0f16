from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    sunshine_inspection_notice_days = fields.Integer(
        string="Inspection Notice (Days)",
        default=14,
        help="How many days before an on-site inspection the customer is told "
        "of it by e-mail.",
    )

    @api.constrains("sunshine_inspection_notice_days")
    def _check_sunshine_inspection_notice_days(self):
        for company in self:
            if company.sunshine_inspection_notice_days < 0:
                raise ValidationError(
                    _(
                        "The customers are told of an inspection before it: give "
                        "a number of days of zero or more."
                    )
                )
