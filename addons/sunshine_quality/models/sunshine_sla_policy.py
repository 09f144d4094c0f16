from odoo import fields, models


class SunshineSlaPolicy(models.Model):
    _inherit = "sunshine.sla.policy"

    # Complaints and their tracking forms run clocks of the engine too. The
    # engine lists the models its policies apply to; this adds ours to it.
    model_id = fields.Many2one(
        domain=[
            (
                "model",
                "in",
                [
                    "helpdesk.ticket",
                    "repair.order",
                    "sunshine.complaint",
                    "sunshine.complaint.tracking",
                ],
            )
        ]
    )
