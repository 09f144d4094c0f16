from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .quality_staff import is_quality_staff

ISSUE_STATES = [
    ("open", "With the Department"),
    ("solution_received", "Solution Received"),
    ("relayed", "Relayed to the Customer"),
    ("agreed", "Agreed by the Customer"),
    ("carried_out", "Carried Out"),
    ("closed", "Closed, Customer Satisfied"),
]
ISSUE_SOURCES = [
    ("callback", "Phone Callback"),
    ("survey", "Satisfaction Survey"),
]
RELAY_CLOCK = "callback_relay"
# The fields the record rules filter on: who works the issue
ROUTING_FIELDS = {"department_id", "team_id", "user_id"}


class SunshineCallbackIssue(models.Model):
    """An issue the customer raised in a callback, or a follow-up of a low
    survey score, handled to the customer's satisfaction.

    It goes to its department; once the department's solution is received,
    the caller relays it to the customer within 1 working day (the SLA
    engine's ``callback_relay`` clock on the Chinese working-day calendar);
    the customer agrees before it is carried out; then the caller checks
    with the customer, and only the customer's "satisfied" closes it. A
    customer who disagrees or is not satisfied makes it a key issue, which
    can raise a nonconformity.
    """

    _name = "sunshine.callback.issue"
    _description = "Callback Issue"
    _inherit = ["mail.thread", "mail.activity.mixin", "sunshine.sla.mixin"]
    _order = "id desc"
    _sla_reference_field = "solution_received_date"
    _sunshine_protected_fields = (
        "state",
        "source",
        "solution_received_date",
        "relayed_date",
        "agreed_date",
        "carried_out_date",
        "closed_date",
        "is_key_issue",
        "key_issue_date",
        "nonconformity_id",
        "check_callback_id",
    )

    name = fields.Char(
        string="Number", readonly=True, copy=False, default=lambda self: _("New")
    )
    title = fields.Char(string="Issue", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    source = fields.Selection(
        ISSUE_SOURCES, required=True, default="callback", readonly=True
    )
    callback_id = fields.Many2one(
        "sunshine.callback", string="Raised in Call", index="btree_not_null"
    )
    campaign_line_id = fields.Many2one(
        "sunshine.survey.campaign.line",
        string="Survey Answer",
        index="btree_not_null",
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Local Office",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Caller",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        required=True,
        tracking=True,
    )
    description = fields.Html()
    solution = fields.Html(string="Department's Solution")
    state = fields.Selection(
        ISSUE_STATES,
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    solution_received_date = fields.Datetime(readonly=True, copy=False)
    relayed_date = fields.Datetime(string="Relayed On", readonly=True, copy=False)
    agreed_date = fields.Datetime(string="Agreed On", readonly=True, copy=False)
    carried_out_date = fields.Datetime(readonly=True, copy=False)
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    is_key_issue = fields.Boolean(
        string="Key Issue",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Not solved to the customer's satisfaction: tracked on its own.",
    )
    key_issue_date = fields.Datetime(readonly=True, copy=False)
    nonconformity_id = fields.Many2one(
        "sunshine.nonconformity", readonly=True, copy=False, index="btree_not_null"
    )
    check_callback_id = fields.Many2one(
        "sunshine.callback",
        string="Verification Call",
        readonly=True,
        copy=False,
        help="The callback that verifies a survey follow-up with the customer.",
    )

    @api.depends("callback_id.team_id", "partner_id")
    def _compute_team_id(self):
        for issue in self:
            issue.team_id = issue._sunshine_office()

    def _sunshine_office(self):
        """The office of the issue's call, else of its customer."""
        self.ensure_one()
        return (
            self.callback_id.team_id
            or self.partner_id.commercial_partner_id.sunshine_callback_team_id
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # sudo: the number is the company's sequence, whoever records it
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code(
                "sunshine.callback.issue"
            ) or _("New")
        issues = super().create(vals_list)
        if not self._sunshine_may_route():
            # raised by its caller, in the office of its call or customer
            for issue in issues:
                if (
                    issue.user_id not in (self.env.user, self.env["res.users"])
                    or issue.team_id != issue._sunshine_office()
                ):
                    issues._sunshine_refuse_routing()
        return issues

    def write(self, vals):
        if (
            not self._sunshine_writes_protected()
            and any(issue.state == "closed" for issue in self)
            and set(vals) - {"message_main_attachment_id"}
        ):
            raise UserError(_("A closed callback issue is kept as it was closed."))
        if (
            "solution" in vals
            and not self._sunshine_writes_protected()
            and any(issue.state != "open" for issue in self)
        ):
            raise UserError(
                _(
                    "The department's solution was received and goes to the "
                    "customer as it is; it is rewritten only when the issue is "
                    "back with the department."
                )
            )
        if self._sunshine_may_route():
            return super().write(vals)
        if set(vals) & ROUTING_FIELDS:
            self._sunshine_refuse_routing()
        # the office follows the call and the customer: it must not move
        teams = {issue: issue.team_id for issue in self}
        res = super().write(vals)
        if set(vals) & {"callback_id", "partner_id"} and any(
            issue.team_id != team for issue, team in teams.items()
        ):
            self._sunshine_refuse_routing()
        return res

    def _sunshine_may_route(self):
        """Whether this environment sends an issue to a department, an office
        or a caller: quality staff, the actions and the engine."""
        return self._sunshine_writes_protected() or is_quality_staff(self.env)

    def _sunshine_refuse_routing(self):
        raise AccessError(
            _(
                "The department, office and caller of a callback issue are set "
                "when it is raised; quality staff send it elsewhere."
            )
        )

    def _sunshine_assert_caller(self):
        """The steps with the customer (relay, agreement, carrying out,
        satisfaction) are the caller's or quality staff's; the department
        provides the solution only."""
        if is_quality_staff(self.env) or self.env.user.has_group(
            "sunshine_quality.group_callback_caller"
        ):
            return
        raise AccessError(
            _(
                "The caller relays the solution to the customer and records "
                "their answers; the department provides the solution only."
            )
        )

    # ------------------------------------------------------------------
    # The loop
    # ------------------------------------------------------------------
    def _ensure_state(self, *states):
        if not self:
            raise UserError(_("Choose a callback issue for this action."))
        labels = dict(self._fields["state"]._description_selection(self.env))
        for issue in self:
            if issue.state not in states:
                raise UserError(
                    _(
                        "Issue %(issue)s is '%(state)s'; this step needs it "
                        "'%(expected)s'.",
                        issue=issue.name,
                        state=labels[issue.state],
                        expected="', '".join(labels[state] for state in states),
                    )
                )

    def action_receive_solution(self):
        """The department's solution is here: relay it within 1 working day."""
        self._ensure_state("open")
        for issue in self:
            if not (issue.solution or "").strip() or issue.solution == "<p><br></p>":
                raise UserError(
                    _("Record the department's solution of %s first.", issue.name)
                )
        now = fields.Datetime.now()
        self._sunshine_as_action().write(
            {"state": "solution_received", "solution_received_date": now}
        )
        self._sla_start([RELAY_CLOCK], start=now)
        return True

    def action_relay(self):
        """The caller told the customer the solution."""
        self._sunshine_assert_caller()
        self._ensure_state("solution_received")
        now = fields.Datetime.now()
        self._sla_stop([RELAY_CLOCK], when=now)
        self._sunshine_as_action().write({"state": "relayed", "relayed_date": now})
        return True

    def action_customer_agree(self):
        """The customer agrees with the solution: it may be carried out."""
        self._sunshine_assert_caller()
        self._ensure_state("relayed")
        self._sunshine_as_action().write(
            {"state": "agreed", "agreed_date": fields.Datetime.now()}
        )
        return True

    def action_customer_disagree(self):
        """The customer does not agree: back to the department, as a key
        issue."""
        self._sunshine_assert_caller()
        self._ensure_state("relayed")
        self._sunshine_make_key_issue(
            _("The customer did not agree with the solution.")
        )
        return True

    def action_carried_out(self):
        """The solution was carried out; the caller now checks with the
        customer (a verification callback for a survey follow-up)."""
        self._sunshine_assert_caller()
        self._ensure_state("agreed")
        self._sunshine_as_action().write(
            {"state": "carried_out", "carried_out_date": fields.Datetime.now()}
        )
        for issue in self.filtered(lambda i: i.source == "survey"):
            call = self.env["sunshine.callback"]._sunshine_plan_follow_up(issue)
            issue._sunshine_as_action().check_callback_id = call
        return True

    def action_customer_satisfied(self):
        """Only the customer's "satisfied", after the solution was carried
        out, closes the issue."""
        self._sunshine_assert_caller()
        self._ensure_state("carried_out")
        self._sunshine_as_action().write(
            {"state": "closed", "closed_date": fields.Datetime.now()}
        )
        for issue in self:
            call = issue.check_callback_id
            if call.state in ("planned", "unreachable"):
                call.with_context(sunshine_issue_closing=True).action_done()
        return True

    def action_customer_not_satisfied(self):
        """Not solved: a key issue, back to the department."""
        self._sunshine_assert_caller()
        self._ensure_state("carried_out")
        self._sunshine_make_key_issue(
            _("The customer is not satisfied with the solution carried out.")
        )
        return True

    def _sunshine_make_key_issue(self, reason):
        now = fields.Datetime.now()
        for issue in self:
            values = {"state": "open", "is_key_issue": True}
            if not issue.key_issue_date:
                values["key_issue_date"] = now
            issue._sunshine_as_action().write(values)
            issue.message_post(body=_("Key issue: %s", reason))

    def action_mark_key_issue(self):
        """The caller judges the issue cannot be solved as it stands."""
        self._ensure_state(
            "open", "solution_received", "relayed", "agreed", "carried_out"
        )
        self._sunshine_make_key_issue(
            _("Marked a key issue by %s.", self.env.user.name)
        )
        return True

    def action_raise_nonconformity(self):
        """A key issue raises a nonconformity of the quality loop."""
        self.ensure_one()
        if not self.is_key_issue:
            raise UserError(
                _("Only a key issue raises a nonconformity; %s is not one.", self.name)
            )
        if not self.nonconformity_id:
            nonconformity = self.env["sunshine.nonconformity"].create(
                {
                    "title": self.title,
                    "source": "callback",
                    "callback_issue_id": self.id,
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.commercial_partner_id.id,
                    "lot_id": self.callback_id.lot_id.id,
                    "department_id": self.department_id.id,
                    "description": self.description or self.title,
                }
            )
            self._sunshine_as_action().nonconformity_id = nonconformity
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunshine.nonconformity",
            "res_id": self.nonconformity_id.id,
            "view_mode": "form",
        }

    def _sunshine_verification_done(self, call):
        """The verification call is done: nothing closes by itself, the
        caller records the customer's answer on the issue."""
        if self and not self.env.context.get("sunshine_issue_closing"):
            self.message_post(
                body=_(
                    "Verification call %s done: record the customer's answer.",
                    call.display_name,
                )
            )
