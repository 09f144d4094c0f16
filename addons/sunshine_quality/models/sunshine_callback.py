import logging
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .quality_staff import assert_quality_staff, is_quality_staff
from .sunshine_callback_rule import (
    PERIOD_KINDS,
    china_day_start,
    period_end,
    period_label,
    period_start,
)
from .sunshine_complaint import check_satisfaction_score

_logger = logging.getLogger(__name__)

CALLBACK_STATES = [
    ("planned", "Planned"),
    ("unreachable", "Unreachable, Retry Planned"),
    ("done", "Done"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("planned", "unreachable")
# The rules whose subjects are events of the period: the period that just
# ended is planned too, until it is frozen, for the events recorded late.
EVENT_SUBJECTS = ("unit_installed", "ticket_onsite")
# Calls planned per statement of the planning action.
PLANNING_BATCH_SIZE = 5000


class SunshineCallback(models.Model):
    """A phone callback (电话询检): one call of a coverage rule to a subject
    (a unit of the installed base, or a ticket) in a calendar period.

    The planning action creates them, at most one per rule, subject and
    period (a unique index); a call that is moved or cancelled stays, so
    the planning never creates it again. The local office of the customer
    makes the call and records the outcome, the answers of the call script
    (an Odoo survey answer that points to this call), a satisfaction score
    and the issues the customer raised.
    """

    _name = "sunshine.callback"
    _description = "Phone Callback"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sunshine.protected.fields.mixin",
        "sunshine.period.planning.mixin",
    ]
    _order = "planned_date, id"
    _rec_name = "subject_name"
    _sunshine_protected_create = True
    _sunshine_protected_fields = (
        "rule_id",
        "subject_res_id",
        "period_kind",
        "period_start",
        "lot_id",
        "ticket_id",
        "follow_up_issue_id",
        "state",
        "attempt_count",
        "done_date",
        "user_input_id",
        "done_rate",
    )

    rule_id = fields.Many2one(
        "sunshine.callback.rule",
        string="Coverage Rule",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    subject_res_id = fields.Integer(
        string="Subject", required=True, readonly=True, index=True
    )
    subject_name = fields.Char(readonly=True)
    lot_id = fields.Many2one(
        "stock.lot", string="Serial Number", readonly=True, index="btree_not_null"
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Service Ticket",
        readonly=True,
        index="btree_not_null",
    )
    follow_up_issue_id = fields.Many2one(
        "sunshine.callback.issue",
        string="Follow-up Verified",
        readonly=True,
        index="btree_not_null",
        help="The follow-up whose result this call verifies with the customer.",
    )
    period_kind = fields.Selection(PERIOD_KINDS, string="Period Type", readonly=True)
    period_start = fields.Date(required=True, readonly=True, index=True)
    period_name = fields.Char(
        string="Period", compute="_compute_period_name", store=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    contact_phone = fields.Char(related="partner_id.phone", string="Phone")
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Local Office",
        index=True,
        tracking=True,
        help="The office that makes the call; its supervising offices read it.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Caller",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    planned_date = fields.Date(required=True, tracking=True, index=True)
    state = fields.Selection(
        CALLBACK_STATES,
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    done_date = fields.Datetime(string="Called On", readonly=True, copy=False)
    done_rate = fields.Float(
        string="Coverage (%)",
        readonly=True,
        aggregator="avg",
        help="100 for a call done, 0 for one not done: its average is the "
        "coverage of the calls grouped.",
    )
    survey_id = fields.Many2one(related="rule_id.survey_id", string="Call Script")
    user_input_id = fields.Many2one(
        "survey.user_input",
        string="Script Answers",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    script_answered = fields.Boolean(
        string="Script Completed", compute="_compute_script_answered"
    )
    satisfaction_score = fields.Integer(
        tracking=True,
        aggregator="avg",
        help="1 (very dissatisfied) to 5 (very satisfied); 0: no score given.",
    )
    notes = fields.Text()
    issue_ids = fields.One2many("sunshine.callback.issue", "callback_id", "Issues")
    issue_count = fields.Integer(compute="_compute_issue_count")

    _sql_constraints = [
        (
            "subject_period_once",
            "unique(rule_id, period_start, subject_res_id)",
            "A second plan for the same subject and period is refused.",
        ),
    ]

    @api.depends("period_kind", "period_start")
    def _compute_period_name(self):
        for call in self:
            call.period_name = (
                period_label(call.period_kind, call.period_start)
                if call.period_start
                else False
            )

    @api.depends("user_input_id.state")
    def _compute_script_answered(self):
        for call in self:
            # sudo: whether the call's own answer is complete; callers have
            # no right on the survey answers themselves
            call.script_answered = call.sudo().user_input_id.state == "done"

    def _compute_issue_count(self):
        counts = dict(
            self.env["sunshine.callback.issue"]._read_group(
                [("callback_id", "in", self.ids)], ["callback_id"], ["__count"]
            )
        )
        for call in self:
            call.issue_count = counts.get(call, 0)

    @api.constrains("satisfaction_score")
    def _check_satisfaction_score(self):
        for call in self:
            check_satisfaction_score(self.env, call.satisfaction_score)

    def write(self, vals):
        if "satisfaction_score" in vals:
            # refused before anything is written, with the scale in the message
            check_satisfaction_score(self.env, vals["satisfaction_score"])
        if (
            set(vals) & {"partner_id", "team_id"}
            and not self._sunshine_writes_protected()
            and not self.env.user.has_group("sunshine_quality.group_quality_user")
        ):
            raise AccessError(
                _(
                    "The customer and the office of a call are the planning's; "
                    "quality staff correct them."
                )
            )
        # the notes stay editable: what the customer said, completed after
        # the call; they count in no figure and no rule filters on them
        if (
            set(vals)
            & {"planned_date", "partner_id", "team_id", "user_id", "satisfaction_score"}
            and not self._sunshine_writes_protected()
            and any(call.state in ("done", "refused", "cancelled") for call in self)
        ):
            raise UserError(
                _(
                    "A call that is done, refused or cancelled is kept as it was "
                    "recorded; its date, customer, office, caller and score "
                    "cannot change."
                )
            )
        if vals.get("user_id") and not self._sunshine_may_correct():
            self._sunshine_assert_office_caller(vals["user_id"])
        return super().write(vals)

    def _sunshine_may_correct(self):
        """Whether this environment may correct what the planning set: quality
        staff, the actions and the engine."""
        return self._sunshine_writes_protected() or is_quality_staff(self.env)

    def _sunshine_assert_office_caller(self, user_id):
        """A caller hands a call to a caller of its office (or of an office
        above it) only: the caller's record rule follows the call's user."""
        # sudo: the new caller's groups and offices, whoever hands the call
        user = self.env["res.users"].sudo().browse(user_id)
        teams = user.helpdesk_team_ids
        if not user.has_group("sunshine_quality.group_callback_caller") or any(
            not self.env["helpdesk.ticket.team"]
            .sudo()
            .search_count([("id", "=", call.team_id.id), ("id", "child_of", teams.ids)])
            for call in self
        ):
            raise AccessError(
                _(
                    "A call goes to a caller of its office only; quality staff "
                    "give it to someone else."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _ensure_one_open(self):
        if len(self) != 1:
            raise UserError(_("Choose exactly one call for this action."))
        if self.state not in OPEN_STATES:
            raise UserError(
                _(
                    "Call %(call)s is %(state)s already; only a planned call can "
                    "be worked.",
                    call=self.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        self.state
                    ],
                )
            )

    def action_done(self):
        """The customer was reached and the call made."""
        self._ensure_one_open()
        self._sunshine_as_action().write(
            {
                "state": "done",
                "done_date": fields.Datetime.now(),
                "attempt_count": self.attempt_count + 1,
                "done_rate": 100.0,
                "user_id": self.user_id.id or self.env.user.id,
            }
        )
        self.follow_up_issue_id._sunshine_verification_done(self)
        return True

    def action_unreachable(self):
        """Nobody answered: the call stays open, planned again for the next
        working day."""
        self._ensure_one_open()
        calendar = self.env.ref(
            "sunshine_helpdesk.resource_calendar_working_days", raise_if_not_found=False
        )
        today = fields.Date.context_today(self)
        retry = today + relativedelta(days=1)
        if calendar:
            tz = pytz.timezone(calendar.tz or "UTC")
            start = tz.localize(datetime.combine(retry, time.min))
            moment = calendar.plan_hours(0.5, start, compute_leaves=True)
            if moment:
                retry = moment.astimezone(tz).date()
        self._sunshine_as_action().write(
            {
                "state": "unreachable",
                "attempt_count": self.attempt_count + 1,
                "planned_date": retry,
            }
        )
        self.message_post(
            body=_("Customer not reached; the call is planned again on %s.", retry)
        )
        return True

    def action_refused(self):
        """The customer declined the call."""
        self._ensure_one_open()
        self._sunshine_as_action().write(
            {
                "state": "refused",
                "done_date": fields.Datetime.now(),
                "attempt_count": self.attempt_count + 1,
                "done_rate": 0.0,
            }
        )
        return True

    def action_cancel(self):
        """Cancel a call that should not be made (the unit is gone...). It
        stays, so the planning never creates it again. Quality staff
        only: a cancelled call no longer counts in the coverage."""
        assert_quality_staff(
            self.env,
            _("Only quality staff cancel a call; the caller records its outcome."),
        )
        for call in self:
            call._ensure_one_open()
        self._sunshine_as_action().write({"state": "cancelled"})
        return True

    def action_fill_script(self):
        """Open the call script, to fill in with the customer on the phone;
        its answer points to this call."""
        self._ensure_one_open()
        if not self.survey_id:
            raise UserError(
                _(
                    "The coverage rule %s has no call script: a quality manager "
                    "chooses its survey first.",
                    self.rule_id.display_name,
                )
            )
        if not self.user_input_id:
            # sudo: the caller may work this call (the record rules let them
            # write it) but has no right on the survey answers themselves.
            # The answer is the caller's, who fills it in (the survey's pages
            # take an answer of the user logged in only), and belongs to
            # this call, which names the customer.
            answer = self.survey_id.sudo()._create_answer(
                user=self.env.user,
                check_attempts=False,
                sunshine_callback_id=self.id,
            )
            self._sunshine_as_action().write({"user_input_id": answer.id})
        # in the same tab: the caller answers, then comes back to the call
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.sudo().user_input_id.get_start_url(),
        }

    def action_raise_issue(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunshine.callback.issue",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_callback_id": self.id,
                "default_partner_id": self.partner_id.id,
            },
        }

    def action_view_issues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sunshine_quality.sunshine_callback_issue_action"
        )
        action["domain"] = [("callback_id", "=", self.id)]
        action["context"] = {
            "default_callback_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    @api.model
    def _cron_plan_callbacks(self):
        """The scheduled action: plan the current and the previous periods,
        committing each batch."""
        return self._plan_callbacks(commit=True)

    @api.model
    def _plan_callbacks(self, today=None, batch_size=PLANNING_BATCH_SIZE, commit=False):
        """Plan the calls of every active rule for the period of ``today``,
        and for the event rules the period before too (events recorded late
        in a period that just ended) unless its coverage is frozen.

        Each batch is one INSERT ... SELECT of at most ``batch_size``
        subjects, walked by id so that every subject is read once; the
        unique index skips the calls that exist (also those of a run that
        stopped half way, or of another worker). Returns the number of calls
        created. Linear in the subjects: see bench/callback_planning.py.
        """
        today = today or fields.Date.context_today(self)
        Coverage = self.env["sunshine.callback.coverage"]
        created = 0
        rules = self.env["sunshine.callback.rule"].search(
            [("subject", "!=", "follow_up")]
        )
        # the subjects are read in SQL: what the ORM holds goes first
        self.env.flush_all()
        for rule in rules:
            days = [today]
            if rule.subject in EVENT_SUBJECTS:
                days.append(
                    period_start(rule.period_kind, today) - relativedelta(days=1)
                )
            for day in days:
                start = period_start(rule.period_kind, day)
                if day != today and Coverage._sunshine_is_frozen(
                    rule.period_kind, start
                ):
                    continue
                created += self._plan_rule_period(
                    rule, start, today, batch_size, commit=commit
                )
        self.env["ir.cron"]._notify_progress(done=created, remaining=0)
        return created

    @api.model
    def _plan_rule_period(self, rule, start, today, batch_size, commit=False):
        end = period_end(rule.period_kind, start)
        planned = max(start, min(today, end))
        company_ids = rule.company_id.ids
        insert = SQL(
            """
            INSERT INTO sunshine_callback (
                rule_id, company_id, subject_res_id, subject_name,
                lot_id, ticket_id, period_kind, period_start,
                period_name, partner_id, team_id, planned_date,
                state, attempt_count, done_rate,
                create_uid, create_date, write_uid, write_date)
            SELECT %(rule)s, company_id, subject_id, subject_name,
                lot_id, ticket_id, %(kind)s, %(start)s,
                %(label)s, partner_id, team_id, %(planned)s,
                'planned', 0, 0,
                %(uid)s, now() at time zone 'UTC',
                %(uid)s, now() at time zone 'UTC'
            FROM candidates
            ON CONFLICT (rule_id, period_start, subject_res_id) DO NOTHING
            RETURNING id
            """,
            rule=rule.id,
            kind=rule.period_kind,
            start=start,
            label=period_label(rule.period_kind, start),
            planned=planned,
            uid=self.env.uid,
        )
        created = self._sunshine_plan_in_batches(
            lambda last_id: self._planning_select(
                rule, start, end, company_ids, last_id
            ),
            insert,
            batch_size,
            commit=commit,
        )
        if created:
            _logger.info(
                "callback rule %s, period %s: %s calls planned",
                rule.id,
                period_label(rule.period_kind, start),
                created,
            )
        return created

    @api.model
    def _planning_select(self, rule, start, end, company_ids, last_id):
        """The subjects of ``rule`` in the period [start, end] with an id
        above ``last_id``, without a call of the rule and period yet: columns
        subject_id, subject_name, lot_id, ticket_id, company_id, partner_id,
        team_id."""
        exists = SQL(
            "NOT EXISTS (SELECT 1 FROM sunshine_callback c WHERE c.rule_id = %s"
            " AND c.subject_res_id = %s AND c.period_start = %s)",
            rule.id,
            SQL.identifier("s", "id"),
            start,
        )
        fallback_company = self.env.company.id
        if rule.subject in ("unit_accepted", "unit_installed"):
            if rule.subject == "unit_accepted":
                condition = SQL("s.initial_acceptance_date <= %s", end)
            else:
                condition = SQL(
                    "(s.commissioning_date BETWEEN %(start)s AND %(end)s"
                    " OR s.initial_acceptance_date BETWEEN %(start)s AND %(end)s"
                    " OR s.final_acceptance_date BETWEEN %(start)s AND %(end)s)",
                    start=start,
                    end=end,
                )
            return SQL(
                """
                SELECT s.id AS subject_id, s.name AS subject_name, s.id AS lot_id,
                       NULL::integer AS ticket_id,
                       COALESCE(s.company_id, %(company)s) AS company_id,
                       p.commercial_partner_id AS partner_id,
                       cp.sunshine_callback_team_id AS team_id
                FROM stock_lot s
                JOIN res_partner p ON p.id = s.customer_id
                JOIN res_partner cp ON cp.id = p.commercial_partner_id
                WHERE s.id > %(last)s AND %(condition)s
                  AND %(company_condition)s
                  AND %(exists)s
                """,
                company=fallback_company,
                last=last_id,
                condition=condition,
                company_condition=SQL(
                    "COALESCE(s.company_id, %s) IN %s",
                    fallback_company,
                    tuple(company_ids),
                )
                if company_ids
                else SQL("TRUE"),
                exists=exists,
            )
        # tickets: an on-site arrival in the period, in China's days
        utc = china_day_start
        return SQL(
            """
            SELECT s.id AS subject_id, s.number AS subject_name,
                   s.lot_id AS lot_id, s.id AS ticket_id,
                   s.company_id AS company_id,
                   p.commercial_partner_id AS partner_id,
                   COALESCE(s.origin_team_id, s.team_id,
                            cp.sunshine_callback_team_id) AS team_id
            FROM helpdesk_ticket s
            JOIN res_partner p ON p.id = s.partner_id
            JOIN res_partner cp ON cp.id = p.commercial_partner_id
            WHERE s.id > %(last)s
              AND s.onsite_arrival_date >= %(from)s AND s.onsite_arrival_date < %(to)s
              AND %(company_condition)s
              AND %(exists)s
            """,
            last=last_id,
            **{"from": utc(start), "to": utc(end + relativedelta(days=1))},
            company_condition=SQL("s.company_id IN %s", tuple(company_ids))
            if company_ids
            else SQL("TRUE"),
            exists=exists,
        )

    @api.model
    def _sunshine_plan_follow_up(self, issue):
        """Plan the call that verifies a follow-up with the customer."""
        rule = self.env.ref("sunshine_quality.callback_rule_follow_up")
        today = fields.Date.context_today(self)
        start = period_start(rule.period_kind, today)
        # sudo: the planning's call, created for an issue the user carries
        # out (their rights on the issue allowed it), as the planning does
        Callback = self.sudo()._sunshine_as_action()
        existing = Callback.search(
            [
                ("rule_id", "=", rule.id),
                ("subject_res_id", "=", issue.id),
                ("period_start", "=", start),
            ]
        )
        if existing:
            return existing.with_env(self.env)
        return Callback.create(
            {
                "rule_id": rule.id,
                "company_id": issue.company_id.id,
                "subject_res_id": issue.id,
                "subject_name": issue.name,
                "follow_up_issue_id": issue.id,
                "period_kind": rule.period_kind,
                "period_start": start,
                "partner_id": issue.partner_id.id,
                "team_id": issue.team_id.id,
                "planned_date": today,
            }
        ).with_env(self.env)

    @api.constrains("period_start", "period_kind")
    def _check_period_start(self):
        for call in self:
            if call.period_kind and call.period_start != period_start(
                call.period_kind, call.period_start
            ):
                raise ValidationError(
                    _("A call's period starts on the first day of a month or quarter.")
                )
