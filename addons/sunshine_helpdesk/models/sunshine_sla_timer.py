import logging
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import datetime, timedelta

import psycopg2.errors
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_datetime

_logger = logging.getLogger(__name__)

TIMER_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
]
# The moments the engine plans from: a date outside them is a typing error
# (a report of year 1 or 9999), refused rather than planned.
PLAN_FIRST = datetime(1970, 1, 1)
PLAN_LAST = datetime(2999, 12, 31)
# How far ahead a calendar is searched for enough working time.
PLAN_HORIZON = timedelta(days=20 * 366)
# A record whose warning or breach fails is tried again after 1, 2, 4, 8
# minutes; after the fifth failure its timers are flagged for the service
# managers and left alone until one of them retries them.
MAX_ATTEMPTS = 5
RETRY_DELAY = timedelta(minutes=1)
# The conflicts of concurrent transactions that cost the record, not the run.
CONFLICTS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)


def _to_second(moment):
    """``moment`` rounded to the nearest second."""
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


class WorkingTime:
    """The working time of a calendar from ``begin`` to ``end`` (naive UTC).

    ``intervals`` are the calendar's work intervals (its attendances minus
    its leaves), sorted (start, stop) pairs to the second; ``None`` means
    that every second counts (7x24 without leaves). Planning a duration or
    measuring one is then arithmetic or two bisections on the working
    seconds before each interval: a batch fetches its calendar once and
    plans every deadline and warning time of its timers in it.
    """

    def __init__(self, begin, end, intervals=None):
        self.begin = begin
        self.end = end
        self.continuous = intervals is None
        if self.continuous:
            return
        self.starts = []
        self.stops = []
        self.before = []  # working seconds before each interval
        self.after = []  # ... and at its end
        total = 0.0
        for start, stop in intervals:
            if self.stops and start <= self.stops[-1]:
                # adjacent attendances (0-12, 12-24) make one interval
                total -= (self.stops[-1] - self.starts[-1]).total_seconds()
                self.stops[-1] = max(stop, self.stops[-1])
                self.before.pop()
                self.after.pop()
                start = self.starts.pop()
                stop = self.stops.pop()
            self.before.append(total)
            total += (stop - start).total_seconds()
            self.after.append(total)
            self.starts.append(start)
            self.stops.append(stop)

    def _seconds_until(self, moment):
        index = bisect_right(self.starts, moment) - 1
        if index < 0:
            return 0.0
        inside = (moment - self.starts[index]).total_seconds()
        return self.before[index] + min(inside, self.after[index] - self.before[index])

    def measure(self, start, stop):
        """The working seconds from ``start`` to ``stop`` (both in range)."""
        if stop <= start:
            return 0.0
        if self.continuous:
            return (stop - start).total_seconds()
        return self._seconds_until(stop) - self._seconds_until(start)

    def plan(self, start, seconds):
        """The moment ``seconds`` of working time after ``start``, to the
        second; None when it is beyond ``end``."""
        if seconds <= 0:
            return start
        if self.continuous:
            moment = start + timedelta(seconds=seconds)
            return _to_second(moment) if moment <= self.end else None
        target = self._seconds_until(start) + seconds
        index = bisect_left(self.after, target)
        if index == len(self.after):
            return None
        return _to_second(
            self.starts[index] + timedelta(seconds=target - self.before[index])
        )


