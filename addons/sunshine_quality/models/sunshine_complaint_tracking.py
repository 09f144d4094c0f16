from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime, html2plaintext

from .quality_staff import assert_quality_staff
from .sunshine_complaint import SLA_RESULTS, hours_between

TRACKING_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("opinion", "Opinion Returned"),
    ("done", "Closure Requested"),
    ("cancelled", "Cancelled"),
]
OPINION_CLOCK = "complaint_opinion"
# What the complaint desk decides when it sends a form; the department
# writes its opinion while the form waits for it, then its result.
DESK_FIELDS = {"complaint_id", "department_id", "handler_id", "instructions"}
RESULT_FIELDS = {
    "result",
    "action_ids",
    "accountable_employee_id",
    "accountable_department_id",
    "accountability_decision",
}


class SunshineComplaintTracking(models.Model):
    """A complaint tracking form (投诉跟踪单) sent to one department.

    The department returns its handling opinion within 2 hours of receiving
    the form (its own clock of the SLA engine), then, once the customer
    approved the solution, reports the result (what was done, improvement
    measures, accountability) and requests closure.
    """

    _name = "sunshine.complaint.tracking"
    _description = "Complaint Tracking Form"
    _inherit = ["mail.thread", "mail.activity.mixin", "sunshine.sla.mixin"]
    _order = "complaint_id desc, round, id"
    _sla_reference_field = "sent_date"
    _sunshine_protected_fields = (
        "state",
        "round",
        "sent_date",
        "opinion_date",
        "opinion_hours",
        "opinion_sla",
        "opinion_user_id",
        "result_date",
    )

    name = fields.Char(string="Number", readonly=True, copy=False)
    complaint_id = fields.Many2one(
        "sunshine.complaint",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(related="complaint_id.partner_id", string="Customer")
    complaint_subject = fields.Char(related="complaint_id.subject", string="Subject")
    complaint_description = fields.Html(
        related="complaint_id.description", string="Complaint Description"
    )
    complaint_state = fields.Selection(
        related="complaint_id.state", string="Complaint State"
    )
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True
    )
    handler_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        help="Who returns the opinion for the department; the department's "
        "manager when empty.",
    )
    round = fields.Integer(
        readonly=True,
        default=1,
        help="1 for the first handling; each reopening of the complaint sends "
        "new forms for the next round.",
    )
    instructions = fields.Text(help="What the complaint desk asks the department.")
    state = fields.Selection(
        TRACKING_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False)
    opinion = fields.Html(string="Handling Opinion")
    opinion_date = fields.Datetime(
        string="Opinion Returned On", readonly=True, copy=False
    )
    opinion_user_id = fields.Many2one(
        "res.users", string="Opinion By", readonly=True, copy=False
    )
    opinion_hours = fields.Float(
        string="Opinion Time (hours)", readonly=True, copy=False, aggregator="avg"
    )
    opinion_sla = fields.Selection(
        SLA_RESULTS,
        string="Opinion SLA",
        default="pending",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    opinion_deadline = fields.Datetime(
        string="Opinion Due", compute="_compute_opinion_deadline"
    )
    result = fields.Html(
        string="Handling Result",
        help="What was done for the customer (投诉处理结果说明).",
    )
    action_ids = fields.One2many(
        "sunshine.quality.action", "tracking_id", string="Improvement Measures"
    )
    accountable_employee_id = fields.Many2one(
        "hr.employee", string="Responsible Employee", tracking=True
    )
    accountable_department_id = fields.Many2one(
        "hr.department", string="Responsible Department", tracking=True
    )
    accountability_decision = fields.Text(
        tracking=True,
        help="What is decided for whoever is responsible for the complaint.",
    )
    result_date = fields.Datetime(
        string="Closure Requested On", readonly=True, copy=False
    )

    @api.depends("sla_timer_ids.deadline", "sla_timer_ids.state")
    def _compute_opinion_deadline(self):
        # sudo: due times are shown to whoever reads the form
        for form in self:
            timer = form._sla_timers().filtered(
                lambda t: t.clock_id.code == OPINION_CLOCK
            )
            form.opinion_deadline = timer[:1].deadline

    @api.model_create_multi
    def create(self, vals_list):
        # the values, and the ``default_`` keys of the context
        self._sunshine_assert_create_values(vals_list)
        Complaint = self.env["sunshine.complaint"]
        numbers = {}
        rounds = []
        for vals in vals_list:
            complaint = Complaint.browse(vals.get("complaint_id"))
            if complaint.state == "closed":
                raise UserError(
                    _(
                        "Complaint %s is closed: no tracking form is sent for it.",
                        complaint.name,
                    )
                )
            rounds.append(complaint.reopen_count + 1)
            # one more than the forms the complaint has, seen or not, and
            # than those of this batch
            if complaint.id not in numbers:
                # sudo: counting forms only, to number the new one
                numbers[complaint.id] = len(complaint.sudo().tracking_ids)
            numbers[complaint.id] += 1
            vals["name"] = f"{complaint.name}-{numbers[complaint.id]:02d}"
            if not vals.get("handler_id"):
                department = self.env["hr.department"].browse(vals.get("department_id"))
                vals["handler_id"] = department.manager_id.user_id.id
        # created as the user, so that the measures and the other lines
        # created with the forms are checked as theirs; the round only is
        # the loop's
        forms = super().create(vals_list)
        for form, round_number in zip(forms, rounds, strict=True):
            if form.round != round_number:
                form._sunshine_as_action().write({"round": round_number})
        return forms

    def write(self, vals):
        if not self._sunshine_writes_protected():
            self._assert_writable(set(vals))
        return super().write(vals)

    def _assert_writable(self, names):
        """The desk addresses a form until it is sent; the department writes
        its opinion while it is due, then its result."""
        if names & DESK_FIELDS:
            if not self.env.user.has_group("sunshine_quality.group_quality_user"):
                raise AccessError(
                    _(
                        "The complaint desk addresses tracking forms; ask it to "
                        "send the form to another department or handler."
                    )
                )
            if names & {"complaint_id", "department_id"} and any(
                form.state != "draft" for form in self
            ):
                raise UserError(
                    _(
                        "A tracking form that was sent keeps its complaint and "
                        "department; cancel it and send a new one."
                    )
                )
        if "opinion" in names and any(
            form.state not in ("draft", "sent") for form in self
        ):
            raise UserError(
                _("The handling opinion was returned; it is kept as it was returned.")
            )
        if names & RESULT_FIELDS and any(form.state != "opinion" for form in self):
            raise UserError(
                _(
                    "The handling result is written after the opinion and before "
                    "closure is requested."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(form.state != "draft" for form in self):
            raise UserError(
                _("A tracking form that was sent is kept; cancel it instead.")
            )

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    def _assert_department_member(self):
        """The opinion and the result come from the department the form was
        sent to (its handler or members), or are recorded by the desk."""
        user = self.env.user
        if user.has_group("sunshine_quality.group_quality_user"):
            return
        for form in self:
            members = form.department_id.member_ids.user_id | form.handler_id
            if user not in members:
                raise UserError(
                    _(
                        "Tracking form %(form)s was sent to %(department)s; only "
                        "that department returns its opinion and result.",
                        form=form.name,
                        department=form.department_id.display_name,
                    )
                )

    def _complaints_as_desk(self):
        """The complaints of these forms, to move them on.

        sudo: a department's opinion and result move the complaint on and
        go to its chatter; its handler reads the complaint but may not edit
        it otherwise. The actions that call this checked the form first.
        """
        return self.complaint_id.sudo()

    def _opinion_deadline_text(self):
        """When the opinion is due, in the time zone of its calendar."""
        self.ensure_one()
        timer = self._sla_timers().filtered(lambda t: t.clock_id.code == OPINION_CLOCK)
        if not timer:
            return _("no deadline")
        return format_datetime(
            self.env, timer.deadline, tz=timer.calendar_id.tz, dt_format="short"
        )

    def _assert_form_state(self, states, message):
        for form in self:
            if form.state not in states:
                raise UserError(message % {"form": form.name})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send(self):
        """Send the forms to their departments: the opinion clock starts."""
        self._assert_form_state(
            ("draft",), _("Tracking form %(form)s has already been sent.")
        )
        for form in self:
            if form.complaint_id.state == "closed":
                raise UserError(_("Complaint %s is closed.", form.complaint_id.name))
        now = fields.Datetime.now()
        self._sunshine_as_action().write({"state": "sent", "sent_date": now})
        self._sla_start([OPINION_CLOCK], start=now)
        for form in self:
            handler = form.handler_id or form.department_id.manager_id.user_id
            manager = form.department_id.manager_id.user_id
            form.message_subscribe(partner_ids=(handler | manager).partner_id.ids)
            if handler:
                form.activity_schedule(
                    "sunshine_quality.mail_activity_type_opinion",
                    date_deadline=(form.opinion_deadline or now).date(),
                    summary=_("Return the handling opinion"),
                    user_id=handler.id,
                )
            form.message_post(
                body=_(
                    "Tracking form sent to %(department)s; return the handling "
                    "opinion by %(deadline)s.",
                    department=form.department_id.display_name,
                    deadline=form._opinion_deadline_text(),
                ),
                partner_ids=(handler | manager).partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            form.complaint_id.message_post(
                body=_(
                    "Tracking form %(form)s sent to %(department)s.",
                    form=form.name,
                    department=form.department_id.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.complaint_id._tracking_sent(self)
        return True

    def action_return_opinion(self):
        """The department's handling opinion: the opinion clock stops."""
        self._assert_department_member()
        self._assert_form_state(
            ("sent",),
            _("Tracking form %(form)s is not waiting for the department's opinion."),
        )
        for form in self:
            if not html2plaintext(form.opinion or "").strip():
                raise UserError(
                    _(
                        "Write the handling opinion of %s before returning it.",
                        form.name,
                    )
                )
        now = fields.Datetime.now()
        self._sla_stop([OPINION_CLOCK], when=now)
        for form in self:
            timer = form._sla_timers().filtered(
                lambda t: t.clock_id.code == OPINION_CLOCK
            )
            values = {
                "state": "opinion",
                "opinion_date": now,
                "opinion_user_id": self.env.user.id,
                "opinion_hours": hours_between(form.sent_date, now),
            }
            if timer:
                late = timer.state == "breached" or now > timer.deadline
                values["opinion_sla"] = "late" if late else "on_time"
            form._sunshine_as_action().write(values)
            form.activity_feedback(["sunshine_quality.mail_activity_type_opinion"])
            form._complaints_as_desk().message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "%(department)s returned its handling opinion:",
                        department=form.department_id.display_name,
                    ),
                    form.opinion,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._complaints_as_desk()._update_opinion_stats()
        return True

    def action_request_close(self):
        """The department carried out the approved solution and reports its
        result: the complaint asks for closure once every form of the round
        has."""
        self._assert_department_member()
        self._assert_form_state(
            ("opinion",),
            _(
                "Tracking form %(form)s cannot request closure: the department "
                "returns its opinion first."
            ),
        )
        for form in self:
            if form.complaint_id.state != "carrying_out":
                raise UserError(
                    _(
                        "The customer has not approved a solution of %s yet: "
                        "request closure once the approved solution is carried "
                        "out.",
                        form.complaint_id.name,
                    )
                )
            if not html2plaintext(form.result or "").strip():
                raise UserError(
                    _(
                        "Describe what was done (the handling result) on %s "
                        "before requesting closure.",
                        form.name,
                    )
                )
        now = fields.Datetime.now()
        self._sunshine_as_action().write({"state": "done", "result_date": now})
        for form in self:
            form._complaints_as_desk().message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "%(department)s reported its handling result and "
                        "requests closure:",
                        department=form.department_id.display_name,
                    ),
                    form.result,
                ),
                subtype_xmlid="mail.mt_note",
            )
        for complaint in self._complaints_as_desk():
            # closure waits for every form, those the department cannot see too
            if not complaint.tracking_ids.filtered(
                lambda f: f.state in ("sent", "opinion")
            ):
                complaint._request_close()
        return True

    def action_cancel(self):
        """The desk withdraws a form sent to the wrong department."""
        # a department may write its sent form, not withdraw it: its opinion
        # clock would stop before it is late
        assert_quality_staff(
            self.env,
            _(
                "Only the complaint desk cancels a tracking form; ask it to "
                "withdraw the form if it was sent to the wrong department."
            ),
        )
        self._assert_form_state(
            ("draft", "sent"),
            _("Tracking form %(form)s has an opinion and cannot be cancelled."),
        )
        self._sunshine_as_action().write({"state": "cancelled"})
        self._sla_stop([OPINION_CLOCK])
        self.activity_unlink(["sunshine_quality.mail_activity_type_opinion"])
        self.complaint_id._update_opinion_stats()
        return True

    def action_open_complaint(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunshine.complaint",
            "res_id": self.complaint_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # SLA engine hooks
    # ------------------------------------------------------------------
    def _sla_responsible_user(self):
        self.ensure_one()
        return self.handler_id or self.department_id.manager_id.user_id

    def _sla_breach(self, timers, now):
        res = super()._sla_breach(timers, now)
        if OPINION_CLOCK in timers.mapped("clock_id.code") and (
            self.opinion_sla == "pending"
        ):
            self._sunshine_as_action().write({"opinion_sla": "late"})
            self._complaints_as_desk()._update_opinion_stats()
        return res

    def _sla_on_breach_escalate(self, timers):
        """A late opinion: the department's manager is told."""
        manager = self.department_id.manager_id.user_id
        if not manager:
            return False
        self.message_post(
            body=_(
                "The handling opinion of %(form)s is late (%(timers)s); the "
                "department's manager is notified.",
                form=self.name,
                timers=", ".join(timers._describe()),
            ),
            partner_ids=manager.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        self.activity_schedule(
            "sunshine_quality.mail_activity_type_opinion",
            summary=_("Handling opinion late"),
            user_id=manager.id,
        )
        return True
