import base64
import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .quality_staff import is_quality_staff
from .sunshine_callback_rule import period_end, period_label, period_start

_logger = logging.getLogger(__name__)

INSPECTION_STATES = [
    ("planned", "Planned, Awaiting Consent"),
    ("confirmed", "Confirmed by the Customer"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
CONSENT_CHANNELS = [
    ("portal", "Customer Portal"),
    ("staff", "Recorded by Staff"),
]
OPEN_STATES = ("planned", "confirmed", "in_progress")
# Inspections planned per statement of the planning action.
PLANNING_BATCH_SIZE = 2000
REPORT_NAME = "sunshine_quality.action_report_sunshine_inspection"


class SunshineInspection(models.Model):
    """An on-site inspection (现场巡检) of a unit of the installed base: four a
    year, one per calendar quarter, planned by a scheduled action.

    The customer is told in advance (e-mail) and consents to the date, on the
    portal or through the staff (the inspection request, 现场巡检申请报告);
    the engineers work the checklist copied from the checklist template when
    the inspection was created; the customer signs the report (现场巡检报告)
    on screen, which finishes and locks the inspection and archives its PDF
    on the inspection and on the unit.
    """

    _name = "sunshine.inspection"
    _description = "On-site Inspection"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "sunshine.protected.fields.mixin",
        "sunshine.period.planning.mixin",
    ]
    _order = "planned_date desc, id desc"
    _sunshine_protected_fields = (
        "period_start",
        "state",
        "notice_date",
        "consent_by",
        "consent_date",
        "consent_channel",
        "consent_user_id",
        "start_date",
        "signed_on",
        "done_count",
        "report_attachment_id",
        "template_id",
    )

    name = fields.Char(string="Inspection", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        required=True,
        index=True,
        tracking=True,
        domain=[("customer_id", "!=", False)],
    )
    product_id = fields.Many2one(related="lot_id.product_id", string="Equipment")
    site = fields.Char(related="lot_id.site")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Maintenance Centre",
        index=True,
        tracking=True,
        help="The centre whose engineers inspect the unit; its supervising "
        "offices read the inspection.",
    )
    engineer_ids = fields.Many2many(
        "res.users",
        "sunshine_inspection_engineer_rel",
        "inspection_id",
        "user_id",
        string="Engineers",
        domain=[("share", "=", False)],
        tracking=True,
    )
    planned_date = fields.Date(required=True, index=True, tracking=True)
    period_start = fields.Date(
        string="Quarter Start",
        readonly=True,
        index=True,
        help="The calendar quarter the inspection belongs to, fixed when it "
        "is planned: moving its date never makes the planning plan another.",
    )
    period_name = fields.Char(
        string="Quarter", compute="_compute_period_name", store=True
    )
    state = fields.Selection(
        INSPECTION_STATES,
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    notice_date = fields.Datetime(string="Customer Told On", readonly=True, copy=False)
    consent_by = fields.Char(
        string="Consent Given By", readonly=True, copy=False, tracking=True
    )
    consent_date = fields.Datetime(string="Consent Given On", readonly=True, copy=False)
    consent_channel = fields.Selection(
        CONSENT_CHANNELS, string="Consent Recorded Through", readonly=True, copy=False
    )
    consent_user_id = fields.Many2one(
        "res.users", string="Consent Recorded By", readonly=True, copy=False
    )
    start_date = fields.Datetime(string="Started On", readonly=True, copy=False)
    template_id = fields.Many2one(
        "sunshine.inspection.template",
        string="Checklist",
        readonly=True,
        help="The checklist the lines were copied from when the inspection "
        "was created.",
    )
    line_ids = fields.One2many(
        "sunshine.inspection.line", "inspection_id", "Checklist Items", copy=True
    )
    findings = fields.Html(help="What the engineers found and recommend.")
    fault_count = fields.Integer(
        string="Faulty Items",
        compute="_compute_fault_count",
        store=True,
        help="The checklist items found faulty.",
    )
    done_count = fields.Integer(
        string="Done",
        compute="_compute_done_count",
        store=True,
        help="1 for a signed inspection, 0 otherwise: summed, the inspections done.",
    )
    signed_by = fields.Char(copy=False, help="The customer's representative.")
    signature = fields.Image(
        string="Customer Signature", copy=False, max_width=1024, max_height=1024
    )
    signed_on = fields.Datetime(readonly=True, copy=False)
    is_locked = fields.Boolean(
        compute="_compute_is_locked", help="Signed: kept as the customer signed it."
    )
    report_attachment_id = fields.Many2one(
        "ir.attachment", string="Signed Report", readonly=True, copy=False
    )
    config_change_ids = fields.One2many(
        "sunshine.lot.config.change", "inspection_id", "Configuration Changes"
    )
    action_ids = fields.One2many(
        "sunshine.quality.action", "inspection_id", "Improvement Measures"
    )
    ticket_ids = fields.Many2many(
        "helpdesk.ticket", compute="_compute_ticket_ids", string="Service Tickets"
    )
    ticket_count = fields.Integer(compute="_compute_ticket_ids")

    _sql_constraints = [
        (
            "lot_period_once",
            "unique(lot_id, period_start)",
            "A second plan for the same unit and quarter is refused.",
        ),
    ]

    @api.depends("period_start")
    def _compute_period_name(self):
        for inspection in self:
            inspection.period_name = (
                period_label("quarter", inspection.period_start)
                if inspection.period_start
                else False
            )

    @api.depends("line_ids.result")
    def _compute_fault_count(self):
        counts = dict(
            self.env["sunshine.inspection.line"]._read_group(
                [("inspection_id", "in", self.ids), ("result", "=", "fault")],
                ["inspection_id"],
                ["__count"],
            )
        )
        for inspection in self:
            inspection.fault_count = counts.get(inspection, 0)

    @api.depends("state")
    def _compute_done_count(self):
        for inspection in self:
            inspection.done_count = int(inspection.state == "done")

    @api.depends("signed_on")
    def _compute_is_locked(self):
        for inspection in self:
            inspection.is_locked = bool(inspection.signed_on)

    @api.depends("line_ids.ticket_id")
    def _compute_ticket_ids(self):
        for inspection in self:
            inspection.ticket_ids = inspection.line_ids.ticket_id
            inspection.ticket_count = len(inspection.ticket_ids)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for inspection in self:
            inspection.access_url = f"/my/inspections/{inspection.id}"
        return res

    @api.constrains("period_start")
    def _check_period_start(self):
        for inspection in self:
            if inspection.period_start != period_start(
                "quarter", inspection.period_start
            ):
                raise ValidationError(
                    _("An inspection's quarter starts on the first day of a quarter.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        """An inspection created by hand: its quarter is the one of its date,
        its lines a copy of the checklist."""
        self._sunshine_assert_create_values(vals_list)
        if not self._sunshine_writes_protected() and any(
            "line_ids" in vals for vals in vals_list
        ):
            raise AccessError(
                _(
                    "An inspection's checklist is copied from the checklist "
                    "template when the inspection is created: create it without "
                    "checklist items."
                )
            )
        Template = self.env["sunshine.inspection.template"]
        Lot = self.env["stock.lot"]
        for vals in vals_list:
            planned = fields.Date.to_date(vals.get("planned_date"))
            if planned:
                vals["period_start"] = period_start("quarter", planned)
            lot = Lot.browse(vals.get("lot_id"))
            if lot and not vals.get("partner_id"):
                vals["partner_id"] = lot.customer_id.commercial_partner_id.id
            if lot and not vals.get("name") and planned:
                vals["name"] = f"{lot.name} {period_label('quarter', planned)}"
            if "line_ids" not in vals:
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                template = Template._sunshine_default_for(company)
                vals["template_id"] = template.id
                vals["line_ids"] = [
                    fields.Command.create(line)
                    for line in template._sunshine_line_values()
                ]
        inspections = super(SunshineInspection, self._sunshine_as_action()).create(
            vals_list
        )
        return inspections.with_env(self.env)

    def write(self, vals):
        # the fields of the actions are refused first, whatever the state
        self._sunshine_assert_unprotected(vals)
        if not self._sunshine_writes_protected():
            self._sunshine_assert_editable(vals)
        reset = self.browse()
        if "planned_date" in vals and not self._sunshine_writes_protected():
            new_date = fields.Date.to_date(vals["planned_date"])
            reset = self.filtered(
                lambda record: (
                    record.state == "confirmed" and record.planned_date != new_date
                )
            )
        res = super().write(vals)
        if reset:
            # the customer consented to the former date: they are asked again
            reset._sunshine_as_action().write(
                {
                    "state": "planned",
                    "consent_by": False,
                    "consent_date": False,
                    "consent_channel": False,
                    "consent_user_id": False,
                    "notice_date": False,
                }
            )
            for inspection in reset:
                inspection.message_post(
                    body=_(
                        "The date was moved: the customer's consent to the former "
                        "date no longer holds; they are asked again."
                    )
                )
        return res

    def _sunshine_assert_editable(self, vals):
        """The checks of a direct write (not an action's)."""
        changed = set(vals) - self._sunshine_chatter_fields()
        if not changed:
            return
        if any(self.mapped("signed_on")):
            raise UserError(
                _(
                    "The inspection report was signed by the customer: it is kept "
                    "as signed and can no longer be edited."
                )
            )
        if "lot_id" in vals and any(
            inspection.lot_id.id != vals["lot_id"] for inspection in self
        ):
            raise UserError(
                _(
                    "An inspection stays on its unit: cancel it and plan one for "
                    "the other unit instead."
                )
            )
        if changed & {
            "partner_id",
            "team_id",
            "engineer_ids",
            "planned_date",
            "name",
        } and not self.env.user.has_group("sunshine_quality.group_quality_user"):
            raise AccessError(
                _(
                    "The customer, centre, engineers and date of an inspection are "
                    "planned by the quality staff; ask them to change them."
                )
            )
        if changed & {"signature", "signed_by"} and any(
            inspection.state != "in_progress" for inspection in self
        ):
            raise UserError(
                _(
                    "The customer signs the report on site, while the inspection "
                    "is in progress: start the inspection first."
                )
            )
        if any(inspection.state in ("done", "cancelled") for inspection in self):
            raise UserError(
                _("A finished or cancelled inspection can no longer be edited.")
            )

    @api.model
    def _sunshine_chatter_fields(self):
        """Fields that messages, followers and activities write, also on a
        signed report."""
        return (
            set(self.env["mail.thread"]._fields)
            | set(self.env["mail.activity.mixin"]._fields)
            | {"access_token"}
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if self.filtered("signed_on"):
            raise UserError(
                _(
                    "A signed inspection report is archived as it was signed: it "
                    "cannot be deleted."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _sunshine_state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _ensure_state(self, states):
        if len(self) != 1:
            raise UserError(_("Choose exactly one inspection for this action."))
        if self.state not in states:
            raise UserError(
                _(
                    "Inspection %(inspection)s is %(state)s: this action does not "
                    "apply to it.",
                    inspection=self.display_name,
                    state=self._sunshine_state_label(),
                )
            )

    def _sunshine_assert_quality_staff(self, action):
        """Refuse ``action`` (its button's label) to all but quality staff:
        the engineers of an inspection work it, the quality staff plan it."""
        if not is_quality_staff(self.env):
            raise AccessError(
                _(
                    "%(action)s is for the quality staff: ask them to do it for "
                    "%(inspection)s.",
                    action=action,
                    inspection=", ".join(self.mapped("display_name")),
                )
            )

    def action_send_notice(self):
        """Tell the customer of the planned inspection by e-mail."""
        self._sunshine_assert_quality_staff(_("Tell the Customer"))
        self._ensure_state(("planned", "confirmed"))
        self._sunshine_send_notices()
        return True

    def _sunshine_send_notices(self):
        template = self.env.ref("sunshine_quality.mail_template_sunshine_inspection")
        for inspection in self:
            if not inspection.partner_id.email:
                inspection.message_post(
                    body=_(
                        "The customer has no e-mail address: tell them of the "
                        "inspection by phone."
                    )
                )
                continue
            inspection.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self._sunshine_as_action().write({"notice_date": fields.Datetime.now()})

    def action_record_consent(self):
        """The customer consented to the date of the inspection request (by
        phone, fax or the signed request), recorded by the staff."""
        self._ensure_state(("planned",))
        self._sunshine_consent(self.partner_id.display_name, "staff")
        return True

    def _sunshine_consent(self, consent_by, channel):
        self._ensure_state(("planned",))
        self._sunshine_as_action().write(
            {
                "state": "confirmed",
                "consent_by": consent_by,
                "consent_date": fields.Datetime.now(),
                "consent_channel": channel,
                "consent_user_id": self.env.user.id,
            }
        )
        self.message_post(
            body=_(
                "%(who)s consented to the inspection on %(date)s.",
                who=consent_by,
                date=self.planned_date,
            )
        )

    def action_start(self):
        """The engineers are on site."""
        if self.state == "planned":
            raise UserError(
                _(
                    "The customer has not consented to the date of inspection %s "
                    "yet: record their consent first.",
                    self.display_name,
                )
            )
        self._ensure_state(("confirmed",))
        self._sunshine_as_action().write(
            {"state": "in_progress", "start_date": fields.Datetime.now()}
        )
        return True

    def action_done(self):
        """The customer signed: the inspection is done, its report locked and
        archived as a PDF on the inspection and on the unit."""
        self._ensure_state(("in_progress",))
        if not self.signature or not (self.signed_by or "").strip():
            raise UserError(
                _(
                    "The customer has not signed the report: have the customer's "
                    "representative sign and write their name before finishing."
                )
            )
        unchecked = self.line_ids.filtered(lambda line: not line.result)
        if unchecked:
            raise UserError(
                _(
                    "Give the result of every checklist item before the customer "
                    "signs (not applicable if it does not apply): %s.",
                    ", ".join(unchecked.mapped("name")),
                )
            )
        self._sunshine_as_action().write(
            {
                "state": "done",
                "signed_on": fields.Datetime.now(),
            }
        )
        self._sunshine_archive_report()
        return True

    def _sunshine_archive_report(self):
        """Render the signed report and attach it to the inspection and the
        serial."""
        self.ensure_one()
        # sudo: the report is the one of the inspection the user just had
        # signed; it shows the unit and the customer whatever the user may
        # read of them, and is attached to the unit, which engineers do not
        # write (it is the unit's archive)
        content, _report_type = (
            self.env["ir.actions.report"].sudo()._render_qweb_pdf(REPORT_NAME, self.ids)
        )
        filename = _("Inspection Report %s.pdf", self.name)
        Attachment = self.env["ir.attachment"].sudo()
        datas = base64.b64encode(content)
        attachment = Attachment.create(
            {
                "name": filename,
                "datas": datas,
                "mimetype": "application/pdf",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        Attachment.create(
            {
                "name": filename,
                "datas": datas,
                "mimetype": "application/pdf",
                "res_model": "stock.lot",
                "res_id": self.lot_id.id,
                "description": _("Signed report of inspection %s", self.name),
            }
        )
        self._sunshine_as_action().write({"report_attachment_id": attachment.id})
        self.message_post(
            body=_(
                "The customer's representative %s signed the report.", self.signed_by
            ),
            attachment_ids=attachment.ids,
        )

    def action_cancel(self):
        """Cancel an inspection that will not take place; it stays, so the
        planning never plans it again."""
        self._sunshine_assert_quality_staff(_("Cancel Inspection"))
        for inspection in self:
            inspection._ensure_state(OPEN_STATES)
        self._sunshine_as_action().write({"state": "cancelled"})
        return True

    def action_view_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Service Tickets"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", self.ticket_ids.ids)],
        }

    def action_record_config_change(self):
        """Record a change made to the unit during the inspection in the
        unit's history."""
        self._ensure_state(("in_progress",))
        return {
            "type": "ir.actions.act_window",
            "name": _("Configuration Change"),
            "res_model": "sunshine.lot.config.change",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_lot_id": self.lot_id.id,
                "default_inspection_id": self.id,
                "default_company_id": self.company_id.id,
            },
        }

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    @api.model
    def _cron_plan_inspections(self):
        """The scheduled action: plan the inspections of the current quarter,
        committing each batch."""
        return self._plan_inspections(commit=True)

    @api.model
    def _plan_inspections(
        self, today=None, batch_size=PLANNING_BATCH_SIZE, commit=False
    ):
        """Plan one inspection in the quarter of ``today`` for every unit
        installed at a customer (commissioned or accepted by ``today``),
        each with a copy of the default checklist of its company.

        One INSERT per batch of units, with the checklist lines in the same
        statement; the unique index on (unit, quarter) skips the units that
        have theirs, whatever became of it (moved, cancelled). Returns the
        number planned. Linear in the units: see bench/inspection_planning.py.
        """
        today = today or fields.Date.context_today(self)
        start = period_start("quarter", today)
        end = period_end("quarter", today)
        # the middle of the quarter, or today if later: the customer is told
        # some weeks ahead
        planned = min(max(start + relativedelta(months=1, days=14), today), end)
        self.env.flush_all()
        created = 0
        Template = self.env["sunshine.inspection.template"]
        for company in self.env["res.company"].search([("active", "=", True)]):
            template = Template._sunshine_default_for(company)
            created += self._plan_company_quarter(
                company, template, start, planned, today, batch_size, commit
            )
        self.env["ir.cron"]._notify_progress(done=created, remaining=0)
        return created

    @api.model
    def _plan_company_quarter(
        self, company, template, start, planned, today, batch_size, commit
    ):
        label = period_label("quarter", start)
        fallback_company = self.env.company.id

        def candidates(_last_id):
            return SQL(
                """
                SELECT s.id AS subject_id, s.name AS subject_name,
                       p.commercial_partner_id AS partner_id,
                       cp.sunshine_callback_team_id AS team_id
                FROM walked s
                JOIN res_partner p ON p.id = s.customer_id
                JOIN res_partner cp ON cp.id = p.commercial_partner_id
                WHERE (s.commissioning_date <= %(today)s
                       OR s.initial_acceptance_date <= %(today)s)
                  AND COALESCE(s.company_id, %(fallback)s) = %(company)s
                """,
                today=today,
                fallback=fallback_company,
                company=company.id,
            )

        insert = SQL(
            """
            INSERT INTO sunshine_inspection (
                name, company_id, lot_id, partner_id, team_id, planned_date,
                period_start, period_name, state, template_id,
                fault_count, done_count,
                create_uid, create_date, write_uid, write_date)
            SELECT subject_name || ' ' || %(label)s, %(company)s, subject_id,
                partner_id, team_id, %(planned)s,
                %(start)s, %(label)s, 'planned', %(template)s,
                0, 0,
                %(uid)s, now() at time zone 'UTC',
                %(uid)s, now() at time zone 'UTC'
            FROM candidates
            ON CONFLICT (lot_id, period_start) DO NOTHING
            RETURNING id
            """,
            label=label,
            company=company.id,
            planned=planned,
            start=start,
            template=template.id or None,
            uid=self.env.uid,
        )
        after_insert = None
        if template:
            after_insert = SQL(
                """
                INSERT INTO sunshine_inspection_line (
                    inspection_id, company_id, sequence, section, category,
                    name, method, expected_value,
                    create_uid, create_date, write_uid, write_date)
                SELECT i.id, %(company)s, t.sequence, t.section, t.category,
                    t.name, t.method, t.expected_value,
                    %(uid)s, now() at time zone 'UTC',
                    %(uid)s, now() at time zone 'UTC'
                FROM inserted i
                CROSS JOIN sunshine_inspection_template_line t
                WHERE t.template_id = %(template)s
                """,
                company=company.id,
                template=template.id,
                uid=self.env.uid,
            )
        created = self._sunshine_plan_in_batches(
            candidates,
            insert,
            batch_size,
            commit=commit,
            after_insert=after_insert,
            walk="stock_lot",
        )
        if created:
            self.env["sunshine.inspection.line"].invalidate_model()
            _logger.info(
                "company %s, quarter %s: %s inspections planned",
                company.id,
                label,
                created,
            )
        return created

    @api.model
    def _cron_send_notices(self, today=None, limit=500):
        """Tell the customers of the inspections planned in the coming days
        (the company's notice period), once each."""
        today = today or fields.Date.context_today(self)
        inspections = self.browse()
        for company in self.env["res.company"].search([("active", "=", True)]):
            horizon = today + relativedelta(
                days=company.sunshine_inspection_notice_days
            )
            inspections |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "planned"),
                    ("notice_date", "=", False),
                    ("planned_date", ">=", today),
                    ("planned_date", "<=", horizon),
                ],
                limit=limit,
            )
        for done, inspection in enumerate(inspections, start=1):
            inspection._sunshine_send_notices()
            if done % 50 == 0:
                self.env["ir.cron"]._notify_progress(
                    done=done, remaining=len(inspections) - done
                )
        self.env["ir.cron"]._notify_progress(done=len(inspections), remaining=0)
        return len(inspections)
