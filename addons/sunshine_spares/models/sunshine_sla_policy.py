from odoo import fields, models


class SunshineSlaPolicy(models.Model):
    _inherit = "sunshine.sla.policy"

    # Repairs run the turnaround clock of the engine too.
    model_id = fields.Many2one(
        domain=[("model", "in", ["helpdesk.ticket", "repair.order"])]
    )
