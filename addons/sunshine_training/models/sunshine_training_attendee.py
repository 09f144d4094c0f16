from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# What an attendee's result is: fixed once the session is done or the
# attendee certified.
RESULT_FIELDS = ("session_id", "employee_id", "partner_id", "attended", "score")


class SunshineTrainingAttendee(models.Model):
    """An attendee of a session with attendance and exam score, recorded by
    the trainer."""

    _name = "sunshine.training.attendee"
    _inherit = "sunshine.protected.fields.mixin"
    _description = "Training Attendee"
    _order = "session_id, id"
    _sunshine_protected_fields = ("certification_id",)

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

    # session_id is required, so that the check runs on every create too
    @api.constrains("employee_id", "partner_id", "session_id")
    def _check_attendee(self):
        for attendee in self:
            if not (attendee.employee_id or attendee.partner_id):
                raise ValidationError(
                    _("Choose the engineer or the customer contact attending.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        sessions = self.env["sunshine.training.session"].browse(
            {vals.get("session_id") for vals in vals_list} - {None, False}
        )
        sessions.filtered(lambda s: s.state == "done")._assert_results_open()
        return super().create(vals_list)

    def write(self, vals):
        if any(name in vals for name in RESULT_FIELDS):
            self._locked()._assert_results_open()
            if "session_id" in vals:
                session = self.env["sunshine.training.session"].browse(
                    vals["session_id"]
                )
                session.filtered(lambda s: s.state == "done")._assert_results_open()
        return super().write(vals)

    def unlink(self):
        self._locked()._assert_results_open()
        return super().unlink()

    def _locked(self):
        """The attendees whose result is evidence: their session is done or
        they are certified."""
        return self.filtered(
            lambda a: a.session_id.state == "done" or a.certification_id
        )

    def _assert_results_open(self):
        if self and not self._sunshine_writes_protected():
            raise AccessError(
                _(
                    "The result of %(attendee)s in session %(session)s is evidence "
                    "(the session is done or the attendee certified): it is no "
                    "longer changed or deleted. Revoke the certification if it "
                    "was issued in error.",
                    attendee=self[0]._attendee_name(),
                    session=self[0].session_id.name,
                )
            )

    def _attendee_name(self):
        self.ensure_one()
        return self.employee_id.name or self.partner_id.name

    def action_certify(self):
        self._sunshine_ensure_one()
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
        Certification = self.env["sunshine.certification"]
        certifications = Certification._sunshine_as_action().create(values)
        for attendee, certification in zip(
            self._sunshine_as_action(), certifications, strict=True
        ):
            attendee.certification_id = certification
        return certifications.with_env(self.env)

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
