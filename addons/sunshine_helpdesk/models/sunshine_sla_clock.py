from odoo import fields, models


class SunshineSlaClock(models.Model):
    """What an SLA timer measures: response, on-site arrival, resolution...

    Clocks are records so that each addon can add its own (a complaint's
    handling opinion, a repair's turnaround) without touching the engine.
    """

    _name = "sunshine.sla.clock"
    _description = "SLA Clock"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical name used by the models that start and stop this clock.",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another SLA clock already has this code."),
    ]

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()  # the policies' _sla_policy_rows
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # the policies' _sla_policy_rows
        return res
