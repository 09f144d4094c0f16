from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sunshine_inspection_notice_days = fields.Integer(
        related="company_id.sunshine_inspection_notice_days", readonly=False
    )
