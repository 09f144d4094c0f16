from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineInspectionTemplate(models.Model):
    """The checklist of an on-site inspection (巡检项目): the system check
    (software, hardware, power, alarms) and the general check.

    Its lines are copied into each inspection when the inspection is created,
    so that editing the checklist changes the inspections planned after the
    edit and never a report already written.
    """

    _name = "sunshine.inspection.template"
    _description = "Inspection Checklist"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the checklist of every company."
    )
    is_default = fields.Boolean(
        string="Default Checklist",
        help="The checklist of the inspections the scheduled action plans.",
    )
    line_ids = fields.One2many(
        "sunshine.inspection.template.line", "template_id", "Items", copy=True
    )
    line_count = fields.Integer(compute="_compute_line_count", string="Items Count")

    @api.depends("line_ids")
    def _compute_line_count(self):
        for template in self:
            template.line_count = len(template.line_ids)

    @api.constrains("is_default", "company_id", "active")
    def _check_one_default(self):
        for template in self.filtered(lambda record: record.is_default):
            others = self.search_count(
                [
                    ("id", "!=", template.id),
                    ("is_default", "=", True),
                    ("company_id", "=", template.company_id.id),
                ]
            )
            if others:
                raise ValidationError(
                    _(
                        "Only one checklist is the default one; clear the default "
                        "of the other checklist first."
                    )
                )

    @api.model
    def _sunshine_default_for(self, company):
        """The checklist the planning copies for ``company``: its own
        default, else the default of every company."""
        return self.search(
            [("is_default", "=", True), ("company_id", "in", [company.id, False])],
            order="company_id, sequence, id",
            limit=1,
        )

    def _sunshine_line_values(self):
        """The values of the inspection lines copied from the checklist."""
        self.ensure_one()
        return [
            {
                "sequence": line.sequence,
                "section": line.section,
                "category": line.category,
                "name": line.name,
                "method": line.method,
                "expected_value": line.expected_value,
            }
            for line in self.line_ids
        ]
