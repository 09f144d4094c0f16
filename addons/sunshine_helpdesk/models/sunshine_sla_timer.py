import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors

from odoo import _, api, fields, models
from odoo.tools import SQL, format_datetime

_logger = logging.getLogger(__name__)

TIMER_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
]


class SunshineSlaTimer(models.Model):
    """One clock of one record: when it started, when it is due, how it ended.

    Timers are written by the engine only (``sunshine.sla.mixin`` and the
    scheduled action); users read them.
    """

    _name = "sunshine.sla.timer"
    _description = "SLA Timer"
    _order = "deadline, id"

    res_model = fields.Char(string="Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID",
        model_field="res_model",
        required=True,
        index=True,
        readonly=True,
    )
    policy_id = fields.Many2one(
        "sunshine.sla.policy", required=True, ondelete="restrict", readonly=True
    )
    clock_id = fields.Many2one(
        related="policy_id.clock_id", store=True, index=True, string="Clock"
    )
    calendar_id = fields.Many2one(related="policy_id.calendar_id")
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    start_date = fields.Datetime(string="Started", required=True, readonly=True)
    deadline = fields.Datetime(string="Due", required=True, readonly=True)
    warn_date = fields.Datetime(string="Warning", required=True, readonly=True)
    warned = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        TIMER_STATES, required=True, default="running", readonly=True, index=True
    )
    met_date = fields.Datetime(string="Met", readonly=True, copy=False)
    breached_date = fields.Datetime(string="Breached", readonly=True, copy=False)
    paused_date = fields.Datetime(string="Paused Since", readonly=True, copy=False)
    paused_minutes = fields.Float(
        string="Paused (minutes)",
        readonly=True,
        help="Working time the clock was stopped, waiting for the customer.",
    )
    remaining_minutes = fields.Float(
        readonly=True, help="Working time left when the clock was paused."
    )
    warn_remaining_minutes = fields.Float(readonly=True)

    _sql_constraints = [
        (
            "record_clock_uniq",
            "unique(res_model, res_id, clock_id)",
            "A record has one timer per clock.",
        ),
    ]

    def init(self):
        # The scheduled action looks for running timers whose warning time or
        # deadline has come; these partial indexes hold running timers only,
        # so that a scan never reads the timers that are not due.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS sunshine_sla_timer_due_deadline_idx
                ON sunshine_sla_timer (deadline) WHERE state = 'running';
            CREATE INDEX IF NOT EXISTS sunshine_sla_timer_due_warning_idx
                ON sunshine_sla_timer (warn_date)
                WHERE state = 'running' AND warned IS NOT TRUE;
            """
        )

    @api.depends("clock_id", "res_model", "res_id")
    def _compute_display_name(self):
        for timer in self:
            timer.display_name = (
                f"{timer.clock_id.name} ({timer.res_model},{timer.res_id})"
            )

    # ------------------------------------------------------------------
    # Working-time arithmetic
    # ------------------------------------------------------------------
    @api.model
    def _plan(self, calendar, start, minutes, cache=None):
        """The moment ``minutes`` of ``calendar``'s working time after ``start``.

        ``cache`` (a dict) lets a batch plan each (calendar, start, minutes)
        once: tickets created together share their start time.
        """
        key = (calendar.id, start, minutes)
        if cache is not None and key in cache:
            return cache[key]
        if minutes <= 0:
            moment = start
        else:
            moment = calendar.plan_hours(minutes / 60.0, start, compute_leaves=True)
            moment = moment.replace(microsecond=0) if moment else start
            # plan_hours works in float hours: round to the minute it meant
            if moment.second:
                moment = (moment + timedelta(seconds=30)).replace(second=0)
        if cache is not None:
            cache[key] = moment
        return moment

    @api.model
    def _working_minutes(self, calendar, start, end):
        if end <= start:
            return 0.0
        hours = calendar.get_work_duration_data(start, end, compute_leaves=True)[
            "hours"
        ]
        return round(hours * 60.0, 2)

    @api.model
    def _prepare_values(self, policy, record, start, cache=None):
        if policy.count_from == "reference":
            start = record[record._sla_reference_field] or start
        minutes = policy.duration_minutes
        warn_minutes = minutes * policy.warning_percent / 100.0
        return {
            "res_model": record._name,
            "res_id": record.id,
            "policy_id": policy.id,
            "start_date": start,
            "deadline": self._plan(policy.calendar_id, start, minutes, cache),
            "warn_date": self._plan(policy.calendar_id, start, warn_minutes, cache),
        }

    # ------------------------------------------------------------------
    # State changes (called by sunshine.sla.mixin)
    # ------------------------------------------------------------------
    def _stop(self, when):
        """Stop the clocks: running or paused ones are met, breached ones
        keep their state and record when the milestone came after all."""
        open_timers = self.filtered(lambda t: t.state in ("running", "paused"))
        open_timers.write({"state": "met", "met_date": when, "paused_date": False})
        (self.filtered(lambda t: t.state == "breached" and not t.met_date)).write(
            {"met_date": when}
        )

    def _pause(self, when):
        for timer in self.filtered(lambda t: t.state == "running"):
            calendar = timer.calendar_id
            timer.write(
                {
                    "state": "paused",
                    "paused_date": when,
                    "remaining_minutes": self._working_minutes(
                        calendar, when, timer.deadline
                    ),
                    "warn_remaining_minutes": 0.0
                    if timer.warned
                    else self._working_minutes(calendar, when, timer.warn_date),
                }
            )

    def _resume(self, when):
        cache = {}
        for timer in self.filtered(lambda t: t.state == "paused"):
            calendar = timer.calendar_id
            values = {
                "state": "running",
                "paused_date": False,
                "paused_minutes": timer.paused_minutes
                + self._working_minutes(calendar, timer.paused_date, when),
                "deadline": self._plan(calendar, when, timer.remaining_minutes, cache),
            }
            if not timer.warned:
                values["warn_date"] = self._plan(
                    calendar, when, timer.warn_remaining_minutes, cache
                )
            timer.write(values)

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _due_query(self, column, now, limit):
        """Running timers whose ``column`` (deadline or warn_date) has come,
        read through the partial indexes of ``init``."""
        condition = SQL("TRUE") if column == "deadline" else SQL("warned IS NOT TRUE")
        return SQL(
            """
            SELECT id FROM sunshine_sla_timer
             WHERE state = 'running' AND %(condition)s AND %(column)s <= %(now)s
             ORDER BY %(column)s, id
             LIMIT %(limit)s
               FOR UPDATE SKIP LOCKED
            """,
            condition=condition,
            column=SQL.identifier(column),
            now=now,
            limit=limit,
        )

    @api.model
    def _lock_due(self, column, now, limit):
        """Ids of the due timers, locked for this transaction. Timers another
        worker holds are skipped, not waited for: two workers never act on
        the same timer and never wait for each other's timers."""
        self.flush_model(["state", "warned", "warn_date", "deadline"])
        query = self._due_query(column, now, limit)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query)
                return [row[0] for row in self.env.cr.fetchall()]
        except psycopg2.errors.SerializationFailure:
            # Another worker handled some of these timers after this
            # transaction began (repeatable read): they are done, and the
            # next run takes whatever is left.
            _logger.info("SLA timers are being processed by another worker")
            return []

    @api.model
    def _cron_process_due_timers(self, batch_size=500):
        """Breach the timers past their deadline, then warn the timers past
        their warning time. Running it twice changes nothing the second
        time: each timer leaves the due set as it is handled."""
        now = fields.Datetime.now()
        breach_ids = self._lock_due("deadline", now, batch_size)
        breached = self.browse(breach_ids)._process("_sla_breach", now)
        warn_ids = self._lock_due("warn_date", now, batch_size)
        warned = self.browse(warn_ids)._process("_sla_warn", now)
        if len(breach_ids) == batch_size or len(warn_ids) == batch_size:
            # More are due: let the cron run again at once.
            self.env["ir.cron"]._notify_progress(done=breached + warned, remaining=1)
        return breached + warned

    def _process(self, method, now):
        """Call ``method`` on each record with its due timers, each record in
        its own savepoint: a failing record is logged and skipped."""
        by_record = defaultdict(lambda: self.browse())
        for timer in self:
            by_record[(timer.res_model, timer.res_id)] |= timer
        done = 0
        for (res_model, res_id), timers in sorted(by_record.items()):
            record = self.env[res_model].browse(res_id).exists()
            try:
                with self.env.cr.savepoint():
                    if record:
                        getattr(record, method)(timers, now)
                    else:
                        # the record is gone: nobody is left to warn
                        timers.write({"state": "met", "met_date": now})
                    done += len(timers)
            except Exception:
                _logger.exception(
                    "SLA timers %s of %s,%s could not be processed",
                    timers.ids,
                    res_model,
                    res_id,
                )
        return done

    def _describe(self):
        """One line per timer for messages: 'Response due 2026-11-25 10:30'."""
        return [
            _(
                "%(clock)s due %(deadline)s",
                clock=timer.clock_id.name,
                deadline=format_datetime(
                    self.env, timer.deadline, tz=timer.calendar_id.tz, dt_format="short"
                ),
            )
            for timer in self
        ]
