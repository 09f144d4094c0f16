from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import parse_read_group_spec
from odoo.tools import SQL, html2plaintext

from odoo.addons.sunshine_helpdesk.models.sunshine_service_type import SEVERITIES

COMPLAINT_STATES = [
    ("received", "Received"),
    ("in_progress", "In Progress"),
    ("awaiting_approval", "Awaiting Approval"),
    ("carrying_out", "Carrying Out"),
    ("close_requested", "Closure Requested"),
    ("closed", "Closed"),
]
# The states in which the complaint waits for the customer.
AWAITING_CUSTOMER_STATES = ("awaiting_approval", "close_requested")
CHANNELS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("portal", "Portal"),
    ("letter", "Letter / Fax"),
    ("visit", "In Person"),
    ("callback", "Phone Callback"),
    ("survey", "Satisfaction Survey"),
]
# How staff reach the customer, and how the customer answers.
CONTACT_CHANNELS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("portal", "Portal"),
    ("letter", "Letter / Fax"),
    ("visit", "In Person"),
]
# A complaint's severity uses the keys of the ticket severities, so that the
# SLA policies' severity condition applies to complaints too.
COMPLAINT_SEVERITIES = [item for item in SEVERITIES if item[0] != "consultation"]
SLA_RESULTS = [
    ("pending", "Pending"),
    ("on_time", "On Time"),
    ("late", "Late"),
]
# The share of complaints on time: averaged over those whose clock is decided
# (on time or late), not over those still pending.
SLA_RATE_FIELDS = {
    "reply_on_time_rate": "reply_sla",
    "opinion_on_time_rate": "opinion_sla",
    "solved_in_time_rate": "resolution_sla",
}
# Averages of durations and rates that have no value until it happened.
NULLABLE_AGGREGATES = {
    *(f"{name}:avg" for name in SLA_RATE_FIELDS),
    "reply_hours:avg",
    "opinion_hours:avg",
    "resolution_days:avg",
}
REPLY_CLOCK = "complaint_reply"
RESOLUTION_CLOCK = "complaint_resolution"
SATISFACTION = [
    ("satisfied", "Satisfied"),
    ("not_satisfied", "Not Satisfied"),
]
# The satisfaction scale of the quality loop: 1 (very dissatisfied) to 5
# (very satisfied); 0 when the customer gave no score.
SATISFACTION_SCALE = (1, 5)


def hours_between(start, end):
    """Elapsed hours from ``start`` to ``end``, rounded to the minute."""
    return round((end - start).total_seconds() / 3600.0, 2)


def check_satisfaction_score(env, score):
    """Refuse a satisfaction score outside the scale; 0 means none given."""
    low, high = SATISFACTION_SCALE
    if score and not low <= score <= high:
        raise ValidationError(
            env._(
                "A satisfaction score is from %(low)s to %(high)s; %(score)s is "
                "outside the scale.",
                low=low,
                high=high,
                score=score,
            )
        )


