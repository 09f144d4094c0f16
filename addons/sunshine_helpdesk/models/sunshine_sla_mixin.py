from collections import defaultdict

from markupsafe import Markup

from odoo import _, fields, models

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
    which model inherits it.
    """

    _name = "sunshine.sla.mixin"
    _inherit = "sunshine.protected.fields.mixin"
    _description = "SLA Timers Mixin"
    _sunshine_protected_fields = ("sla_deadline", "sla_status", "sla_compliance")

    # The field holding when the record was reported, for policies that
    # count from then rather than from the start of their clock.
    _sla_reference_field = "create_date"

    sla_timer_ids = fields.One2many(
        "sunshine.sla.timer",
        "res_id",
        string="SLA Timers",
        groups="base.group_user",
        copy=False,
    )
    sla_deadline = fields.Datetime(
        string="Next Deadline",
        readonly=True,
        copy=False,
        index=True,
        help="The nearest deadline of the running SLA timers.",
    )
    sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA Status",
        readonly=True,
        copy=False,
        default="none",
        index=True,
    )
    sla_compliance = fields.Float(
        string="SLA Compliance (%)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="100 until one of the record's timers is breached, then 0.",
    )

    def _sla_timers(self):
        """The timers of these records, as the engine: users read timers but
        only the engine writes them, following the records' own actions
        that the user's rights on the records already allowed."""
        return self.sudo().sla_timer_ids

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
        if not self:
            return self.env["sunshine.sla.timer"]
        start = start or fields.Datetime.now()
        # sudo: the engine writes timers (see _sla_timers) and applies every
        # policy of the company, whoever triggers it
        Timer = self.env["sunshine.sla.timer"].sudo()
        policies = (
            self.env["sunshine.sla.policy"]
            .sudo()
            .search(
                [
                    ("model_name", "=", self._name),
                    ("clock_id.code", "in", list(clock_codes)),
                    ("company_id", "in", [False, *self.company_id.ids])
                    if "company_id" in self._fields
                    else (1, "=", 1),
                ]
            )
        )
        existing = {
            (timer.res_id, timer.clock_id.id)
            for timer in Timer.search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("clock_id", "in", policies.clock_id.ids),
                ]
            )
        }
        cache = {}
        values = []
        for policy in policies:
            for record in policy._filter_matching(self):
                key = (record.id, policy.clock_id.id)
                if key in existing:
                    continue
                existing.add(key)
                values.append(Timer._prepare_values(policy, record, start, cache))
        timers = Timer.create(values)
        self._sla_refresh_status()
        return timers

    def _sla_open_timers(self, clock_codes=None):
        domain = [("state", "in", ("running", "paused"))]
        if clock_codes is not None:
            domain.append(("clock_id.code", "in", list(clock_codes)))
        return self._sla_timers().filtered_domain(domain)

    def _sla_stop(self, clock_codes, when=None):
        """The milestone of these clocks is reached."""
        timers = self._sla_timers().filtered(lambda t: t.clock_id.code in clock_codes)
        timers._stop(when or fields.Datetime.now())
        self._sla_refresh_status()

    def _sla_pause(self, when=None):
        """Stop every running clock (waiting for the customer)."""
        self._sla_open_timers()._pause(when or fields.Datetime.now())
        self._sla_refresh_status()

    def _sla_resume(self, when=None):
        """Restart the paused clocks with the working time they had left."""
        self._sla_open_timers()._resume(when or fields.Datetime.now())
        self._sla_refresh_status()

    def _sla_refresh_status(self):
        """Store the nearest deadline and the overall status, for lists,
        filters and reports; one write per distinct result."""
        changes = defaultdict(list)
        for record in self:
            timers = record._sla_timers()
            running = timers.filtered(lambda t: t.state == "running")
            if timers.filtered(lambda t: t.state == "breached"):
                status = "breached"
            elif (running | timers.filtered(lambda t: t.state == "paused")).filtered(
                "warned"
            ):
                status = "at_risk"
            elif timers.filtered(lambda t: t.state in ("running", "paused")):
                status = "on_track"
            elif timers:
                status = "met"
            else:
                status = "none"
            values = {
                "sla_status": status,
                "sla_deadline": min(running.mapped("deadline"), default=False),
                "sla_compliance": 0.0 if status == "breached" else 100.0,
            }
            if any(record[name] != value for name, value in values.items()):
                changes[tuple(values.items())].append(record.id)
        for values, ids in changes.items():
            # the engine's bookkeeping, written whatever the user may edit
            self.browse(ids).sudo()._sunshine_as_action().write(dict(values))

    # ------------------------------------------------------------------
    # Reactions of the scheduled action (``sunshine.sla.timer``)
    # ------------------------------------------------------------------
    def _sla_responsible_user(self):
        """Who gets the warning activity; models may override."""
        self.ensure_one()
        return self["user_id"] if "user_id" in self._fields else self.env["res.users"]

    def _sla_warn(self, timers, now):
        """The warning time of ``timers`` (of this record) has come."""
        self.ensure_one()
        timers.write({"warned": True})
        lines = timers._describe()
        summary = _("SLA at risk: %(timers)s", timers=", ".join(lines))
        user = self._sla_responsible_user()
        if user and hasattr(self, "activity_schedule"):
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=min(timers.mapped("deadline")).date(),
                summary=summary,
                user_id=user.id,
            )
        if hasattr(self, "message_post"):
            self.message_post(
                body=summary, subtype_xmlid="sunshine_helpdesk.mt_sla_warning"
            )
        self._sla_refresh_status()

    def _sla_breach(self, timers, now):
        """The deadline of ``timers`` (of this record) has passed."""
        self.ensure_one()
        timers.write({"state": "breached", "breached_date": now, "warned": True})
        self._sla_refresh_status()
        lines = timers._describe()
        if hasattr(self, "message_post") and any(
            timers.policy_id.mapped("breach_notify")
        ):
            self.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    _("SLA breached:"),
                    Markup().join(Markup("<li>%s</li>") % line for line in lines),
                ),
                subtype_xmlid="sunshine_helpdesk.mt_sla_breach",
            )
        escalating = timers.filtered("policy_id.breach_escalate")
        if escalating:
            self._sla_on_breach_escalate(escalating)

    def _sla_on_breach_escalate(self, timers):
        """Escalate this record because ``timers`` were breached. Models that
        have an escalation path override this."""
        return False