class SunshineSlaTimer(models.Model):
    """One clock of one record: when it started, when it is due, how it ended.

    Timers are written by the engine only (``sunshine.sla.mixin`` and the
    scheduled action); users read them.
    """

    _name = "sunshine.sla.timer"
    _description = "SLA Timer"
    _order = "deadline, id"

    # The unique index (res_model, res_id, clock_id) serves the lookups of a
    # record's timers, the partial indexes of init() the scheduled action.
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    policy_id = fields.Many2one(
        "sunshine.sla.policy", required=True, ondelete="restrict", readonly=True
    )
    # The policy's clock and the record's company when the timer started,
    # written with the row (the engine gives both; the policy's otherwise):
    # they never change after. Not readonly for the ORM, which would drop
    # the given values to compute them; no user writes timers (see the
    # access rights).
    clock_id = fields.Many2one(
        "sunshine.sla.clock",
        compute="_compute_clock_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        ondelete="restrict",
    )
    clock_code = fields.Char(compute="_compute_clock_data")
    clock_name = fields.Char(compute="_compute_clock_data")
    calendar_id = fields.Many2one(related="policy_id.calendar_id")
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    start_date = fields.Datetime(string="Started", required=True, readonly=True)
    deadline = fields.Datetime(string="Due", required=True, readonly=True)
    warn_date = fields.Datetime(string="Warning", required=True, readonly=True)
    warned = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        TIMER_STATES, required=True, default="running", readonly=True
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
    failure_count = fields.Integer(
        string="Failed Attempts",
        readonly=True,
        copy=False,
        help="How many times the scheduled action failed to warn or breach "
        "this timer's record in a row.",
    )
    retry_date = fields.Datetime(
        string="Next Attempt",
        readonly=True,
        copy=False,
        help="The scheduled action leaves the timer alone until then.",
    )
    failed = fields.Boolean(
        string="Needs Attention",
        readonly=True,
        copy=False,
        help="The scheduled action failed on this timer's record "
        f"{MAX_ATTEMPTS} times: it is no longer tried until a service manager "
        "retries it.",
    )
    failure_message = fields.Text(string="Last Error", readonly=True, copy=False)

    _sql_constraints = [
        (
            "record_clock_uniq",
            "unique(res_model, res_id, clock_id)",
            "A record has one timer per clock.",
        ),
    ]

    # The partial indexes of the scheduled action: running timers only, and
    # neither those flagged after their retries, so that a scan never reads
    # the timers that are not due.
    _DUE_INDEXES = {
        "sunshine_sla_timer_due_deadline_idx": (
            "deadline",
            "state = 'running' AND failed IS NOT TRUE",
        ),
        "sunshine_sla_timer_due_warning_idx": (
            "warn_date",
            "state = 'running' AND warned IS NOT TRUE AND failed IS NOT TRUE",
        ),
    }
    # Odoo's column indexes that the unique index or the partial ones serve.
    _OBSOLETE_INDEXES = (
        "sunshine_sla_timer__res_model_index",
        "sunshine_sla_timer__res_id_index",
        "sunshine_sla_timer__state_index",
        "sunshine_sla_timer__clock_id_index",
    )

    def init(self):
        cr = self.env.cr
        cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [self._table],
        )
        existing = dict(cr.fetchall())
        for name, (column, where) in self._DUE_INDEXES.items():
            if name in existing and "failed IS NOT TRUE" not in existing[name]:
                cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
                del existing[name]
            if name not in existing:
                cr.execute(
                    SQL(
                        "CREATE INDEX %s ON %s (%s) WHERE %s",
                        SQL.identifier(name),
                        SQL.identifier(self._table),
                        SQL.identifier(column),
                        SQL(where),
                    )
                )
        for name in self._OBSOLETE_INDEXES:
            if name in existing:
                cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
        # Every timer leaves the partial indexes when it stops: vacuum their
        # dead entries every time, not only when PostgreSQL finds them many,
        # and early, so that the scan stays on live entries.
        cr.execute(
            SQL(
                "ALTER TABLE %s SET (vacuum_index_cleanup = on, "
                "autovacuum_vacuum_scale_factor = 0.02)",
                SQL.identifier(self._table),
            )
        )

    @api.depends("policy_id")
    def _compute_clock_id(self):
        for timer in self:
            timer.clock_id = timer.policy_id.clock_id

    @api.depends("policy_id")
    def _compute_company_id(self):
        for timer in self:
            timer.company_id = timer.policy_id.company_id

    @api.depends("clock_id")
    @api.depends_context("lang")
    def _compute_clock_data(self):
        clocks = self.env["sunshine.sla.clock"]._sla_clock_data()
        for timer in self:
            # a clock created in this transaction is not in the cache yet
            code, name = clocks.get(timer.clock_id.id) or (
                timer.clock_id.code,
                timer.clock_id.name,
            )
            timer.clock_code = code
            timer.clock_name = name

    @api.depends("clock_name", "res_model", "res_id")
    def _compute_display_name(self):
        for timer in self:
            timer.display_name = (
                f"{timer.clock_name} ({timer.res_model},{timer.res_id})"
            )

    # ------------------------------------------------------------------
    # Working-time arithmetic
    # ------------------------------------------------------------------
    @api.model
    def _assert_plannable(self, moment, record=None):
        if not PLAN_FIRST <= moment <= PLAN_LAST:
            raise UserError(
                _(
                    "The SLA clocks of %(record)s cannot count from %(date)s: "
                    "give a date between %(first)s and %(last)s.",
                    record=record.display_name if record else "",
                    date=moment,
                    first=PLAN_FIRST.date(),
                    last=PLAN_LAST.date(),
                )
            )

    @api.model
    def _working_time(self, calendar, begin, end):
        """The working time of ``calendar`` from ``begin`` to ``end``: by
        arithmetic when it works around the clock without a leave in the
        range (both cached with the calendar), from its work intervals read
        in one go otherwise."""
        calendar = calendar.sudo()  # the engine plans with any calendar
        if calendar._sunshine_works_around_the_clock() and not (
            calendar._sunshine_has_leave(begin, end)
        ):
            return WorkingTime(begin, end)
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(begin), pytz.utc.localize(end)
        )[False]
        return WorkingTime(
            begin,
            end,
            [
                (
                    _to_second(start.astimezone(pytz.utc).replace(tzinfo=None)),
                    _to_second(stop.astimezone(pytz.utc).replace(tzinfo=None)),
                )
                for start, stop, _meta in intervals
                if stop > start
            ],
        )

    @api.model
    def _plan_many(self, calendar, requests):
        """Plan ``requests``, a list of (start, [seconds, ...]), on
        ``calendar``: the list of the moments of each, in one walk of the
        calendar's working time (fetched again only when a duration runs
        past what was fetched)."""
        if not requests:
            return []
        begin = min(start for start, _durations in requests)
        latest = max(start for start, _durations in requests)
        longest = max(
            (seconds for _start, durations in requests for seconds in durations),
            default=0,
        )
        weekly = calendar.sudo()._sunshine_weekly_seconds()
        if not weekly:
            raise UserError(
                _(
                    "The working calendar %(calendar)s has no working hours: "
                    "give it some, or choose another calendar on the SLA policies.",
                    calendar=calendar.display_name,
                )
            )
        # the calendar time the longest duration needs, plus two weeks of
        # leaves; doubled while a plan runs past it
        span = timedelta(weeks=longest / weekly + 2)
        while True:
            end = min(latest + span, PLAN_LAST + PLAN_HORIZON)
            working = self._working_time(calendar, begin, end)
            moments = [
                [working.plan(start, seconds) for seconds in durations]
                for start, durations in requests
            ]
            if all(m is not None for row in moments for m in row):
                return moments
            if span > PLAN_HORIZON:
                raise UserError(
                    _(
                        "The working calendar %(calendar)s has too little working "
                        "time to plan the SLA deadlines: check its working hours "
                        "and leaves.",
                        calendar=calendar.display_name,
                    )
                )
            span *= 2

    @api.model
    def _measure_many(self, calendar, requests):
        """The working seconds of each (start, stop) of ``requests``."""
        requests = [(start, stop) for start, stop in requests]
        pairs = [(start, stop) for start, stop in requests if stop > start]
        if not pairs:
            return [0.0] * len(requests)
        working = self._working_time(
            calendar,
            min(start for start, _stop in pairs),
            max(stop for _start, stop in pairs),
        )
        return [working.measure(start, stop) for start, stop in requests]

    @api.model
    def _plan(self, calendar, start, minutes, cache=None):
        """The moment ``minutes`` of ``calendar``'s working time after
        ``start``, to the second."""
        self._assert_plannable(start)
        return self._plan_many(calendar, [(start, [minutes * 60.0])])[0][0]

    @api.model
    def _prepare_values_many(self, requests):
        """The values of new timers, from ``requests``: a list of (policy,
        record, start), the policies as ``PolicyRow``. Each calendar is
        walked once for every deadline and warning time."""
        by_calendar = defaultdict(list)
        for index, (policy, record, start) in enumerate(requests):
            if policy.count_from == "reference":
                start = record[record._sla_reference_field] or start
            self._assert_plannable(start, record)
            seconds = policy.duration_minutes * 60.0
            warn_seconds = seconds * policy.warning_percent / 100.0
            by_calendar[policy.calendar_id].append(
                (index, start, [seconds, warn_seconds])
            )
        values = [None] * len(requests)
        Calendar = self.env["resource.calendar"]
        for calendar_id, rows in by_calendar.items():
            moments = self._plan_many(
                Calendar.browse(calendar_id), [(s, d) for _i, s, d in rows]
            )
            for (index, start, _durations), (deadline, warn_date) in zip(
                rows, moments, strict=True
            ):
                policy, record, _start = requests[index]
                company = record["company_id"].id if "company_id" in record else False
                values[index] = {
                    "res_model": record._name,
                    "res_id": record.id,
                    "policy_id": policy.id,
                    "clock_id": policy.clock_id,
                    "company_id": company or policy.company_id,
                    "start_date": start,
                    "deadline": deadline,
                    "warn_date": warn_date,
                }
        return values

    def _write_each(self, values_by_timer):
        """Write each timer its own values, one write per distinct values."""
        groups = defaultdict(list)
        for timer, values in values_by_timer.items():
            groups[tuple(sorted(values.items()))].append(timer.id)
        for values, ids in groups.items():
            self.browse(ids).write(dict(values))

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
        running = self.filtered(lambda t: t.state == "running")
        values = {}
        for calendar, timers in running.grouped("calendar_id").items():
            requests = []
            for timer in timers:
                requests.append((when, timer.deadline))
                requests.append((when, timer.warn_date))
            seconds = self._measure_many(calendar, requests)
            for index, timer in enumerate(timers):
                values[timer] = {
                    "state": "paused",
                    "paused_date": when,
                    "remaining_minutes": seconds[2 * index] / 60.0,
                    "warn_remaining_minutes": 0.0
                    if timer.warned
                    else seconds[2 * index + 1] / 60.0,
                }
        self._write_each(values)

    def _resume(self, when):
        paused = self.filtered(lambda t: t.state == "paused")
        values = {}
        for calendar, timers in paused.grouped("calendar_id").items():
            pauses = self._measure_many(
                calendar, [(timer.paused_date or when, when) for timer in timers]
            )
            moments = self._plan_many(
                calendar,
                [
                    (
                        when,
                        [
                            timer.remaining_minutes * 60.0,
                            timer.warn_remaining_minutes * 60.0,
                        ],
                    )
                    for timer in timers
                ],
            )
            for timer, paused_seconds, (deadline, warn_date) in zip(
                timers, pauses, moments, strict=True
            ):
                values[timer] = {
                    "state": "running",
                    "paused_date": False,
                    "paused_minutes": timer.paused_minutes + paused_seconds / 60.0,
                    "deadline": deadline,
                }
                if not timer.warned:
                    values[timer]["warn_date"] = warn_date
        self._write_each(values)

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _due_query(self, column, now, limit, exclude=()):
        """Running timers whose ``column`` (deadline or warn_date) has come,
        read through the partial indexes of ``init``, without the timers
        waiting for their next attempt and ``exclude``. A timer past its
        deadline is not warned: it is breached."""
        if column == "deadline":
            condition = SQL("TRUE")
        else:
            condition = SQL("warned IS NOT TRUE AND deadline > %s", now)
        return SQL(
            """
            SELECT id, res_model, res_id FROM sunshine_sla_timer
             WHERE state = 'running' AND failed IS NOT TRUE AND %(condition)s
               AND %(column)s <= %(now)s
               AND (retry_date IS NULL OR retry_date <= %(now)s)
               AND %(exclude)s
             ORDER BY %(column)s, id
             LIMIT %(limit)s
            """,
            condition=condition,
            column=SQL.identifier(column),
            now=now,
            limit=limit,
            exclude=SQL("id NOT IN %s", tuple(exclude)) if exclude else SQL("TRUE"),
        )

    @api.model
    def _lock_due(self, column, now, limit, exclude=()):
        """The due timers, as (id, model, record id) rows, not locked yet:
        the records are locked first, then their timers (``_process``), in
        the order of the users' actions."""
        self.flush_model(
            ["state", "warned", "warn_date", "deadline", "retry_date", "failed"]
        )
        self.env.cr.execute(self._due_query(column, now, limit, exclude))
        return self.env.cr.fetchall()

    @api.model
    def _lock(self, table, timer_ids_by_record):
        """Lock the records of ``timers_ids_by_record`` ({record id: timer
        ids}) in ``table``, then their timers still due: the one lock order
        of the engine and the users' actions. Rows another transaction holds
        are skipped, not waited for; rows changed since this transaction
        began are skipped too: each costs itself, not the others, and is
        left to the next run. Returns the ids of the records and timers
        locked."""
        if not timer_ids_by_record:
            return [], []
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                # not logged: a conflict is expected when workers collide
                cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s ORDER BY id "
                        "FOR NO KEY UPDATE SKIP LOCKED",
                        SQL.identifier(table),
                        tuple(timer_ids_by_record),
                    ),
                    log_exceptions=False,
                )
                record_ids = [row[0] for row in cr.fetchall()]
                timer_ids = [i for r in record_ids for i in timer_ids_by_record[r]]
                if not timer_ids:
                    return record_ids, []
                cr.execute(
                    SQL(
                        "SELECT id FROM sunshine_sla_timer WHERE id IN %s "
                        "AND state = 'running' AND failed IS NOT TRUE "
                        "ORDER BY id FOR UPDATE SKIP LOCKED",
                        tuple(timer_ids),
                    ),
                    log_exceptions=False,
                )
                return record_ids, [row[0] for row in cr.fetchall()]
        except CONFLICTS:
            if len(timer_ids_by_record) == 1:
                _logger.info(
                    "%s %s is being changed by another transaction",
                    table,
                    list(timer_ids_by_record),
                )
                return [], []
        record_ids, timer_ids = [], []
        for record_id, ids in timer_ids_by_record.items():
            records, timers = self._lock(table, {record_id: ids})
            record_ids += records
            timer_ids += timers
        return record_ids, timer_ids

    @api.model
    def _cron_process_due_timers(self, batch_size=500):
        """Breach the timers past their deadline, then warn the timers past
        their warning time. Running it twice changes nothing the second
        time: each timer leaves the due set as it is handled.

        A record that fails is rolled back alone and tried again later (see
        ``_record_failures``): the timers behind it are handled in the same
        run. Returns the number of timers handled.
        """
        # the notifications go out with the mail queue, not one by one
        timers = self.with_context(mail_notify_force_send=False)
        now = fields.Datetime.now()
        done = 0
        more = False
        for method, column in (("_sla_breach", "deadline"), ("_sla_warn", "warn_date")):
            skipped = set()
            while True:
                rows = timers._lock_due(column, now, batch_size, skipped)
                if not rows:
                    break
                handled, passed = timers._process(rows, method, now)
                done += handled
                skipped.update(passed)
                if len(rows) < batch_size:
                    break
                if handled:
                    # a full batch with real progress: the cron runs again
                    more = True
                    break
                # a whole batch failed or was held elsewhere: the next one
        if done:
            # only real progress: a run that handled nothing reports none,
            # and Odoo runs it again at once only while there is more
            self.env["ir.cron"]._notify_progress(done=done, remaining=int(more))
        return done

    def _process(self, rows, method, now):
        """Call ``method`` on the records of the due timers ``rows`` with
        their timers, all at once, or each record in its own savepoint when
        one fails. Returns the number of timers handled and the ids of those
        left (held by another transaction, or failed)."""
        by_model = defaultdict(lambda: defaultdict(list))
        for timer_id, res_model, res_id in rows:
            by_model[res_model][res_id].append(timer_id)
        handled = 0
        passed = set()
        for res_model, timer_ids_by_record in sorted(by_model.items()):
            all_ids = [i for ids in timer_ids_by_record.values() for i in ids]
            if res_model not in self.env:
                passed.update(all_ids)  # its addon is gone: nobody to warn
                continue
            Model = self.env[res_model]
            record_ids, timer_ids = self._lock(Model._table, timer_ids_by_record)
            timers = self.browse(timer_ids)
            passed.update(set(all_ids) - set(timer_ids))
            missing = set(timer_ids_by_record) - set(record_ids)
            if missing:
                # not locked: held by another transaction, or deleted in SQL
                # (then nobody is left to warn)
                gone = Model.browse(missing) - Model.browse(missing).exists()
                # the timers are their own records then
                gone_ids = [i for r in gone.ids for i in timer_ids_by_record[r]]
                gone_timers = self.browse(
                    self._lock(self._table, {i: [i] for i in gone_ids})[1]
                )
                gone_timers.write({"state": "met", "met_date": now})
                handled += len(gone_timers)
                passed.difference_update(gone_timers.ids)
            handled_now, failed = self._call_hooks(Model, timers, method, now)
            handled += handled_now
            passed.update(failed)
        return handled, passed

    def _call_hooks(self, Model, timers, method, now):
        """``method`` on the records of ``timers`` at once, and if that
        fails, on each record alone; the failures are recorded, while a
        conflict with a concurrent transaction is left to the next run.
        Returns the number of timers handled and the ids of those that
        failed or were left."""
        if not timers:
            return 0, []
        timers_by_record = defaultdict(lambda: self.browse())
        for timer in timers:
            timers_by_record[timer.res_id] |= timer
        records = Model.browse(sorted(timers_by_record))
        cr = self.env.cr
        if len(records) > 1 and records._sla_hook_takes_many(method):
            try:
                with cr.savepoint():
                    getattr(records, method)(timers, now)
                    timers._reset_failures()
                return len(timers), []
            except Exception:
                # one of them fails: each alone tells which, below
                _logger.debug("SLA batch failed, each record alone", exc_info=True)
        handled = 0
        failures = {}
        conflicts = []
        for record in records:
            record_timers = self.browse(timers_by_record[record.id].ids)
            try:
                with cr.savepoint():
                    getattr(record, method)(record_timers, now)
                    record_timers._reset_failures()
                handled += len(record_timers)
            except CONFLICTS:
                # a user's transaction changed what the hook writes (the
                # ticket's followers, its team...) meanwhile: nothing is
                # wrong with the record, the next run handles it
                _logger.info(
                    "%s of %s,%s left to the next run: changed concurrently",
                    method,
                    Model._name,
                    record.id,
                )
                conflicts += record_timers.ids
            except Exception as error:  # noqa: BLE001 (recorded and retried)
                # whatever the record's hook raised: recorded and retried
                failures[record_timers] = error
        if failures:
            self._record_failures(failures, now)
        return handled, conflicts + [t.id for timers in failures for t in timers]

    def _reset_failures(self):
        """A record handled at last starts counting its failures afresh."""
        self.filtered("failure_count").write(
            {"failure_count": 0, "retry_date": False, "failure_message": False}
        )

    @api.model
    def _record_failures(self, failures, now):
        """Count a failed attempt on the timers of ``failures`` ({timers:
        exception}), set when they are tried next, and flag those that
        failed ``MAX_ATTEMPTS`` times for the service managers."""
        flagged = self.browse()
        for timers, error in failures.items():
            attempts = max(timers.mapped("failure_count")) + 1
            values = {
                "failure_count": attempts,
                "failure_message": f"{type(error).__name__}: {error}"[:2000],
            }
            if attempts >= MAX_ATTEMPTS:
                values.update(failed=True, retry_date=False)
                flagged |= timers
                log = _logger.error
            else:
                values["retry_date"] = now + RETRY_DELAY * 2 ** (attempts - 1)
                log = _logger.warning
            log(
                "SLA timers %s of %s,%s failed (attempt %s of %s)%s",
                timers.ids,
                timers[:1].res_model,
                timers[:1].res_id,
                attempts,
                MAX_ATTEMPTS,
                ""
                if "retry_date" not in values
                else f", next at {values['retry_date']}",
                exc_info=error,
            )
            timers.write(values)
        if flagged:
            try:
                with self.env.cr.savepoint():
                    flagged._notify_failed()
            except Exception:
                # the flag on the timers is the notice that counts
                _logger.exception("The service managers could not be notified")

    def _notify_failed(self):
        """Tell the service managers, on each policy, which records the
        scheduled action gave up on."""
        managers = self.env.ref("sunshine_helpdesk.group_service_manager").users
        for policy, timers in self.grouped("policy_id").items():
            policy.message_post(
                body=_(
                    "The SLA scheduled action failed %(attempts)s times on "
                    "%(records)s and stopped trying. Fix the cause (see Last "
                    "Error in SLA Timers, filter Needs Attention), then retry them.",
                    attempts=MAX_ATTEMPTS,
                    records=self._records_label(timers),
                ),
                partner_ids=managers.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _records_label(self, timers, shown=20):
        """'helpdesk.ticket,12, ...' for the first ``shown`` records."""
        records = list(dict.fromkeys((t.res_model, t.res_id) for t in timers))
        label = ", ".join(f"{model},{res_id}" for model, res_id in records[:shown])
        if len(records) > shown:
            label += " " + _("and %(count)s more", count=len(records) - shown)
        return label

    def action_retry(self):
        """Give flagged timers back to the scheduled action."""
        if not self.env.su and not self.env.user.has_group(
            "sunshine_helpdesk.group_service_manager"
        ):
            raise AccessError(_("Only service managers retry SLA timers."))
        # sudo: timers are written by the engine only; a manager's retry
        # resets the engine's own bookkeeping, nothing a user typed
        self.sudo().filtered(lambda t: t.failed or t.failure_count).write(
            {
                "failed": False,
                "failure_count": 0,
                "retry_date": False,
                "failure_message": False,
            }
        )
        return True

    def _describe(self):
        """One line per timer for messages: 'Response due 2026-11-25 10:30'."""
        return [
            _(
                "%(clock)s due %(deadline)s",
                clock=timer.clock_name,
                deadline=format_datetime(
                    self.env, timer.deadline, tz=timer.calendar_id.tz, dt_format="short"
                ),
            )
            for timer in self
        ]
