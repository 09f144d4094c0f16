from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .quality_staff import assert_quality_staff, is_quality_staff

ACTION_TYPES = [
    ("improvement", "Improvement Measure"),
    ("corrective", "Corrective Action"),
    ("preventive", "Preventive Action"),
]
ACTION_STATES = [
    ("open", "Open"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# What an action belongs to: set when it is created, moved by the desk only
SOURCE_FIELDS = {"tracking_id", "complaint_id", "nonconformity_id", "inspection_id"}


class SunshineQualityAction(models.Model):
    """Something someone must do by a date for quality: an improvement
    measure of a complaint's result, or a corrective or preventive action
    of a nonconformity. One model, so that every source of the quality loop
    (complaints now, callbacks and inspections later) tracks its actions
    the same way."""

    _name = "sunshine.quality.action"
    _description = "Quality Action"
    _inherit = ["mail.thread", "mail.activity.mixin", "sunshine.protected.fields.mixin"]
    _order = "state, due_date, id"
    _sunshine_protected_fields = ("state", "done_date")

    name = fields.Char(string="Action", required=True, tracking=True)
    action_type = fields.Selection(
        ACTION_TYPES, string="Type", required=True, default="improvement"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    tracking_id = fields.Many2one(
        "sunshine.complaint.tracking",
        string="Tracking Form",
        index="btree_not_null",
        ondelete="cascade",
    )
    complaint_id = fields.Many2one(
        "sunshine.complaint",
        compute="_compute_complaint_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="cascade",
    )
    nonconformity_id = fields.Many2one(
        "sunshine.nonconformity", index="btree_not_null", ondelete="cascade"
    )
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    due_date = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        ACTION_STATES,
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    done_date = fields.Date(readonly=True, copy=False)
    note = fields.Text(string="Result")
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")

    @api.depends("tracking_id")
    def _compute_complaint_id(self):
        for action in self:
            if action.tracking_id:
                action.complaint_id = action.tracking_id.complaint_id

    @api.depends("state", "due_date")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.overdue = action.state == "open" and action.due_date < today

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search overdue actions with 'is set' or 'is not set'."))
        today = fields.Date.context_today(self)
        domain = [("state", "=", "open"), ("due_date", "<", today)]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    # "name" is always written: the check runs on every create
    @api.constrains("name", "tracking_id", "complaint_id", "nonconformity_id")
    def _check_source(self):
        for action in self:
            if not (action.complaint_id or action.nonconformity_id):
                raise ValidationError(
                    _(
                        "Action %s belongs to a complaint, a tracking form or a "
                        "nonconformity: choose one.",
                        action.name,
                    )
                )
            # the record rules check the form only
            if action.tracking_id and (
                action.complaint_id != action.tracking_id.complaint_id
            ):
                raise ValidationError(
                    _(
                        "Action %(action)s of tracking form %(form)s belongs to "
                        "the form's complaint %(complaint)s.",
                        action=action.name,
                        form=action.tracking_id.name,
                        complaint=action.tracking_id.complaint_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        if not self._sunshine_writes_protected():
            actions._assert_source_open()
        for action in actions:
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=action.due_date,
                summary=action.name,
                user_id=action.owner_id.id,
            )
        return actions

    def write(self, vals):
        # an owner outside the quality loop reports on their action only
        if (
            set(vals) - {"note"}
            and not self._sunshine_writes_protected()
            and not self.env.user.has_group("sunshine_quality.group_quality_handler")
        ):
            raise AccessError(
                _(
                    "You may write the result of your quality actions only; the "
                    "quality staff plans them."
                )
            )
        # the rules are checked before a write: a department would move its
        # measure onto a form or a complaint it may not write
        if (
            set(vals) & SOURCE_FIELDS
            and not self._sunshine_writes_protected()
            and not is_quality_staff(self.env)
        ):
            raise AccessError(
                _(
                    "A quality action stays with the complaint, tracking form, "
                    "nonconformity or inspection it was created for; ask the "
                    "complaint desk to move it."
                )
            )
        return super().write(vals)

    def _assert_source_open(self):
        """Measures are added while their tracking form takes its result and
        their complaint is not closed."""
        for action in self:
            if action.tracking_id.state in ("done", "cancelled"):
                raise UserError(
                    _(
                        "Tracking form %s requested closure or was cancelled: it "
                        "takes no new measure.",
                        action.tracking_id.name,
                    )
                )
            if action.complaint_id.state == "closed":
                raise UserError(
                    _(
                        "Complaint %s is closed: it takes no new measure.",
                        action.complaint_id.name,
                    )
                )

    def action_done(self):
        for action in self:
            if action.state != "open":
                raise UserError(_("Action %s is not open.", action.name))
        self._sunshine_as_action().write(
            {"state": "done", "done_date": fields.Date.context_today(self)}
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        assert_quality_staff(
            self.env,
            _(
                "Only the quality staff cancels a quality action; mark it done "
                "with its result, or ask them to cancel it."
            ),
        )
        for action in self:
            if action.state != "open":
                raise UserError(_("Action %s is not open.", action.name))
        self._sunshine_as_action().write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reopen(self):
        assert_quality_staff(
            self.env, _("Only the quality staff reopens a quality action.")
        )
        for action in self:
            if action.state == "open":
                raise UserError(_("Action %s is already open.", action.name))
        self._sunshine_as_action().write({"state": "open", "done_date": False})
        return True
