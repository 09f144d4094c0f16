from odoo import api, fields, models


class SunshineQualityAction(models.Model):
    """Improvement measures of the findings of on-site inspections."""

    _inherit = "sunshine.quality.action"

    inspection_id = fields.Many2one(
        "sunshine.inspection",
        index="btree_not_null",
        ondelete="restrict",
    )

    @api.constrains("name", "tracking_id", "complaint_id", "nonconformity_id")
    def _check_source(self):
        # an inspection is a source of its own
        return super(
            SunshineQualityAction,
            self.filtered(lambda action: not action.inspection_id),
        )._check_source()
