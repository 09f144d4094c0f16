from odoo import fields, models


class SunshineFaultCode(models.Model):
    """A kind of failure found on repairs and service tickets."""

    _name = "sunshine.fault.code"
    _description = "Fault Code"
    _order = "code"
    _rec_names_search = ["code", "name"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique (code)", "A fault code must be unique."),
    ]
