from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

EXPIRY_NOTICE_DAYS = 30
ACTIVE_STATES = ("valid", "expiring")


class SunshineCertification(models.Model):
    """An engineer's certification for a product line: only certified
    engineers may be dispatched to tickets about it."""

    _name = "sunshine.certification"
    _description = "Training Certification"
    _inherit = ["mail.thread", "mail.activity.mixin", "sunshine.protected.fields.mixin"]
    _order = "expiry_date desc, id desc"
    # The evidence: issued by a session's results, changed by revoke and by
    # the daily expiry run only; a renewal is a new certification.
    _sunshine_protected_create = True
    _sunshine_protected_fields = (
        "name",
        "employee_id",
        "product_categ_id",
        "course_id",
        "session_id",
        "trainer_id",
        "issue_date",
        "expiry_date",
        "state",
        "revoke_reason",
        "revoked_by_id",
        "revoked_date",
        "employee_skill_id",
        "company_id",
    )

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Engineer", required=True, index=True, tracking=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    product_categ_id = fields.Many2one(
        "product.category", string="Product Line", required=True, index=True
    )
    course_id = fields.Many2one("sunshine.training.course", required=True)
    session_id = fields.Many2one("sunshine.training.session", index=True)
    trainer_id = fields.Many2one("res.users")
    issue_date = fields.Date(required=True, default=fields.Date.context_today)
    expiry_date = fields.Date(required=True, index=True, tracking=True)
    state = fields.Selection(
        [
            ("valid", "Valid"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        default="valid",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    revoke_reason = fields.Text(readonly=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True)
    revoked_date = fields.Date(readonly=True)
    employee_skill_id = fields.Many2one("hr.employee.skill", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.constrains("employee_id", "product_categ_id", "state")
    def _check_one_valid_per_line(self):
        # An expiring certification may be renewed: only valid ones count.
        for certification in self.filtered(lambda c: c.state == "valid"):
            other = self.search_count(
                [
                    ("id", "!=", certification.id),
                    ("employee_id", "=", certification.employee_id.id),
                    ("product_categ_id", "=", certification.product_categ_id.id),
                    ("state", "=", "valid"),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    _(
                        "%(employee)s already holds a valid certification for "
                        "%(line)s. Revoke it first, or wait until it expires.",
                        employee=certification.employee_id.name,
                        line=certification.product_categ_id.display_name,
                    )
                )

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        for certification in self:
            if certification.expiry_date <= certification.issue_date:
                raise ValidationError(
                    _(
                        "Certification %s must expire after its issue date.",
                        certification.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("sunshine.certification") or "/"
        certifications = super().create(vals_list)
        certifications._update_states()
        certifications.filtered(lambda c: c.state in ACTIVE_STATES)._grant_skill()
        return certifications

    # ------------------------------------------------------------------
    # Skills: a valid certification is a skill on the employee
    # ------------------------------------------------------------------
    def _skill_for_line(self, product_line):
        skill_type = self.env.ref("sunshine_training.skill_type_certification")
        Skill = self.env["hr.skill"].sudo()
        skill = Skill.search(
            [
                ("skill_type_id", "=", skill_type.id),
                ("name", "=", product_line.display_name),
            ],
            limit=1,
        )
        return skill or Skill.create(
            {"name": product_line.display_name, "skill_type_id": skill_type.id}
        )

    def _grant_skill(self):
        # sudo: trainers certify without HR rights; the certification is the
        # authority for this skill, which only this addon writes.
        level = self.env.ref("sunshine_training.skill_level_certified")
        EmployeeSkill = self.env["hr.employee.skill"].sudo()
        for certification in self:
            skill = self._skill_for_line(certification.product_categ_id)
            existing = EmployeeSkill.search(
                [
                    ("employee_id", "=", certification.employee_id.id),
                    ("skill_id", "=", skill.id),
                ],
                limit=1,
            )
            certification._sunshine_as_action().employee_skill_id = (
                existing
                or EmployeeSkill.create(
                    {
                        "employee_id": certification.employee_id.id,
                        "skill_id": skill.id,
                        "skill_level_id": level.id,
                        "skill_type_id": level.skill_type_id.id,
                    }
                )
            )

    def _withdraw_skill(self):
        """Remove the skill, unless a renewal still holds it."""
        still_held = self.search(
            [
                ("id", "not in", self.ids),
                ("employee_skill_id", "in", self.employee_skill_id.ids),
                ("state", "in", ACTIVE_STATES),
            ]
        ).employee_skill_id
        # sudo: see _grant_skill
        (self.employee_skill_id - still_held).sudo().unlink()

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------
    def _state_on(self, today):
        self.ensure_one()
        if self.state == "revoked":
            return "revoked"
        if self.expiry_date < today:
            return "expired"
        if self.expiry_date <= today + timedelta(days=EXPIRY_NOTICE_DAYS):
            return "expiring"
        return "valid"

    def _company_today(self):
        """{company: today in its time zone} of these certifications."""
        companies = self.company_id | self.env.company
        return {company: company._sunshine_today() for company in companies}

    def _update_states(self):
        """Move each certification to its state today in its company's time
        zone; returns the certifications whose state changed, by new state."""
        today = self._company_today()
        changed = {}
        for certification in self:
            company = certification.company_id or self.env.company
            state = certification._state_on(today[company])
            if state != certification.state:
                changed.setdefault(state, self.browse())
                changed[state] |= certification
        for state, certifications in changed.items():
            certifications._sunshine_as_action().write({"state": state})
        return changed

    @api.model
    def _cron_check_expiry(self):
        """Certifications expiring within 30 days get an activity for the
        engineer and their manager and a seat in the next planned session
        of the course; expired ones lose their skill. "Today" is the
        company's. A second run finds nothing to change: the states are
        already moved."""
        # the latest "today" of the companies: a company behind it finds its
        # certifications due too, and _update_states keeps what is not
        latest = max(
            company._sunshine_today() for company in self.env["res.company"].search([])
        )
        due = self.search(
            [
                ("state", "in", ACTIVE_STATES),
                ("expiry_date", "<=", latest + timedelta(days=EXPIRY_NOTICE_DAYS)),
            ]
        )
        changed = due._update_states()
        changed.get("expiring", self.browse())._propose_recertification()
        changed.get("expired", self.browse())._withdraw_skill()
        return sum(len(records) for records in changed.values())

    def _propose_recertification(self):
        Attendee = self.env["sunshine.training.attendee"]
        for certification in self:
            session = self.env["sunshine.training.session"].search(
                [
                    ("course_id", "=", certification.course_id.id),
                    ("state", "=", "planned"),
                    ("date_start", ">=", fields.Datetime.now()),
                ],
                order="date_start",
                limit=1,
            )
            already_enrolled = session.attendee_ids.filtered(
                lambda a, c=certification: a.employee_id == c.employee_id
            )
            if not session:
                note = _(
                    "No session of %s is planned: plan one for recertification.",
                    certification.course_id.name,
                )
            elif already_enrolled:
                note = _(
                    "Already enrolled in session %(session)s for recertification.",
                    session=session.name,
                )
            else:
                Attendee.create(
                    {
                        "session_id": session.id,
                        "employee_id": certification.employee_id.id,
                    }
                )
                note = _(
                    "Enrolled in session %(session)s for recertification.",
                    session=session.name,
                )
            summary = _(
                "Certification %(name)s for %(line)s expires on %(date)s",
                name=certification.name,
                line=certification.product_categ_id.display_name,
                date=certification.expiry_date,
            )
            employee = certification.employee_id
            users = (employee.user_id | employee.parent_id.user_id).filtered("active")
            for user in users:
                certification.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=certification.expiry_date,
                    summary=summary,
                    note=note,
                    user_id=user.id,
                )

    def action_open_revoke_wizard(self):
        self._sunshine_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Revoke Certification"),
            "res_model": "sunshine.certification.revoke.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_certification_id": self.id},
        }

    def _revoke(self, reason):
        if not (reason or "").strip():
            raise UserError(_("Give the reason for revoking the certification."))
        for certification in self:
            if certification.state not in ACTIVE_STATES:
                raise UserError(
                    _(
                        "Certification %s is not valid: it cannot be revoked.",
                        certification.name,
                    )
                )
        self._sunshine_as_action().write(
            {
                "state": "revoked",
                "revoke_reason": reason,
                "revoked_by_id": self.env.user.id,
                "revoked_date": fields.Date.context_today(self),
            }
        )
        self._withdraw_skill()
        for certification in self._sunshine_as_action():
            certification.message_post(
                body=_("Revoked: %s", reason),
                subtype_xmlid="sunshine_training.mt_certification_revoked",
            )
        return True
