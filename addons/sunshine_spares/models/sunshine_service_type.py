from odoo import fields, models


class SunshineServiceType(models.Model):
    _inherit = "sunshine.service.type"

    product_id = fields.Many2one(
        "product.product",
        string="Service Product",
        domain=[("type", "=", "service")],
        help="The product a post-warranty fee of this service is quoted and "
        "invoiced with, e.g. on the quotation of a repair.",
    )
