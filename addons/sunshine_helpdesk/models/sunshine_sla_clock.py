from odoo import api, fields, models, tools


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

    @api.model
    @tools.ormcache("self.env.lang")
    def _sla_clock_data(self):
        """{clock id: (code, name)} of every clock, in the user's language:
        the timers show and the records stop their clocks without reading
        them (a ticket form reads its timers, not their clocks)."""
        # the few clocks of the installed addons, archived ones too
        clocks = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch([], ["code", "name"])
        )
        return {clock.id: (clock.code, clock.name) for clock in clocks}

    @api.model_create_multi
    def create(self, vals_list):
        clocks = super().create(vals_list)
        self.env.registry.clear_cache()  # _sla_clock_data
        return clocks

    def write(self, vals):
        res = super().write(vals)
        # the policies' _sla_policy_rows and _sla_clock_data
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        # the policies' _sla_policy_rows and _sla_clock_data
        self.env.registry.clear_cache()
        return res
