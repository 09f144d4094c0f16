from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineTrainingCourse(models.Model):
    """A course engineers (or customers) attend; passing it certifies an
    engineer for a product line."""

    _name = "sunshine.training.course"
    _description = "Training Course"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char()
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Line",
        tracking=True,
        help="Passing this course certifies for this product line and the "
        "lines below it.",
    )
    audience = fields.Selection(
        [("internal", "Engineers"), ("customer", "Customers")],
        required=True,
        default="internal",
        help="Engineers are certified when they pass; customers receive a "
        "completion record (on-site training).",
    )
    duration_hours = fields.Float(string="Duration (hours)", default=8.0)
    validity_months = fields.Integer(
        string="Validity (months)",
        default=24,
        help="How long a certification from this course stays valid.",
    )
    pass_mark = fields.Float(default=60.0, help="Exam score needed to pass (0-100).")
    description = fields.Html(translate=True)
    session_ids = fields.One2many("sunshine.training.session", "course_id")
    session_count = fields.Integer(compute="_compute_session_count")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    @api.depends("session_ids")
    def _compute_session_count(self):
        counts = dict(
            self.env["sunshine.training.session"]._read_group(
                [("course_id", "in", self.ids)], ["course_id"], ["__count"]
            )
        )
        for course in self:
            course.session_count = counts.get(course, 0)

    @api.constrains("pass_mark", "validity_months", "audience", "product_categ_id")
    def _check_course(self):
        for course in self:
            if not 0 <= course.pass_mark <= 100:
                raise ValidationError(
                    _("The pass mark of %s must be between 0 and 100.", course.name)
                )
            if course.audience == "internal" and course.validity_months <= 0:
                raise ValidationError(
                    _(
                        "The validity of %s must be at least one month: it gives "
                        "the expiry of the certifications.",
                        course.name,
                    )
                )
            if course.audience == "internal" and not course.product_categ_id:
                raise ValidationError(
                    _(
                        "Course %s certifies engineers: choose the product line "
                        "it certifies for.",
                        course.name,
                    )
                )

    def action_view_sessions(self):
        self._sunshine_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Sessions"),
            "res_model": "sunshine.training.session",
            "view_mode": "list,form,calendar",
            "domain": [("course_id", "=", self.id)],
            "context": {"default_course_id": self.id},
        }
