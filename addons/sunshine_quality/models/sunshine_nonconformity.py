from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

NONCONFORMITY_STATES = [
    ("open", "Open"),
    ("closed", "Closed"),
]
DISPOSITIONS = [
    ("rework", "Rework"),
    ("repair", "Repair"),
    ("scrap", "Scrap"),
    ("concession", "Concession"),
]
REVIEW_RESULTS = [
    ("effective", "Effective"),
    ("not_effective", "Not Effective"),
]


class SunshineNonconformity(models.Model):
    """A nonconformity (不合格项) found by the quality loop: what is wrong,
    why, what is done with the faulty item, the corrective and preventive
    actions, and whether they worked. A complaint raises one here; later
    sources (callback issues, inspections) add their own ``source``."""

    _name = "sunshine.nonconformity"
    _description = "Nonconformity"
    _inherit = ["mail.thread", "mail.activity.mixin", "sunshine.protected.fields.mixin"]
    _order = "id desc"
    _sunshine_protected_fields = ("state", "review_date", "reviewer_id", "close_date")

    name = fields.Char(
        string="Number", readonly=True, copy=False, default=lambda self: _("New")
    )
    title = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    source = fields.Selection(
        [("complaint", "Complaint"), ("internal", "Internal Finding")],
        required=True,
        default="internal",
    )
    complaint_id = fields.Many2one(
        "sunshine.complaint", index="btree_not_null", ondelete="restrict"
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    lot_id = fields.Many2one("stock.lot", string="Serial Number")
    product_categ_id = fields.Many2one("product.category", string="Product Line")
    department_id = fields.Many2one("hr.department", string="Responsible Department")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
    )
    description = fields.Html(required=True)
    cause_analysis = fields.Html()
    disposition = fields.Selection(DISPOSITIONS, tracking=True)
    action_ids = fields.One2many(
        "sunshine.quality.action", "nonconformity_id", string="Actions"
    )
    open_action_count = fields.Integer(compute="_compute_open_action_count")
    review = fields.Text(
        string="Effectiveness Review",
        tracking=True,
        help="Did the actions remove the cause? What was checked.",
    )
    review_result = fields.Selection(REVIEW_RESULTS, tracking=True)
    review_date = fields.Datetime(readonly=True, copy=False)
    reviewer_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)
    state = fields.Selection(
        NONCONFORMITY_STATES,
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    close_date = fields.Datetime(string="Closed On", readonly=True, copy=False)

    @api.depends("action_ids.state")
    def _compute_open_action_count(self):
        for nonconformity in self:
            nonconformity.open_action_count = len(
                nonconformity.action_ids.filtered(lambda a: a.state == "open")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # sudo: the number is the company's sequence, whoever records it
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code(
                "sunshine.nonconformity"
            ) or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if (
            any(nc.state == "closed" for nc in self)
            and (set(vals) - {"message_main_attachment_id"})
            and not self._sunshine_writes_protected()
        ):
            raise UserError(
                _(
                    "A closed nonconformity is kept as it was closed; it cannot "
                    "be edited."
                )
            )
        return super().write(vals)

    def action_close(self):
        """Close once every action is done and the review found them effective."""
        for nonconformity in self:
            if nonconformity.state != "open":
                raise UserError(
                    _("Nonconformity %s is already closed.", nonconformity.name)
                )
            missing = []
            if not html2plaintext(nonconformity.cause_analysis or "").strip():
                missing.append(_("the cause analysis"))
            if not nonconformity.disposition:
                missing.append(_("the disposition"))
            if missing:
                raise UserError(
                    _(
                        "Record %(missing)s of %(nonconformity)s before closing it.",
                        missing=", ".join(missing),
                        nonconformity=nonconformity.name,
                    )
                )
            actions = nonconformity.action_ids.filtered(
                lambda a: a.state != "cancelled"
            )
            if not actions:
                raise UserError(
                    _(
                        "Nonconformity %s has no corrective or preventive action: "
                        "plan one before closing it.",
                        nonconformity.name,
                    )
                )
            still_open = actions.filtered(lambda a: a.state == "open")
            if still_open:
                raise UserError(
                    _(
                        "Nonconformity %(nonconformity)s cannot close while actions "
                        "are open: %(actions)s.",
                        nonconformity=nonconformity.name,
                        actions=", ".join(still_open.mapped("name")),
                    )
                )
            if (
                not (nonconformity.review or "").strip()
                or not nonconformity.review_result
            ):
                raise UserError(
                    _(
                        "Record the effectiveness review of %s (what was checked "
                        "and its result) before closing it.",
                        nonconformity.name,
                    )
                )
            if nonconformity.review_result != "effective":
                raise UserError(
                    _(
                        "The review found the actions of %s not effective: plan "
                        "further actions and review them again.",
                        nonconformity.name,
                    )
                )
        now = fields.Datetime.now()
        self._sunshine_as_action().write(
            {
                "state": "closed",
                "review_date": now,
                "reviewer_id": self.env.user.id,
                "close_date": now,
            }
        )
        return True
