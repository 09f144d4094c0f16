from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .sunshine_service_type import SEVERITIES

# Condition fields of a policy and the field each needs on the target model.
CONDITION_FIELDS = {
    "service_type_ids": "service_type_id",
    "severity": "severity",
    "team_ids": "team_id",
}


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
        domain=[("model", "in", ["helpdesk.ticket"])],
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
        string="Duration (minutes)", required=True, tracking=True
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
            if policy.duration_minutes <= 0:
                raise ValidationError(
                    _(
                        "The duration of SLA policy %(policy)s must be more than "
                        "zero minutes.",
                        policy=policy.name,
                    )
                )
            if not 0 < policy.warning_percent < 100:
                raise ValidationError(
                    _(
                        "The warning threshold of SLA policy %(policy)s must be "
                        "between 1 %% and 99 %% of its duration.",
                        policy=policy.name,
                    )
                )

    @api.constrains("model_id", "service_type_ids", "severity", "team_ids", "domain")
    def _check_conditions(self):
        for policy in self:
            Model = self.env.get(policy.model_name)
            if Model is None or "sla_timer_ids" not in Model._fields:
                raise ValidationError(
                    _("%(model)s does not have SLA timers.", model=policy.model_id.name)
                )
            for condition, target in CONDITION_FIELDS.items():
                if policy[condition] and target not in Model._fields:
                    raise ValidationError(
                        _(
                            "Policy %(policy)s filters on %(condition)s, which "
                            "%(model)s does not have. Clear that condition.",
                            policy=policy.name,
                            condition=policy._fields[condition].string,
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
