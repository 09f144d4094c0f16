from odoo import _, api, fields, models
from odoo.exceptions import UserError

LINE_CHANNELS = [
    ("email", "E-mail"),
    ("letter", "Letter / Fax"),
    ("web", "Web"),
]
LINE_STATES = [
    ("to_invite", "To Invite"),
    ("invited", "Invited"),
    ("answered", "Answered"),
]


class SunshineSurveyCampaignLine(models.Model):
    """A customer of a satisfaction survey campaign: how they are asked,
    their survey answer (which points back to this line) and its score."""

    _name = "sunshine.survey.campaign.line"
    _description = "Satisfaction Survey Customer"
    _inherit = ["mail.thread", "sunshine.protected.fields.mixin"]
    _order = "campaign_id desc, id"
    _rec_name = "partner_id"
    _sunshine_protected_fields = (
        "state",
        "invited_date",
        "answered_date",
        "user_input_id",
        "satisfaction_score",
        "follow_up_issue_id",
    )

    campaign_id = fields.Many2one(
        "sunshine.survey.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    period_start = fields.Date(
        related="campaign_id.period_start", store=True, string="Quarter"
    )
    period_name = fields.Char(related="campaign_id.period_name", store=True)
    theme = fields.Char(related="campaign_id.theme", store=True, string="Topic")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True
    )
    email = fields.Char(related="partner_id.email")
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Local Office",
        compute="_compute_team_id",
        store=True,
        index=True,
    )
    channel = fields.Selection(LINE_CHANNELS, required=True, default="email")
    state = fields.Selection(
        LINE_STATES, default="to_invite", required=True, readonly=True, index=True
    )
    invited_date = fields.Datetime(string="Invited On", readonly=True, copy=False)
    answered_date = fields.Datetime(string="Answered On", readonly=True, copy=False)
    user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Answer", readonly=True, copy=False
    )
    survey_url = fields.Char(string="Survey Link", compute="_compute_survey_url")
    satisfaction_score = fields.Float(
        string="Satisfaction", readonly=True, aggregator="avg", copy=False
    )
    response_rate = fields.Float(
        string="Response Rate (%)",
        compute="_compute_response_rate",
        store=True,
        aggregator="avg",
        help="100 for a customer who answered, 0 otherwise: averaged, the "
        "response rate of the customers grouped.",
    )
    follow_up_issue_id = fields.Many2one(
        "sunshine.callback.issue", string="Follow-up", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "campaign_partner_uniq",
            "unique(campaign_id, partner_id)",
            "This customer is in the campaign already: asked once a quarter.",
        ),
    ]

    @api.depends("partner_id.commercial_partner_id.sunshine_callback_team_id")
    def _compute_team_id(self):
        for line in self:
            line.team_id = (
                line.partner_id.commercial_partner_id.sunshine_callback_team_id
            )

    @api.depends("state")
    def _compute_response_rate(self):
        for line in self:
            line.response_rate = 100.0 if line.state == "answered" else 0.0

    def _compute_survey_url(self):
        for line in self:
            # sudo: the link of the line's own answer, to give the customer
            answer = line.sudo().user_input_id
            line.survey_url = (
                answer.survey_id.get_base_url() + answer.get_start_url()
                if answer
                else False
            )

    def _sunshine_answer(self, keyed_in=False):
        """The line's survey answer, created once: the customer's, or, for
        an answer that staff key in from a letter or fax, the staff
        member's (the survey's pages take an answer of the user logged in
        only); the line names the customer either way."""
        self.ensure_one()
        if not self.user_input_id:
            who = {"user": self.env.user} if keyed_in else {"partner": self.partner_id}
            # sudo: staff of the campaign invite customers who are no users;
            # the answer is the line's, for its customer only
            answer = self.campaign_id.survey_id.sudo()._create_answer(
                check_attempts=False,
                sunshine_campaign_line_id=self.id,
                **who,
            )
            self._sunshine_as_action().user_input_id = answer
        return self.user_input_id

    def _sunshine_invite(self):
        """Invite these lines, each once: a line invited already is skipped,
        so rerunning the invitations invites nobody twice."""
        now = fields.Datetime.now()
        for line in self.filtered(lambda line: line.state == "to_invite"):
            line._sunshine_answer()
            if line.channel == "email":
                if not line.partner_id.email:
                    raise UserError(
                        _(
                            "%s has no e-mail address: invite them by letter or "
                            "fax instead.",
                            line.partner_id.display_name,
                        )
                    )
                template = line.campaign_id.mail_template_id
                if template:
                    template.send_mail(
                        line.id, email_layout_xmlid="mail.mail_notification_light"
                    )
            line._sunshine_as_action().write({"state": "invited", "invited_date": now})

    def action_key_in(self):
        """Key in the answer a customer sent by letter or fax: opens the
        line's own survey answer."""
        self.ensure_one()
        if self.state == "answered":
            raise UserError(_("%s answered already.", self.partner_id.display_name))
        answer = self._sunshine_answer(keyed_in=True)
        if self.state == "to_invite":
            self._sunshine_as_action().write(
                {"state": "invited", "invited_date": fields.Datetime.now()}
            )
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": answer.sudo().get_start_url(),
        }

    def _sunshine_answered(self, answer):
        """The survey answer is complete: its mean score, and a follow-up
        when it is below the campaign's threshold. Only the line's own
        answer scores it, once: another answer that points to the line is
        ignored."""
        for line in self:
            if answer != line.user_input_id or line.state == "answered":
                continue
            scores = [
                answer_line.answer_score
                for answer_line in answer.user_input_line_ids
                if answer_line.suggested_answer_id and answer_line.answer_score > 0
            ]
            score = round(sum(scores) / len(scores), 2) if scores else 0.0
            line._sunshine_as_action().write(
                {
                    "state": "answered",
                    "answered_date": fields.Datetime.now(),
                    "satisfaction_score": score,
                }
            )
            if (
                score
                and score < line.campaign_id.threshold
                and not line.follow_up_issue_id
            ):
                line._sunshine_open_follow_up()

    def _sunshine_open_follow_up(self):
        self.ensure_one()
        # sudo: the follow-up is opened by the customer's answer, whoever
        # submitted it (the customer on the web, or staff keying it in)
        issue = (
            self.env["sunshine.callback.issue"]
            .sudo()
            ._sunshine_as_action()
            .create(
                {
                    "title": _(
                        "Low satisfaction (%(score)s) in survey %(campaign)s",
                        score=self.satisfaction_score,
                        campaign=self.campaign_id.name,
                    ),
                    "source": "survey",
                    "campaign_line_id": self.id,
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.id,
                    "department_id": self.campaign_id.department_id.id,
                    "user_id": False,
                }
            )
        )
        self._sunshine_as_action().follow_up_issue_id = issue
        return issue
