from odoo import fields, models


class SunshineComplaintCategory(models.Model):
    """What a complaint is about: service attitude, response time..."""

    _name = "sunshine.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    show_in_portal = fields.Boolean(
        default=True, help="Customers choose it when they complain on the portal."
    )
