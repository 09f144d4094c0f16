from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import SQL, format_datetime

SLA_STATUSES = [
    ("none", "No SLA"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
]


class SunshineSlaMixin(models.AbstractModel):
    """Gives a model SLA timers.

    The model decides when its clocks start, pause and stop (``_sla_start``,
    ``_sla_pause``, ``_sla_resume``, ``_sla_stop``); the policies decide how
    long they run; the scheduled action warns and breaches them and calls
    ``_sla_on_breach_escalate`` where a policy says so. Nothing here knows
    which model inherits it: the policies find the models by this mixin.

    Locks: a record is locked before its timers, by the users' actions
    (``write`` and the clock methods) and by the scheduled action alike, so
    that the two never wait for each other in opposite orders.
    """

    _name = "sunshine.sla.mixin"
    _inherit = "sunshine.protected.fields.mixin"
    _description = "SLA Timers Mixin"
    _sunshine_protected_fields = ("sla_deadline", "sla_status", "sla_compliance")

    # The field holding when the record was reported, for policies that
    # count from then rather than from the start of their clock.
    _sla_reference_field = "create_date"
    # Whether the model's overrides of _sla_warn and _sla_breach handle
    # several records at once: the scheduled action then calls them once per
    # batch, else once per record. The mixin's own always do.
    _sla_hooks_take_many = False
    # Whether ``_sla_on_breach_escalate`` takes the records of a whole run
    # at once (with all their timers); else it is called once per record.
    _sla_escalate_takes_many = False

    sla_timer_ids = fields.One2many(
        "sunshine.sla.timer",
        "res_id",
        string="SLA Timers",
        groups="base.group_user",
        copy=False,
    )
    sla_deadline = fields.Datetime(
        string="Next Deadline",
        compute="_compute_sla_status",
        store=True,
        copy=False,
        index=True,
        help="The nearest deadline of the running SLA timers.",
    )
    sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_status",
        store=True,
        copy=False,
        index=True,
    )
    sla_compliance = fields.Float(
        string="SLA Compliance (%)",
        compute="_compute_sla_status",
        store=True,
        copy=False,
        aggregator="avg",
        help="100 until one of the record's timers is breached, then 0.",
    )
    sla_due_label = fields.Char(
        string="Due",
        compute="_compute_sla_due_label",
        help="The clock due next and when, to the minute, in the user's time "
        "zone: the date too when it is not today.",
    )

    @api.depends(
        "sla_timer_ids.state", "sla_timer_ids.deadline", "sla_timer_ids.warned"
    )
    def _compute_sla_status(self):
        """The nearest deadline and the overall status, stored for lists,
        filters and reports; computed once for all the records whose timers
        changed in a transaction."""
        for record in self:
            timers = record._sla_timers()
            states = set(timers.mapped("state"))
            open_timers = timers.filtered(lambda t: t.state in ("running", "paused"))
            if "breached" in states:
                status = "breached"
            elif any(open_timers.mapped("warned")):
                status = "at_risk"
            elif open_timers:
                status = "on_track"
            elif timers:
                status = "met"
            else:
                status = "none"
            record.sla_status = status
            record.sla_deadline = min(
                (t.deadline for t in open_timers if t.state == "running"),
                default=False,
            )
            record.sla_compliance = 0.0 if status == "breached" else 100.0

    @api.depends("sla_timer_ids.deadline", "sla_timer_ids.state")
    @api.depends_context("lang", "tz", "uid")
    def _compute_sla_due_label(self):
        """ "Response 10:30": the running clock due first, or the breached
        one that is still open, so that a dispatcher sees what to do next
        and by when, not "today" or "tomorrow"."""
        now = fields.Datetime.now()
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        today = format_datetime(self.env, now, tz=tz, dt_format="yyyy-MM-dd")
        year = today[:4]
        for record in self:
            timers = record._sla_timers().filtered(
                lambda t: (
                    t.state == "running" or (t.state == "breached" and not t.met_date)
                )
            )
            timer = min(timers, key=lambda t: (t.deadline, t.id), default=None)
            if not timer:
                record.sla_due_label = False
                continue
            day = format_datetime(
                self.env, timer.deadline, tz=tz, dt_format="yyyy-MM-dd"
            )
            if day == today:
                pattern = "HH:mm"
            elif day[:4] == year:
                pattern = "MM-dd HH:mm"
            else:
                pattern = "yyyy-MM-dd HH:mm"
            clock = timer.with_env(self.env).clock_name
            due = format_datetime(self.env, timer.deadline, tz=tz, dt_format=pattern)
            record.sla_due_label = f"{clock} {due}"

    @api.model
    def _sla_hook_takes_many(self, method):
        """Whether the hook ``method`` may be called on several records."""
        return self._sla_hooks_take_many or getattr(type(self), method) is getattr(
            SunshineSlaMixin, method
        )

    def _sla_timers(self):
        """The timers of these records, as the engine: users read timers but
        only the engine writes them, following the records' own actions
        that the user's rights on the records already allowed."""
        return self.sudo().sla_timer_ids

    def _sla_lock(self):
        """Lock these records' rows, in id order, before anything else of
        theirs (their timers first of all). A record another transaction
        changed meanwhile fails the request, which Odoo retries."""
        ids = sorted(id_ for id_ in self._ids if isinstance(id_, int))
        if ids:
            # not logged: a concurrent change is retried, not an error
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                    SQL.identifier(self._table),
                    tuple(ids),
                ),
                log_exceptions=False,
            )

    def write(self, vals):
        self._sla_lock()
        return super().write(vals)

    def unlink(self):
        # Timers point to their record by model and id, without a foreign key.
        timers = self._sla_timers()
        res = super().unlink()
        timers.unlink()
        return res

    # ------------------------------------------------------------------
    # Clocks
    # ------------------------------------------------------------------
    def _sla_start(self, clock_codes, start=None):
        """Start the given clocks on these records, in one batch, with the
        first matching policy of each clock. A clock already started on a
        record is left as it is."""
        return self._sla_start_by_record(
            {record: clock_codes for record in self}, start=start
        )

    def _sla_start_by_record(self, clocks, start=None, created=False):
        """Start on each record of ``clocks`` ({record: clock codes}) its
        clocks, all in one batch: the policies come from a cache, each
        record gets those of its own company, every deadline and warning
        time of a calendar is planned in one walk of it, and the timers are
        inserted whole. ``created``: the records were created in this call
        and cannot have timers nor be seen by another transaction."""
        Timer = self.env["sunshine.sla.timer"].sudo()
        clocks = {record: set(codes) for record, codes in clocks.items() if codes}
        if not clocks:
            return Timer
        records = self.browse([record.id for record in clocks])
        if not created:
            records._sla_lock()
        start = start or fields.Datetime.now()
        # already started: none on new records (their empty timers are
        # cached since their creation), one query for existing ones
        started = {(timer.res_id, timer.clock_id.id) for timer in records._sla_timers()}
        has_company = "company_id" in self._fields
        requests = []
        for policy in self.env["sunshine.sla.policy"]._sla_policy_rows(self._name):
            candidates = records.browse(
                [
                    record.id
                    for record, codes in clocks.items()
                    if policy.clock_code in codes
                    and (record.id, policy.clock_id) not in started
                    and (
                        not policy.company_id
                        or not has_company
                        or record.company_id.id == policy.company_id
                    )
                ]
            )
            if not candidates:
                continue
            if policy.domain:
                candidates = candidates.filtered_domain(list(policy.domain))
            for record in candidates:
                started.add((record.id, policy.clock_id))
                requests.append((policy, record, start))
        if not requests:
            return Timer
        return Timer.create(Timer._prepare_values_many(requests))

    def _sla_open_timers(self, clock_codes=None):
        return self._sla_timers().filtered(
            lambda t: (
                t.state in ("running", "paused")
                and (clock_codes is None or t.clock_code in clock_codes)
            )
        )

    def _sla_stop(self, clock_codes, when=None):
        """The milestone of these clocks is reached."""
        self._sla_lock()
        timers = self._sla_timers().filtered(lambda t: t.clock_code in clock_codes)
        timers._stop(when or fields.Datetime.now())

    def _sla_pause(self, when=None):
        """Stop every running clock (waiting for the customer)."""
        self._sla_lock()
        self._sla_open_timers()._pause(when or fields.Datetime.now())

    def _sla_resume(self, when=None):
        """Restart the paused clocks with the working time they had left."""
        self._sla_lock()
        self._sla_open_timers()._resume(when or fields.Datetime.now())

    def _sla_refresh_status(self):
        """Compute the stored status of these records now (it follows their
        timers by itself; kept for the callers that ask for it)."""
        self.env.add_to_compute(self._fields["sla_status"], self)
        self.env.add_to_compute(self._fields["sla_deadline"], self)
        self.env.add_to_compute(self._fields["sla_compliance"], self)
        self._recompute_recordset(["sla_status", "sla_deadline", "sla_compliance"])

    # ------------------------------------------------------------------
    # Reactions of the scheduled action (``sunshine.sla.timer``)
    # ------------------------------------------------------------------
    def _sla_responsible_user(self):
        """Who gets the warning activity; models may override."""
        self.ensure_one()
        return self["user_id"] if "user_id" in self._fields else self.env["res.users"]

    def _sla_timer_partner(self):
        """The customer the timers of this record are shown with; models
        may override."""
        self.ensure_one()
        if "partner_id" in self._fields:
            return self["partner_id"]
        return self.env["res.partner"]

    def _sla_timer_team(self):
        """The service team the timers of this record are shown with."""
        self.ensure_one()
        field = self._fields.get("team_id")
        if field is not None and field.comodel_name == "helpdesk.ticket.team":
            return self["team_id"]
        return self.env["helpdesk.ticket.team"]

    def _sla_timers_by_record(self, timers):
        by_record = defaultdict(lambda: timers.browse())
        for timer in timers:
            by_record[timer.res_id] |= timer
        return [(record, by_record[record.id]) for record in self]

    def _sla_post(self, bodies, subtype_xmlid, partner_ids=None):
        """Post ``bodies`` ({record id: body}) on these records with the
        subtype, notifying their followers as ``message_post`` does, and
        ``partner_ids`` ({record id: partner ids}) besides; what it would
        compute for each record (author, reply-to, alias domain, company)
        is computed once for all."""
        if not hasattr(self, "message_post"):
            return
        posting = self.filtered(lambda record: record.id in bodies)
        if not posting:
            return
        author_id, email_from = posting._message_compute_author(
            None, None, raise_on_email=True
        )
        reply_to = posting._notify_get_reply_to(default=email_from)
        domains = posting.sudo()._mail_get_alias_domains(
            default_company=self.env.company
        )
        companies = posting._mail_get_companies(default=self.env.company)
        for record in posting:
            record.message_post(
                body=bodies[record.id],
                subtype_xmlid=subtype_xmlid,
                author_id=author_id,
                email_from=email_from,
                reply_to=reply_to[record.id],
                record_alias_domain_id=domains[record.id].id,
                record_company_id=companies[record.id].id,
                partner_ids=(partner_ids or {}).get(record.id) or [],
            )

    def _sla_warn(self, timers, now):
        """The warning time of ``timers`` has come. ``self`` are their
        records, one or many: the scheduled action calls it once for a
        batch (the mixin's own, or overrides that set
        ``_sla_hooks_take_many``), else, and when the batch fails, once per
        record."""
        timers.write({"warned": True})
        activities = []
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        schedule = (
            hasattr(self, "activity_schedule")
            and activity_type
            and not self.env.context.get("mail_activity_automation_skip")
        )
        model_id = self.env["ir.model"]._get_id(self._name) if schedule else False
        bodies = {}
        for record, record_timers in self._sla_timers_by_record(timers):
            summary = _(
                "SLA at risk: %(timers)s", timers=", ".join(record_timers._describe())
            )
            user = record._sla_responsible_user()
            if schedule and user:
                activities.append(
                    {
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "automated": True,
                        "note": activity_type.default_note,
                        "date_deadline": min(record_timers.mapped("deadline")).date(),
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "user_id": user.id,
                    }
                )
            bodies[record.id] = summary
        if activities:
            self.env["mail.activity"].create(activities)
        self._sla_post(bodies, "sunshine_helpdesk.mt_sla_warning")

    def _sla_breach(self, timers, now):
        """The deadline of ``timers`` has passed. ``self`` are their records,
        one or many (see ``_sla_warn``)."""
        timers.write({"state": "breached", "breached_date": now, "warned": True})
        by_record = self._sla_timers_by_record(timers)
        title = _("SLA breached:")
        self._sla_post(
            {
                record.id: Markup("%s<ul>%s</ul>")
                % (
                    title,
                    Markup().join(
                        Markup("<li>%s</li>") % line
                        for line in record_timers._describe()
                    ),
                )
                for record, record_timers in by_record
                if any(record_timers.policy_id.mapped("breach_notify"))
            },
            "sunshine_helpdesk.mt_sla_breach",
        )
        # The escalation keeps the assignee: no new "assigned to you" notice.
        escalate = self.with_context(mail_auto_subscribe_no_notify=True)
        escalating = timers.filtered("policy_id.breach_escalate")
        records = escalate.browse(list(dict.fromkeys(escalating.mapped("res_id"))))
        if records and self._sla_escalate_takes_many:
            records._sla_on_breach_escalate(escalating)
            return
        for record, record_timers in records._sla_timers_by_record(escalating):
            record._sla_on_breach_escalate(record_timers)

    def _sla_on_breach_escalate(self, timers):
        """Escalate this record because ``timers`` were breached. Models that
        have an escalation path override this."""
        return False