class SunshineComplaint(models.Model):
    """A customer complaint (投诉), from intake to the customer's satisfaction.

    The quality desk receives it from any channel, sends tracking forms
    (投诉跟踪单) to the departments concerned, proposes a solution that the
    customer approves, and closes it only when the customer, asked after the
    departments requested closure, says they are satisfied. Three clocks of
    the SLA engine run: the first reply (2 hours), the departments' opinions
    (2 hours, on each tracking form) and the resolution (15 days, from
    receipt, never restarted by a reopen).
    """

    _name = "sunshine.complaint"
    _description = "Complaint"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "sunshine.sla.mixin",
    ]
    _order = "received_date desc, id desc"
    _sla_reference_field = "received_date"
    _sunshine_protected_fields = (
        "state",
        "first_reply_date",
        "reply_hours",
        "reply_sla",
        "first_opinion_date",
        "opinion_hours",
        "opinion_sla",
        "approved_proposal_id",
        "approval_partner_id",
        "approval_date",
        "approval_channel",
        "close_requested_date",
        "first_close_date",
        "close_date",
        "resolution_days",
        "resolution_sla",
        "reopen_count",
        "satisfaction",
        "satisfaction_score",
        "reply_on_time_rate",
        "opinion_on_time_rate",
        "solved_in_time_rate",
        "reopened_rate",
        "satisfied_rate",
    )

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
        index="trigram",
    )
    subject = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The customer's company (commercial entity).",
    )
    contact_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        domain="[('commercial_partner_id', '=', partner_id)]",
        help="The person who complained; replies go to them.",
    )
    contact_phone = fields.Char(related="contact_id.phone", string="Phone")
    contact_email = fields.Char(related="contact_id.email", string="E-mail")
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True)
    received_date = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        copy=False,
        index=True,
        help="When the complaint reached the company; the reply and resolution "
        "clocks count from it.",
    )
    category_id = fields.Many2one(
        "sunshine.complaint.category", index=True, tracking=True
    )
    severity = fields.Selection(
        COMPLAINT_SEVERITIES, required=True, default="minor", tracking=True
    )
    description = fields.Html()
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Service Ticket", index="btree_not_null"
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        index="btree_not_null",
        domain="[('customer_id', 'child_of', partner_id)]",
    )
    product_categ_id = fields.Many2one("product.category", string="Product Line")
    user_id = fields.Many2one(
        "res.users",
        string="Quality Officer",
        index=True,
        tracking=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("sunshine_quality.group_quality_user").id)
        ],
        help="Who at the complaint desk follows the complaint through.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Main Department",
        index=True,
        tracking=True,
        help="The department mainly responsible; statistics count the complaint "
        "for it. The first tracking form sets it when it is empty.",
    )
    state = fields.Selection(
        COMPLAINT_STATES,
        required=True,
        default="received",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    tracking_ids = fields.One2many(
        "sunshine.complaint.tracking", "complaint_id", string="Tracking Forms"
    )
    tracking_count = fields.Integer(compute="_compute_tracking_count")
    proposal_ids = fields.One2many(
        "sunshine.complaint.proposal",
        "complaint_id",
        string="Proposed Solutions",
        readonly=True,
    )
    pending_proposal_id = fields.Many2one(
        "sunshine.complaint.proposal",
        compute="_compute_pending_proposal_id",
        string="Proposal Awaiting the Customer",
    )
    approved_proposal_id = fields.Many2one(
        "sunshine.complaint.proposal",
        string="Approved Solution",
        readonly=True,
        copy=False,
    )
    approval_partner_id = fields.Many2one(
        related="approved_proposal_id.decided_partner_id", string="Approved By"
    )
    approval_date = fields.Datetime(
        related="approved_proposal_id.decision_date", string="Approved On"
    )
    approval_channel = fields.Selection(
        related="approved_proposal_id.decision_channel", string="Approved Through"
    )
    verification_ids = fields.One2many(
        "sunshine.complaint.verification",
        "complaint_id",
        string="Verifications",
        readonly=True,
    )
    action_ids = fields.One2many(
        "sunshine.quality.action", "complaint_id", string="Improvement Measures"
    )
    nonconformity_ids = fields.One2many(
        "sunshine.nonconformity", "complaint_id", string="Nonconformities"
    )
    nonconformity_count = fields.Integer(compute="_compute_nonconformity_count")

    # Milestones and durations, stored when they happen.
    first_reply_date = fields.Datetime(
        string="First Reply", readonly=True, copy=False, tracking=True
    )
    reply_hours = fields.Float(
        string="Reply Time (hours)", readonly=True, copy=False, aggregator="avg"
    )
    reply_sla = fields.Selection(
        SLA_RESULTS,
        string="Reply SLA",
        default="pending",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    first_opinion_date = fields.Datetime(
        string="First Opinion", readonly=True, copy=False
    )
    opinion_hours = fields.Float(
        string="Opinion Time (hours)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="The longest time a department took to return its handling opinion.",
    )
    opinion_sla = fields.Selection(
        SLA_RESULTS,
        string="Opinion SLA",
        default="pending",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    close_requested_date = fields.Datetime(
        string="Closure Requested On", readonly=True, copy=False
    )
    first_close_date = fields.Datetime(
        string="First Closure",
        readonly=True,
        copy=False,
        help="When the departments first requested closure. A reopened complaint "
        "keeps this date; the final closure is recorded apart.",
    )
    close_date = fields.Datetime(
        string="Final Closure",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the customer confirmed being satisfied.",
    )
    resolution_days = fields.Float(
        string="Days to Solve",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="From receipt to the customer's satisfaction, in calendar days.",
    )
    resolution_sla = fields.Selection(
        SLA_RESULTS,
        string="Resolution SLA",
        default="pending",
        required=True,
        readonly=True,
        copy=False,
        index=True,
    )
    reopen_count = fields.Integer(
        string="Reopened", readonly=True, copy=False, aggregator="sum"
    )
    satisfaction = fields.Selection(
        SATISFACTION,
        readonly=True,
        copy=False,
        help="The customer's answer at the last verification.",
    )
    satisfaction_score = fields.Integer(
        readonly=True, copy=False, aggregator="avg", help="From 1 to 5."
    )
    # 100 or 0 for each complaint; grouped, the SLA rates average over the
    # complaints whose clock is decided (see _read_group_select).
    reply_on_time_rate = fields.Float(
        string="Replied On Time (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )
    opinion_on_time_rate = fields.Float(
        string="Opinions On Time (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )
    solved_in_time_rate = fields.Float(
        string="Solved in 15 Days (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )
    reopened_rate = fields.Float(
        string="Reopened (%)", compute="_compute_rates", store=True, aggregator="avg"
    )
    satisfied_rate = fields.Float(
        string="Closed Satisfied (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
    )

    # Due times of the three clocks, for the form and the portal.
    reply_deadline = fields.Datetime(string="Reply Due", compute="_compute_deadlines")
    opinion_deadline = fields.Datetime(
        string="Opinion Due",
        compute="_compute_deadlines",
        help="The nearest due time of the tracking forms waiting for an opinion.",
    )
    resolution_deadline = fields.Datetime(
        string="Resolution Due", compute="_compute_deadlines"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("tracking_ids")
    def _compute_tracking_count(self):
        counts = dict(
            self.env["sunshine.complaint.tracking"]._read_group(
                [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"]
            )
        )
        for complaint in self:
            complaint.tracking_count = counts.get(complaint, 0)

    @api.depends("nonconformity_ids")
    def _compute_nonconformity_count(self):
        counts = dict(
            self.env["sunshine.nonconformity"]._read_group(
                [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"]
            )
        )
        for complaint in self:
            complaint.nonconformity_count = counts.get(complaint, 0)

    @api.depends("proposal_ids.state")
    def _compute_pending_proposal_id(self):
        for complaint in self:
            complaint.pending_proposal_id = complaint.proposal_ids.filtered(
                lambda p: p.state == "proposed"
            )[:1]

    @api.depends("reply_sla", "opinion_sla", "resolution_sla", "reopen_count", "state")
    def _compute_rates(self):
        def rate(result):
            return 100.0 if result == "on_time" else 0.0

        for complaint in self:
            complaint.reply_on_time_rate = rate(complaint.reply_sla)
            complaint.opinion_on_time_rate = rate(complaint.opinion_sla)
            complaint.solved_in_time_rate = rate(complaint.resolution_sla)
            complaint.reopened_rate = 100.0 if complaint.reopen_count else 0.0
            complaint.satisfied_rate = 100.0 if complaint.state == "closed" else 0.0

    @api.depends("sla_timer_ids.deadline", "sla_timer_ids.state", "tracking_ids.state")
    def _compute_deadlines(self):
        # sudo: the due times are shown to whoever reads the complaint (the
        # customer too); the timers themselves are the engine's
        forms = self.sudo().tracking_ids.filtered(lambda t: t.state == "sent")
        opinion_timers = forms._sla_open_timers()
        for complaint in self:
            timers = {t.clock_id.code: t for t in complaint._sla_timers()}
            reply = timers.get(REPLY_CLOCK)
            resolution = timers.get(RESOLUTION_CLOCK)
            complaint.reply_deadline = reply.deadline if reply else False
            complaint.resolution_deadline = resolution.deadline if resolution else False
            own = opinion_timers.filtered(
                lambda t, c=complaint: t.res_id in c.sudo().tracking_ids.ids
            )
            complaint.opinion_deadline = min(own.mapped("deadline"), default=False)

    def _read_group_select(self, aggregate_spec, query):
        """The average of an SLA rate counts the complaints whose clock is
        decided only: a reply still due is neither on time nor late."""
        fname, __, func = parse_read_group_spec(aggregate_spec)
        if func != "avg" or fname not in SLA_RATE_FIELDS:
            return super()._read_group_select(aggregate_spec, query)
        result = self._field_to_sql(self._table, SLA_RATE_FIELDS[fname], query)
        return SQL(
            "AVG(CASE WHEN %(result)s = 'on_time' THEN 100.0 "
            "WHEN %(result)s = 'late' THEN 0.0 END)",
            result=result,
        )

    def _read_group_empty_value(self, spec):
        # no decided clock, no closed complaint: no figure, rather than 0
        if spec in NULLABLE_AGGREGATES:
            return None
        return super()._read_group_empty_value(spec)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"
        return res

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("received_date")
    def _check_received_date(self):
        now = fields.Datetime.now()
        for complaint in self:
            if complaint.received_date > now:
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s cannot be received in the future: "
                        "enter when it reached us.",
                        complaint=complaint.name,
                    )
                )

    @api.constrains("partner_id", "contact_id")
    def _check_contact(self):
        for complaint in self:
            if (
                complaint.contact_id
                and complaint.contact_id.commercial_partner_id != complaint.partner_id
            ):
                raise ValidationError(
                    _(
                        "%(contact)s does not belong to %(customer)s: choose a "
                        "contact of the customer.",
                        contact=complaint.contact_id.display_name,
                        customer=complaint.partner_id.display_name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        partner = self.partner_id
        if partner and partner.commercial_partner_id != partner:
            self.contact_id = partner
            self.partner_id = partner.commercial_partner_id
        elif self.contact_id.commercial_partner_id != partner:
            self.contact_id = False

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        if self.lot_id and not self.product_categ_id:
            self.product_categ_id = self.lot_id.product_id.categ_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _normalise_customer(self, vals):
        """The customer is always the commercial entity; a contact given as
        customer becomes the contact."""
        if not vals.get("partner_id"):
            return vals
        partner = self.env["res.partner"].browse(vals["partner_id"])
        commercial = partner.commercial_partner_id
        if commercial != partner:
            vals["partner_id"] = commercial.id
            if not vals.get("contact_id"):
                vals["contact_id"] = partner.id
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        self._sunshine_assert_unprotected([name for vals in vals_list for name in vals])
        for vals in vals_list:
            if not vals.get("partner_id"):
                raise ValidationError(
                    _(
                        "A complaint needs the customer who made it: choose the "
                        "customer or their contact."
                    )
                )
            self._normalise_customer(vals)
            if vals.get("lot_id") and not vals.get("product_categ_id"):
                # sudo: the product line of the unit complained about; portal
                # customers and service agents may not read every serial
                lot = self.env["stock.lot"].sudo().browse(vals["lot_id"])
                vals["product_categ_id"] = lot.product_id.categ_id.id
            if not vals.get("contact_id"):
                vals["contact_id"] = vals["partner_id"]
            # sudo: the number is the company's sequence, whoever records it
            received = fields.Datetime.to_datetime(vals.get("received_date"))
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code(
                "sunshine.complaint",
                sequence_date=(received or fields.Datetime.now()).date(),
            ) or _("New")
        complaints = super().create(vals_list)
        for complaint in complaints:
            # sudo: replies go to the customer's contact, whoever recorded
            # the complaint (a service agent may not edit it afterwards)
            complaint.sudo().message_subscribe(partner_ids=complaint.contact_id.ids)
        complaints._sla_start([REPLY_CLOCK, RESOLUTION_CLOCK])
        return complaints

    def write(self, vals):
        if "active" in vals and not self.env.user.has_group(
            "sunshine_quality.group_quality_manager"
        ):
            raise AccessError(
                _("Only a quality manager archives or restores complaints.")
            )
        # the loop writes its stamps as an action; a manager still archives
        closed = self.filtered(lambda complaint: complaint.state == "closed")
        if (
            closed
            and set(vals) - {"active"}
            and not self.env.su
            and not self._sunshine_writes_protected()
        ):
            raise UserError(
                _(
                    "Complaint %s is closed: it is kept as it was closed.",
                    closed[0].name,
                )
            )
        if "received_date" in vals and not self._sunshine_writes_protected():
            raise UserError(
                _(
                    "The date a complaint was received starts its clocks and "
                    "cannot be changed once it is recorded."
                )
            )
        if "partner_id" in vals:
            vals = self._normalise_customer(dict(vals))
        res = super().write(vals)
        if "contact_id" in vals:
            for complaint in self:
                complaint.message_subscribe(partner_ids=complaint.contact_id.ids)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if self:
            raise UserError(
                _(
                    "A complaint is never deleted once received. A quality "
                    "manager can archive it."
                )
            )

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------
    def _mail_get_partner_fields(self, introspect_fields=False):
        return ["contact_id"]

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the complaint alias: a complaint of the sender's
        company. The alias accepts known partners only, so there is always
        a sender."""
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        if not author:
            raise ValidationError(
                _("A complaint by e-mail needs a sender known as a customer.")
            )
        values = dict(custom_values or {})
        values.update(
            {
                "subject": msg_dict.get("subject") or _("Complaint by e-mail"),
                "description": msg_dict.get("body"),
                "channel": "email",
                "partner_id": author.commercial_partner_id.id,
                "contact_id": author.id,
            }
        )
        return super().message_new(msg_dict, custom_values=values)

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        if self._is_reply_to_customer(message):
            self._log_reply(message.date or fields.Datetime.now())
        return res

    def _is_reply_to_customer(self, message):
        """A message of the staff that the customer receives: a discussion
        message (not an internal note) by an internal user, with the
        customer among its recipients or the complaint's followers."""
        self.ensure_one()
        if self.first_reply_date or message.message_type != "comment":
            return False
        if not message.subtype_id or message.subtype_id.internal:
            return False
        author_users = message.author_id.user_ids
        if not author_users or all(user.share for user in author_users):
            return False
        recipients = message.partner_ids | self.message_partner_ids
        return any(
            partner.commercial_partner_id == self.partner_id for partner in recipients
        )

    # ------------------------------------------------------------------
    # Actions (buttons)
    # ------------------------------------------------------------------
    def _open_wizard(self, model, name, **context):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id, **context},
        }

    def action_open_tracking_wizard(self):
        self.ensure_one()
        return self._open_wizard(
            "sunshine.complaint.tracking.wizard", _("Send Tracking Form")
        )

    def action_open_proposal_wizard(self):
        self.ensure_one()
        return self._open_wizard(
            "sunshine.complaint.proposal.wizard", _("Propose a Solution")
        )

    def action_open_contact_wizard(self):
        self.ensure_one()
        kind = self.env.context.get("contact_kind", "reply")
        names = {
            "reply": _("Record a Reply"),
            "decision": _("Record the Customer's Decision"),
            "verification": _("Verify with the Customer"),
        }
        return self._open_wizard(
            "sunshine.complaint.contact.wizard", names[kind], default_kind=kind
        )

    def action_view_tracking_forms(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Tracking Forms"),
            "res_model": "sunshine.complaint.tracking",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id},
        }

    def action_raise_nonconformity(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Nonconformity"),
            "res_model": "sunshine.nonconformity",
            "view_mode": "form",
            "context": {
                "default_source": "complaint",
                "default_complaint_id": self.id,
                "default_title": self.subject,
                "default_partner_id": self.partner_id.id,
                "default_lot_id": self.lot_id.id,
                "default_product_categ_id": self.product_categ_id.id,
                "default_department_id": self.department_id.id,
                "default_description": self.description,
            },
        }

    def action_view_nonconformities(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Nonconformities"),
            "res_model": "sunshine.nonconformity",
            "view_mode": "list,form",
            "domain": [("complaint_id", "=", self.id)],
            "context": {"default_complaint_id": self.id, "default_source": "complaint"},
        }

    # ------------------------------------------------------------------
    # The loop (called by the wizards, the tracking forms and the portal)
    # ------------------------------------------------------------------
    def _assert_state(self, states, message):
        for complaint in self:
            if complaint.state not in states:
                raise UserError(message % {"complaint": complaint.name})

    def _write_stamps(self, values):
        """Write fields that only the loop sets."""
        return self._sunshine_as_action().write(values)

    def _clock_result(self, clock_code, when):
        """on_time or late for the clock ``clock_code`` reached at ``when``;
        False when the clock does not run on this complaint."""
        self.ensure_one()
        timer = self._sla_timers().filtered(lambda t: t.clock_id.code == clock_code)
        if not timer:
            return False
        late = timer.state == "breached" or when > timer.deadline
        return "late" if late else "on_time"

    def _log_reply(self, when):
        """The customer received the first reply: stop the reply clock."""
        for complaint in self.filtered(lambda c: not c.first_reply_date):
            when = max(when, complaint.received_date)
            complaint._sla_stop([REPLY_CLOCK], when=when)
            values = {
                "first_reply_date": when,
                "reply_hours": hours_between(complaint.received_date, when),
            }
            result = complaint._clock_result(REPLY_CLOCK, when)
            if result:
                values["reply_sla"] = result
            complaint._write_stamps(values)

    def _tracking_sent(self, forms):
        """Tracking forms went out: the complaint is being handled."""
        for complaint in self:
            values = {}
            if complaint.state == "received":
                values["state"] = "in_progress"
            if values:
                complaint._write_stamps(values)
            if not complaint.department_id:
                complaint.department_id = forms.filtered(
                    lambda f, c=complaint: f.complaint_id == c
                )[:1].department_id

    def _update_opinion_stats(self):
        """The opinions' result and time, from the complaint's tracking forms:
        late as soon as one is late, on time once every sent form returned
        its opinion on time."""
        for complaint in self:
            forms = complaint.tracking_ids.filtered(
                lambda f: f.state not in ("draft", "cancelled")
            )
            returned = forms.filtered("opinion_date")
            values = {
                "first_opinion_date": min(
                    returned.mapped("opinion_date"), default=False
                ),
                "opinion_hours": max(returned.mapped("opinion_hours"), default=0.0),
            }
            if any(f.opinion_sla == "late" for f in forms):
                values["opinion_sla"] = "late"
            elif forms and all(f.opinion_sla == "on_time" for f in forms):
                values["opinion_sla"] = "on_time"
            else:
                values["opinion_sla"] = "pending"
            if any(complaint[name] != value for name, value in values.items()):
                complaint._write_stamps(values)

    def _propose(self, description, send_to_customer=False):
        """Propose a solution to the customer, built on the departments'
        opinions; the customer approves or refuses it."""
        self.ensure_one()
        self._assert_state(
            ("in_progress",),
            _(
                "Complaint %(complaint)s cannot receive a proposal now: a "
                "solution is proposed while the complaint is in progress, after "
                "the departments' opinions and before the customer approved one."
            ),
        )
        if not self.tracking_ids.filtered("opinion_date"):
            raise UserError(
                _(
                    "No department has returned its handling opinion on %s yet: "
                    "wait for an opinion before proposing a solution.",
                    self.name,
                )
            )
        text = html2plaintext(description or "").strip()
        if not text:
            raise UserError(_("Describe the solution proposed to the customer."))
        # sudo: proposals are written by the loop only; the user's right to
        # act on the complaint was checked by the write below
        self.check_access("write")
        proposal = (
            self.env["sunshine.complaint.proposal"]
            .sudo()
            ._sunshine_as_action()
            .create(
                {
                    "complaint_id": self.id,
                    "description": description,
                    "proposed_by_id": self.env.user.id,
                    "proposed_date": fields.Datetime.now(),
                }
            )
        )
        self._write_stamps({"state": "awaiting_approval"})
        body = Markup("%s<br/>%s") % (
            _("Solution proposed to the customer:"),
            description,
        )
        if send_to_customer:
            self.message_post(
                body=body,
                partner_ids=self.contact_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        else:
            self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return proposal.with_env(self.env)

    def _record_decision(self, approved, partner, channel, when=None, note=None):
        """The customer's answer to the proposed solution: who, when and
        through which channel. Approved: it is carried out. Refused: the
        desk proposes a new one."""
        self.ensure_one()
        proposal = self.pending_proposal_id
        if self.state != "awaiting_approval" or not proposal:
            raise UserError(
                _(
                    "No solution of complaint %s awaits the customer's decision: "
                    "propose a solution before recording its approval.",
                    self.name,
                )
            )
        when = when or fields.Datetime.now()
        self._assert_when(when)
        # sudo: the loop writes the decision on the proposal, which users
        # only read; the user's right to act on the complaint is checked here
        self.check_access("write")
        proposal._sunshine_as_action().sudo().write(
            {
                "state": "approved" if approved else "refused",
                "decided_partner_id": partner.id,
                "decision_date": when,
                "decision_channel": channel,
                "decision_note": note,
                "recorded_by_id": self.env.user.id,
            }
        )
        channel_label = dict(CONTACT_CHANNELS)[channel]
        if approved:
            self._write_stamps(
                {"state": "carrying_out", "approved_proposal_id": proposal.id}
            )
            body = _(
                "%(partner)s approved the proposed solution (%(channel)s).",
                partner=partner.display_name,
                channel=channel_label,
            )
        else:
            self._write_stamps({"state": "in_progress"})
            body = _(
                "%(partner)s refused the proposed solution (%(channel)s); a new "
                "solution is to be proposed.",
                partner=partner.display_name,
                channel=channel_label,
            )
        if note:
            body = Markup("%s<br/>%s") % (body, note)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        if channel != "portal":
            self._log_reply(when)
        return proposal

    def _request_close(self):
        """Every department of this round reported its result: the desk
        verifies it with the customer."""
        now = fields.Datetime.now()
        for complaint in self:
            complaint._write_stamps(
                {
                    "state": "close_requested",
                    "close_requested_date": now,
                    "first_close_date": complaint.first_close_date or now,
                }
            )
            complaint.message_post(
                body=_(
                    "The departments reported their results and request closure: "
                    "verify the result with the customer."
                ),
                subtype_xmlid="mail.mt_note",
            )
            if complaint.user_id:
                complaint.activity_schedule(
                    "mail.mail_activity_data_call",
                    summary=_("Verify the result with the customer"),
                    user_id=complaint.user_id.id,
                )

    def _record_verification(
        self, satisfied, partner, channel, when=None, note=None, score=0
    ):
        """The customer's verdict on the result. Satisfied closes the
        complaint; not satisfied sends it round again with new tracking
        forms for the same departments. The resolution clock keeps counting
        from receipt."""
        self.ensure_one()
        if self.state != "close_requested":
            raise UserError(
                _(
                    "Complaint %s cannot be closed yet: the departments request "
                    "closure once the approved solution is carried out, then the "
                    "result is verified with the customer.",
                    self.name,
                )
            )
        when = when or fields.Datetime.now()
        self._assert_when(when)
        check_satisfaction_score(self.env, score)
        result = "satisfied" if satisfied else "not_satisfied"
        # sudo: verifications are written by the loop only, after the check
        self.check_access("write")
        verification = (
            self.env["sunshine.complaint.verification"]
            .sudo()
            ._sunshine_as_action()
            .create(
                {
                    "complaint_id": self.id,
                    "result": result,
                    "partner_id": partner.id,
                    "channel": channel,
                    "date": when,
                    "note": note,
                    "score": score or 0,
                    "round": self.reopen_count + 1,
                    "recorded_by_id": self.env.user.id,
                }
            )
        )
        if channel != "portal":
            self._log_reply(when)
        values = {"satisfaction": result, "satisfaction_score": score or 0}
        if satisfied:
            self._sla_stop([RESOLUTION_CLOCK], when=when)
            values.update(
                {
                    "state": "closed",
                    "close_date": when,
                    "resolution_days": round(
                        hours_between(self.received_date, when) / 24.0, 2
                    ),
                }
            )
            result_value = self._clock_result(RESOLUTION_CLOCK, when)
            if result_value:
                values["resolution_sla"] = result_value
            self._write_stamps(values)
            body = _(
                "%(partner)s is satisfied with the result: the complaint is closed.",
                partner=partner.display_name,
            )
        else:
            values.update(
                {"state": "in_progress", "reopen_count": self.reopen_count + 1}
            )
            self._write_stamps(values)
            self._reopen_tracking_forms(note)
            body = _(
                "%(partner)s is not satisfied with the result: the complaint is "
                "reopened and goes to the departments again.",
                partner=partner.display_name,
            )
        if note:
            body = Markup("%s<br/>%s") % (body, note)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return verification.with_env(self.env)

    def _reopen_tracking_forms(self, note):
        """New tracking forms, to send again, for the departments of the last
        round."""
        self.ensure_one()
        last_round = self.tracking_ids.filtered(lambda f: f.state == "done")
        last_round = last_round.filtered(
            lambda f: f.round == max(last_round.mapped("round"))
        )
        instructions = _("The customer is not satisfied with the result.")
        if note:
            instructions = f"{instructions}\n{html2plaintext(note).strip()}"
        self.env["sunshine.complaint.tracking"].create(
            [
                {
                    "complaint_id": self.id,
                    "department_id": form.department_id.id,
                    "handler_id": form.handler_id.id,
                    "instructions": instructions,
                }
                for form in last_round
            ]
        )
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Send the tracking forms again"),
                user_id=self.user_id.id,
            )

    @api.model
    def _assert_when(self, when):
        if when > fields.Datetime.now():
            raise UserError(_("A contact with the customer cannot be in the future."))

    # ------------------------------------------------------------------
    # SLA engine hooks
    # ------------------------------------------------------------------
    def _sla_responsible_user(self):
        self.ensure_one()
        return self.user_id

    def _sla_breach(self, timers, now):
        res = super()._sla_breach(timers, now)
        values = {}
        codes = timers.mapped("clock_id.code")
        if REPLY_CLOCK in codes and self.reply_sla == "pending":
            values["reply_sla"] = "late"
        if RESOLUTION_CLOCK in codes and self.resolution_sla == "pending":
            values["resolution_sla"] = "late"
        if values:
            self._write_stamps(values)
        return res

    def _sla_on_breach_escalate(self, timers):
        """Tell the quality managers."""
        managers = self.env.ref("sunshine_quality.group_quality_manager").users
        partners = managers.filtered(lambda u: not u.share).partner_id
        self.message_post(
            body=_(
                "Escalated to the quality managers: %s", ", ".join(timers._describe())
            ),
            partner_ids=partners.ids,
            subtype_xmlid="mail.mt_note",
        )
        return True
