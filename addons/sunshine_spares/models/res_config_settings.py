from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sunshine_return_days = fields.Integer(
        related="company_id.sunshine_return_days", readonly=False
    )
    sunshine_warranty_notice_days = fields.Integer(
        related="company_id.sunshine_warranty_notice_days", readonly=False
    )
    sunshine_repairs_before_replacement = fields.Integer(
        related="company_id.sunshine_repairs_before_replacement", readonly=False
    )
