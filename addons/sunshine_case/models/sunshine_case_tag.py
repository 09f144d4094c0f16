from odoo import fields, models


class SunshineCaseTag(models.Model):
    """A free label of experience cases (a subsystem, a customer type...)."""

    _name = "sunshine.case.tag"
    _description = "Experience Case Tag"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique (name)", "A case tag with this name already exists."),
    ]
