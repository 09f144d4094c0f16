from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
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
        return super().write(vals)

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
        for action in self:
            if action.state != "open":
                raise UserError(_("Action %s is not open.", action.name))
        self._sunshine_as_action().write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reopen(self):
        self._sunshine_as_action().write({"state": "open", "done_date": False})
        return True
