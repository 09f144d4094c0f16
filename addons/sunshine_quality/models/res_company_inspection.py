from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sunshine_inspection_notice_days = fields.Integer(
        string="Inspection Notice (Days)",
        default=14,
        help="How many days before an on-site inspection the customer is told "
        "of it by e-mail.",
    )
