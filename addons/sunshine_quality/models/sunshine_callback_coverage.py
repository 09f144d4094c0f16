from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools

from .sunshine_callback_rule import PERIOD_KINDS, period_end, period_label, period_start


class SunshineCallbackCoverage(models.Model):
    """The callback coverage of a closed period and office, frozen so that
    the figure audited later is the one of the day the period closed.

    A month counts the calls of the monthly rules of that month; a quarter
    counts every call of a period within it (the quarterly calls and the
    monthly ones of its three months). Cancelled calls are not counted;
    the target is 100 %.
    """

    _name = "sunshine.callback.coverage"
    _description = "Callback Coverage (Frozen)"
    _inherit = ["sunshine.protected.fields.mixin"]
    _order = "period_start desc, period_kind, team_id"
    _rec_name = "period_name"
    _sunshine_protected_create = True
    _sunshine_protected_fields = (
        "company_id",
        "period_kind",
        "period_start",
        "period_name",
        "team_id",
        "planned_count",
        "done_count",
        "coverage_percent",
        "frozen_date",
    )

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    period_kind = fields.Selection(
        PERIOD_KINDS, string="Period Type", required=True, readonly=True
    )
    period_start = fields.Date(required=True, readonly=True, index=True)
    period_name = fields.Char(string="Period", readonly=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team", string="Local Office", readonly=True, index=True
    )
    planned_count = fields.Integer(string="Planned", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    coverage_percent = fields.Float(
        string="Coverage (%)", readonly=True, aggregator="avg"
    )
    frozen_date = fields.Datetime(string="Frozen On", readonly=True)

    def _auto_init(self):
        res = super()._auto_init()
        # one frozen figure per period and office, the calls of no office
        # included (PostgreSQL 12 has no NULLS NOT DISTINCT)
        tools.create_unique_index(
            self.env.cr,
            "sunshine_callback_coverage_period_team_uniq",
            self._table,
            ["company_id", "period_kind", "period_start", "COALESCE(team_id, 0)"],
        )
        return res

    def write(self, vals):
        # every field is the frozen figure of its day
        self._sunshine_assert_unprotected(set(self._fields) & set(vals))
        return super().write(vals)

    @api.model
    def _sunshine_is_frozen(self, kind, start):
        return bool(
            self.sudo().search_count(
                [("period_kind", "=", kind), ("period_start", "=", start)], limit=1
            )
        )

    @api.model
    def _sunshine_call_domain(self, kind, start):
        end = period_end(kind, start)
        domain = [
            ("state", "!=", "cancelled"),
            ("period_start", ">=", start),
            ("period_start", "<=", end),
        ]
        if kind == "month":
            domain.append(("period_kind", "=", "month"))
        return domain

    @api.model
    def _cron_freeze_coverage(self, today=None):
        """Freeze the figures of the last month and quarter that ended, once:
        a period frozen already is left as it is."""
        today = today or fields.Date.context_today(self)
        frozen = self.browse()
        for kind in ("month", "quarter"):
            start = period_start(
                kind, period_start(kind, today) - relativedelta(days=1)
            )
            if not self._sunshine_is_frozen(kind, start):
                frozen |= self._sunshine_freeze(kind, start)
        return frozen

    @api.model
    def _sunshine_freeze(self, kind, start):
        # sudo: the figures count every office's calls, whoever runs it
        Callback = self.env["sunshine.callback"].sudo()
        groups = Callback._read_group(
            self._sunshine_call_domain(kind, start),
            ["company_id", "team_id", "state"],
            ["__count"],
        )
        figures = {}
        for company, team, state, count in groups:
            planned, done = figures.get((company.id, team.id), (0, 0))
            figures[company.id, team.id] = (
                planned + count,
                done + (count if state == "done" else 0),
            )
        now = fields.Datetime.now()
        return (
            self.sudo()
            ._sunshine_as_action()
            .create(
                [
                    {
                        "company_id": company_id,
                        "team_id": team_id or False,
                        "period_kind": kind,
                        "period_start": start,
                        "period_name": period_label(kind, start),
                        "planned_count": planned,
                        "done_count": done,
                        "coverage_percent": round(100.0 * done / planned, 2)
                        if planned
                        else 100.0,
                        "frozen_date": now,
                    }
                    for (company_id, team_id), (planned, done) in sorted(
                        figures.items(), key=lambda item: (item[0][0], item[0][1] or 0)
                    )
                ]
            )
        )
