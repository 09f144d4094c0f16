from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# What a done session was: fixed, with its attendees' results.
DONE_FIELDS = ("course_id", "trainer_id", "date_start", "date_end")


class SunshineTrainingSession(models.Model):
    """One run of a course: where, when, who teaches, who attends."""

    _name = "sunshine.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "sunshine.protected.fields.mixin"]
    _order = "date_start desc, id desc"
    # moved by the buttons: Start, Validate Results, Cancel, Plan Again
    _sunshine_protected_fields = ("state",)

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    course_id = fields.Many2one(
        "sunshine.training.course", required=True, tracking=True, index=True
    )
    audience = fields.Selection(related="course_id.audience", store=True)
    product_categ_id = fields.Many2one(
        related="course_id.product_categ_id", store=True, string="Product Line"
    )
    trainer_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", required=True, tracking=True)
    location_type = fields.Selection(
        [
            ("hq", "HQ Training Centre"),
            ("centre", "Maintenance Centre"),
            ("customer", "Customer Site"),
        ],
        string="Place",
        required=True,
        default="hq",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Maintenance Centre",
        help="Where the session is held.",
    )
    customer_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="For on-site training at a customer (现场培训).",
    )
    location = fields.Char(string="Address")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    attendee_ids = fields.One2many(
        "sunshine.training.attendee", "session_id", string="Attendees", copy=False
    )
    attendee_count = fields.Integer(compute="_compute_attendee_count", store=True)
    passed_count = fields.Integer(compute="_compute_attendee_count", store=True)
    certification_ids = fields.One2many("sunshine.certification", "session_id")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.depends("course_id.name", "date_start", "company_id")
    def _compute_name(self):
        """Course and day, in the language of the session's company: the
        name is stored once for every reader, whoever created the session."""
        for session in self:
            company = session.company_id or self.env.company
            course = session.course_id.with_context(lang=company._sunshine_lang())
            day = session.date_start and fields.Date.to_string(
                session._sunshine_company_start().date()
            )
            session.name = " ".join(filter(None, [course.name, day]))

    @api.depends("attendee_ids.passed")
    def _compute_attendee_count(self):
        for session in self:
            session.attendee_count = len(session.attendee_ids)
            session.passed_count = len(session.attendee_ids.filtered("passed"))

    def _sunshine_company_start(self):
        """The start in the time zone of the session's company."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return fields.Datetime.context_timestamp(
            self.with_context(tz=company._sunshine_tz()), self.date_start
        )

    def _sunshine_format_start(self):
        self.ensure_one()
        return fields.Datetime.to_string(self._sunshine_company_start())[:16]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for session in self:
            if session.date_end < session.date_start:
                raise ValidationError(
                    _(
                        "Session %(session)s ends before it starts: it ends "
                        "%(end)s and starts %(start)s.",
                        session=session.name,
                        end=session.date_end,
                        start=session.date_start,
                    )
                )

    @api.constrains("location_type", "customer_id")
    def _check_customer(self):
        for session in self:
            if session.location_type == "customer" and not session.customer_id:
                raise ValidationError(
                    _(
                        "Session %s is at a customer site: choose the customer.",
                        session.name,
                    )
                )

    def write(self, vals):
        if any(name in vals for name in DONE_FIELDS):
            self.filtered(lambda s: s.state == "done")._assert_results_open()
        return super().write(vals)

    def unlink(self):
        self.filtered(lambda s: s.state == "done")._assert_results_open()
        return super().unlink()

    def _assert_results_open(self):
        if self and not self._sunshine_writes_protected():
            raise AccessError(
                _(
                    "Session %s is done: the session, its attendees and their "
                    "results are evidence and are no longer changed or deleted.",
                    self[0].name,
                )
            )

    def action_start(self):
        self._check_state({"planned"}, _("Only a planned session can start."))
        self._sunshine_as_action().state = "in_progress"

    def action_done(self):
        """Close the session: attendees who attended and passed are
        certified (engineers) or receive their completion (customers)."""
        self._check_state(
            {"planned", "in_progress"},
            _("Only a planned or running session can be closed."),
        )
        now = fields.Datetime.now()
        for session in self:
            if not session.attendee_ids:
                raise UserError(
                    _("Session %s has no attendees to record.", session.name)
                )
            if session.date_start > now:
                raise UserError(
                    _(
                        "Session %(session)s starts on %(start)s: its results "
                        "can be validated once it has started, not before.",
                        session=session.name,
                        start=session._sunshine_format_start(),
                    )
                )
        self._sunshine_as_action().state = "done"
        self.attendee_ids.filtered(
            lambda a: (
                a.passed
                and a.session_id.audience == "internal"
                and not a.certification_id
            )
        )._certify()

    def action_cancel(self):
        self._check_state(
            {"planned", "in_progress"},
            _("Only a planned or running session can be cancelled."),
        )
        self._sunshine_as_action().state = "cancelled"

    def action_reset_to_planned(self):
        self._check_state(
            {"cancelled"}, _("Only a cancelled session can be planned again.")
        )
        self._sunshine_as_action().state = "planned"

    def _check_state(self, allowed, rule):
        states = dict(self._fields["state"]._description_selection(self.env))
        for session in self:
            if session.state not in allowed:
                raise UserError(
                    _(
                        "%(rule)s Session %(session)s is %(state)s.",
                        rule=rule,
                        session=session.name,
                        state=states[session.state],
                    )
                )
