from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SunshineTrainingAttendee(models.Model):
    """An attendee of a session with attendance and exam score, recorded by
    the trainer."""

    _name = "sunshine.training.attendee"
    _description = "Training Attendee"
    _order = "session_id, id"

    session_id = fields.Many2one(
        "sunshine.training.session", required=True, ondelete="cascade", index=True
    )
    course_id = fields.Many2one(related="session_id.course_id", store=True)
    employee_id = fields.Many2one("hr.employee", string="Engineer", index=True)
    partner_id = fields.Many2one("res.partner", string="Customer Contact")
    attended = fields.Boolean()
    score = fields.Float(help="Exam score, 0 to 100.")
    passed = fields.Boolean(compute="_compute_passed", store=True)
    completed = fields.Boolean(
        compute="_compute_passed",
        store=True,
        help="Customer training: attended a session that is done.",
    )
    certification_id = fields.Many2one(
        "sunshine.certification", readonly=True, copy=False
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "employee_session_uniq",
            "unique(session_id, employee_id)",
            "An engineer attends a session once.",
        ),
    ]

    @api.depends(
        "attended", "score", "session_id.course_id.pass_mark", "session_id.state"
    )
    def _compute_passed(self):
        for attendee in self:
            attendee.passed = (
                attendee.attended
                and attendee.score >= attendee.session_id.course_id.pass_mark
            )
            attendee.completed = (
                attendee.attended and attendee.session_id.state == "done"
            )

    @api.constrains("score")
    def _check_score(self):
        for attendee in self:
            if not 0 <= attendee.score <= 100:
                raise ValidationError(
                    _(
                        "The score of %(attendee)s must be between 0 and 100, "
                        "not %(score)s.",
                        attendee=attendee._attendee_name(),
                        score=attendee.score,
                    )
                )

    @api.constrains("employee_id", "partner_id")
    def _check_attendee(self):
        for attendee in self:
            if not (attendee.employee_id or attendee.partner_id):
                raise ValidationError(
                    _("Choose the engineer or the customer contact attending.")
                )

    def _attendee_name(self):
        self.ensure_one()
        return self.employee_id.name or self.partner_id.name

    def action_certify(self):
        self.ensure_one()
        self._certify()

    def _certify(self):
        """Create the certification of each attendee; refused for an absent
        attendee, a failed exam, or a customer."""
        values = []
        for attendee in self:
            name = attendee._attendee_name()
            if attendee.certification_id:
                raise UserError(_("%s is already certified by this session.", name))
            if not attendee.employee_id:
                raise UserError(
                    _("%s is a customer contact: customers are not certified.", name)
                )
            if not attendee.attended:
                raise UserError(
                    _("%s was absent: an absent engineer cannot be certified.", name)
                )
            if not attendee.passed:
                raise UserError(
                    _(
                        "%(name)s scored %(score)s, below the pass mark of %(mark)s.",
                        name=name,
                        score=attendee.score,
                        mark=attendee.course_id.pass_mark,
                    )
                )
            values.append(attendee._prepare_certification())
        certifications = self.env["sunshine.certification"].create(values)
        for attendee, certification in zip(self, certifications, strict=True):
            attendee.certification_id = certification
        return certifications

    def _prepare_certification(self):
        session = self.session_id
        issue = fields.Date.context_today(self)
        return {
            "employee_id": self.employee_id.id,
            "course_id": session.course_id.id,
            "product_categ_id": session.course_id.product_categ_id.id,
            "session_id": session.id,
            "trainer_id": session.trainer_id.id,
            "issue_date": issue,
            "expiry_date": fields.Date.add(
                issue, months=session.course_id.validity_months
            ),
            "company_id": session.company_id.id,
        }
