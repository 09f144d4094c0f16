from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sunshine_callback_rule import (
    china_day_start,
    period_end,
    period_label,
    period_start,
)
from .sunshine_complaint import SATISFACTION_SCALE

CAMPAIGN_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("closed", "Closed"),
]


class SunshineSurveyCampaign(models.Model):
    """The quarterly satisfaction survey (服务质量测评): one campaign per
    quarter with its theme and its Odoo survey, and a line per active
    customer (with equipment or tickets in the quarter) saying how they are
    asked: e-mail with the survey's token link, letter or fax keyed in by
    staff, or the web. Rerunning the invitations never invites a line twice.
    """

    _name = "sunshine.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "sunshine.protected.fields.mixin"]
    _order = "period_start desc, id desc"
    _sunshine_protected_fields = ("state",)

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period_start = fields.Date(
        string="Quarter",
        required=True,
        default=lambda self: period_start("quarter", fields.Date.context_today(self)),
        tracking=True,
        help="Any day of the quarter; kept as its first day.",
    )
    period_name = fields.Char(
        string="Quarter Name", compute="_compute_name", store=True
    )
    theme = fields.Char(required=True, tracking=True, translate=False)
    survey_id = fields.Many2one("survey.survey", required=True)
    threshold = fields.Float(
        string="Follow-up Below",
        default=3.0,
        required=True,
        help="An answer whose mean score is below this opens a follow-up for "
        "the responsible department.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        required=True,
        help="Receives the follow-ups of the low scores.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Invitation Template",
        domain=[("model", "=", "sunshine.survey.campaign.line")],
        default=lambda self: self.env.ref(
            "sunshine_quality.mail_template_survey_campaign_invitation",
            raise_if_not_found=False,
        ),
    )
    state = fields.Selection(
        CAMPAIGN_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    line_ids = fields.One2many(
        "sunshine.survey.campaign.line", "campaign_id", "Customers"
    )
    line_count = fields.Integer(compute="_compute_figures")
    answered_count = fields.Integer(compute="_compute_figures")
    response_rate = fields.Float(string="Response Rate (%)", compute="_compute_figures")
    mean_score = fields.Float(string="Mean Satisfaction", compute="_compute_figures")

    _sql_constraints = [
        (
            "quarter_uniq",
            "unique(company_id, period_start)",
            "A satisfaction survey campaign of this quarter exists already.",
        ),
    ]

    @api.depends("period_start", "theme")
    def _compute_name(self):
        for campaign in self:
            campaign.period_name = (
                period_label("quarter", campaign.period_start)
                if campaign.period_start
                else False
            )
            campaign.name = " ".join(
                part for part in (campaign.period_name, campaign.theme) if part
            )

    @api.depends("line_ids.state", "line_ids.satisfaction_score")
    def _compute_figures(self):
        for campaign in self:
            lines = campaign.line_ids
            answered = lines.filtered(lambda line: line.state == "answered")
            scored = answered.filtered("satisfaction_score")
            campaign.line_count = len(lines)
            campaign.answered_count = len(answered)
            campaign.response_rate = (
                round(100.0 * len(answered) / len(lines), 2) if lines else 0.0
            )
            campaign.mean_score = (
                round(sum(scored.mapped("satisfaction_score")) / len(scored), 2)
                if scored
                else 0.0
            )

    @api.constrains("threshold")
    def _check_threshold(self):
        low, high = SATISFACTION_SCALE
        for campaign in self:
            if not low <= campaign.threshold <= high:
                raise ValidationError(
                    _(
                        "The follow-up threshold is a score from %(low)s to %(high)s.",
                        low=low,
                        high=high,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("period_start"):
                vals["period_start"] = period_start(
                    "quarter", fields.Date.to_date(vals["period_start"])
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("period_start"):
            if self.line_ids:
                raise UserError(
                    _("The quarter of a campaign with customers cannot change.")
                )
            vals["period_start"] = period_start(
                "quarter", fields.Date.to_date(vals["period_start"])
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _active_customers(self):
        """The commercial partners with equipment delivered by the end of
        the quarter, or with tickets reported in it (China's days)."""
        self.ensure_one()
        end = period_end("quarter", self.period_start)
        lots = (
            self.env["stock.lot"]
            .sudo()
            ._read_group(
                [
                    ("customer_id", "!=", False),
                    ("company_id", "in", [self.company_id.id, False]),
                    "|",
                    ("delivery_date", "=", False),
                    ("delivery_date", "<=", end),
                ],
                ["customer_id"],
            )
        )
        partners = self.env["res.partner"].union(*(row[0] for row in lots))
        start_dt = china_day_start(self.period_start)
        end_dt = china_day_start(end + relativedelta(days=1))
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("partner_id", "!=", False),
                    ("create_date", ">=", start_dt),
                    ("create_date", "<", end_dt),
                ],
                ["partner_id"],
            )
        )
        partners |= self.env["res.partner"].union(*(row[0] for row in tickets))
        return partners.commercial_partner_id.filtered("active")

    def action_generate_lines(self):
        """One line per active customer not in the campaign yet."""
        self.ensure_one()
        if self.state == "closed":
            raise UserError(_("Campaign %s is closed.", self.name))
        existing = set(self.line_ids.partner_id.ids)
        customers = self._active_customers().filtered(lambda p: p.id not in existing)
        self.env["sunshine.survey.campaign.line"].create(
            [
                {
                    "campaign_id": self.id,
                    "partner_id": partner.id,
                    "channel": "email" if partner.email else "letter",
                }
                for partner in customers.sorted("id")
            ]
        )
        if self.state == "draft":
            self._sunshine_as_action().state = "running"
        return True

    def action_send_invitations(self):
        """Invite the e-mail and web lines not invited yet: each gets its
        own survey answer (token link) and, by e-mail, the invitation."""
        self.ensure_one()
        if self.state != "running":
            raise UserError(
                _("Add the customers of campaign %s before inviting them.", self.name)
            )
        lines = self.line_ids.filtered(
            lambda line: line.state == "to_invite" and line.channel in ("email", "web")
        )
        lines._sunshine_invite()
        return True

    def action_close(self):
        self.ensure_one()
        self._sunshine_as_action().state = "closed"
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sunshine_quality.sunshine_survey_campaign_line_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action
