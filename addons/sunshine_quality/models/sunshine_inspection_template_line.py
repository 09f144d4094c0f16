from odoo import fields, models

SECTIONS = [
    ("system", "System Check"),
    ("general", "General Check"),
]
CATEGORIES = [
    ("software", "Software"),
    ("hardware", "Hardware"),
    ("power", "Power"),
    ("alarms", "Alarms"),
    ("general", "General"),
]


class SunshineInspectionTemplateLine(models.Model):
    """An item of an inspection checklist. Its text is the company's own
    words (one language), copied as it is into the inspections."""

    _name = "sunshine.inspection.template.line"
    _description = "Inspection Checklist Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "sunshine.inspection.template",
        string="Checklist",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    section = fields.Selection(SECTIONS, required=True, default="system")
    category = fields.Selection(
        CATEGORIES, string="Check Area", required=True, default="general"
    )
    name = fields.Char(string="Item", required=True)
    method = fields.Char(string="How to Check")
    expected_value = fields.Char(string="Expected")
