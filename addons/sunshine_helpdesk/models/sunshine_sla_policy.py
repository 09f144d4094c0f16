from collections import namedtuple

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .sunshine_service_type import SEVERITIES

# Condition fields of a policy and the field each needs on the target model.
CONDITION_FIELDS = {
    "service_type_ids": "service_type_id",
    "severity": "severity",
    "team_ids": "team_id",
}
# The longest clock: a year of working time. More is a typing error, and
# beyond 2**31 minutes the column itself overflows.
MAX_DURATION_MINUTES = 366 * 24 * 60
SLA_MIXIN = "sunshine.sla.mixin"

# What the engine reads of an active policy to start its clock, cached
# (``_sla_policy_rows``): matching and planning cost no query.
PolicyRow = namedtuple(
    "PolicyRow",
    "id sequence clock_id clock_code company_id domain duration_minutes "
    "warning_percent count_from calendar_id",
)


class SunshineSlaPolicy(models.Model):
    """How long a clock may run for the records it applies to."""

    _name = "sunshine.sla.policy"
    _description = "SLA Policy"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(
        default=10,
        help="When several policies of a clock match a record, the first wins.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    model_id = fields.Many2one(
        "ir.model",
        string="Applies To",
        required=True,
        ondelete="cascade",
        domain=lambda self: [("model", "in", self._sla_model_names())],
        default=lambda self: self.env["ir.model"]._get("helpdesk.ticket"),
    )
    model_name = fields.Char(related="model_id.model", store=True, index=True)
    clock_id = fields.Many2one(
        "sunshine.sla.clock", required=True, ondelete="restrict", tracking=True
    )
    service_type_ids = fields.Many2many(
        "sunshine.service.type",
        "sunshine_sla_policy_service_type_rel",
        "policy_id",
        "service_type_id",
        string="Service Types",
        help="Empty: every service type.",
    )
    severity = fields.Selection(SEVERITIES, help="Empty: every severity.")
    team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Teams", help="Empty: every team."
    )
    domain = fields.Char(
        string="Other Conditions",
        default="[]",
        help="Records must also match this domain.",
    )
    duration_minutes = fields.Integer(
        string="Duration (minutes)",
        required=True,
        tracking=True,
        help=f"At most {MAX_DURATION_MINUTES} minutes (a year).",
    )
    count_from = fields.Selection(
        [
            ("clock_start", "When the clock starts"),
            ("reference", "When the record was reported"),
        ],
        required=True,
        default="clock_start",
        help="On-site arrival, for instance, starts when on-site service is "
        "decided but is due 24 hours after the fault was reported.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        required=True,
        help="Only the working time of this calendar counts: 7x24 for the "
        "hotline, working days with public holidays for others.",
    )
    warning_percent = fields.Integer(
        string="Warning at (%)",
        default=80,
        help="Warn when this share of the duration is used.",
    )
    breach_notify = fields.Boolean(string="Notify on Breach", default=True)
    breach_escalate = fields.Boolean(
        string="Escalate on Breach", help="Escalate the record one level up."
    )

    @api.constrains("duration_minutes", "warning_percent")
    def _check_duration(self):
        for policy in self:
            policy._assert_duration(policy.duration_minutes, policy.warning_percent)

    @api.constrains("model_id", "service_type_ids", "severity", "team_ids", "domain")
    def _check_conditions(self):
        sla_models = self._sla_model_names()
        for policy in self:
            if policy.model_name not in sla_models:
                raise ValidationError(
                    _("%(model)s does not have SLA timers.", model=policy.model_id.name)
                )
            Model = self.env[policy.model_name]
            for condition, target in CONDITION_FIELDS.items():
                if policy[condition] and target not in Model._fields:
                    raise ValidationError(
                        _(
                            "Policy %(policy)s filters on %(condition)s, which "
                            "%(model)s does not have. Clear that condition.",
                            policy=policy.name,
                            condition=policy._fields[condition]._description_string(
                                self.env
                            ),
                            model=policy.model_id.name,
                        )
                    )
            try:
                Model.search_count(policy._get_domain(), limit=1)
            except Exception as exc:
                raise ValidationError(
                    _(
                        "The other conditions of policy %(policy)s are not a valid "
                        "domain: %(error)s",
                        policy=policy.name,
                        error=exc,
                    )
                ) from exc

    @api.model_create_multi
    def create(self, vals_list):
        # checked before the row is written: a duration of 2**31 minutes
        # would stop at the column as "integer out of range"
        for vals in vals_list:
            self._assert_duration(
                vals.get("duration_minutes", 1), vals.get("warning_percent", 80), vals
            )
        policies = super().create(vals_list)
        self.env.registry.clear_cache()  # _sla_policy_rows
        return policies

    def write(self, vals):
        if {"duration_minutes", "warning_percent"} & vals.keys():
            for policy in self:
                policy._assert_duration(
                    vals.get("duration_minutes", policy.duration_minutes),
                    vals.get("warning_percent", policy.warning_percent),
                    vals,
                )
        res = super().write(vals)
        self.env.registry.clear_cache()  # _sla_policy_rows
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()  # _sla_policy_rows
        return res

    def _assert_duration(self, minutes, warning_percent, vals=None):
        name = (vals or {}).get("name") or self.name or ""
        try:
            minutes = int(minutes or 0)
            warning_percent = int(warning_percent or 0)
        except (TypeError, ValueError):
            minutes = warning_percent = 0
        if minutes <= 0:
            raise ValidationError(
                _(
                    "The duration of SLA policy %(policy)s must be more than "
                    "zero minutes.",
                    policy=name,
                )
            )
        if minutes > MAX_DURATION_MINUTES:
            raise ValidationError(
                _(
                    "The duration of SLA policy %(policy)s is %(minutes)s minutes, "
                    "more than a year: give at most %(max)s minutes.",
                    policy=name,
                    minutes=minutes,
                    max=MAX_DURATION_MINUTES,
                )
            )
        if not 0 < warning_percent < 100:
            raise ValidationError(
                _(
                    "The warning threshold of SLA policy %(policy)s must be "
                    "between 1 %% and 99 %% of its duration.",
                    policy=name,
                )
            )

    @api.model
    def _sla_model_names(self):
        """The models that have SLA timers: those inheriting the mixin."""
        registry = self.env.registry
        names = set()
        todo = [SLA_MIXIN]
        while todo:
            for child in registry[todo.pop()]._inherit_children:
                if child not in names and child != SLA_MIXIN:
                    names.add(child)
                    todo.append(child)
        return sorted(
            name
            for name in names
            if not registry[name]._abstract and not registry[name]._transient
        )

    def _get_domain(self):
        """The domain a record must match, conditions included."""
        self.ensure_one()
        domain = list(safe_eval(self.domain or "[]"))
        if self.service_type_ids:
            domain.append(("service_type_id", "in", self.service_type_ids.ids))
        if self.severity:
            domain.append(("severity", "=", self.severity))
        if self.team_ids:
            domain.append(("team_id", "in", self.team_ids.ids))
        return domain

    def _filter_matching(self, records):
        """Return the records of ``records`` this policy applies to."""
        self.ensure_one()
        return records.filtered_domain(self._get_domain())

    @api.model
    @tools.ormcache("model_name")
    def _sla_policy_rows(self, model_name):
        """The active policies of ``model_name`` in order, every company's,
        as ``PolicyRow``: read once, then from the cache until a policy or
        a clock changes."""
        # sudo: the engine applies every policy, whoever triggers it
        policies = self.sudo().search([("model_name", "=", model_name)])
        return tuple(
            PolicyRow(
                policy.id,
                policy.sequence,
                policy.clock_id.id,
                policy.clock_id.code,
                policy.company_id.id,
                tuple(policy._get_domain()),
                policy.duration_minutes,
                policy.warning_percent,
                policy.count_from,
                policy.calendar_id.id,
            )
            for policy in policies
        )
