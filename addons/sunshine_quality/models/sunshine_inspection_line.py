from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .sunshine_inspection_template_line import CATEGORIES, SECTIONS

RESULTS = [
    ("ok", "OK"),
    ("fault", "Fault"),
    ("na", "Not Applicable"),
]
# Days an improvement measure of an inspection is due in.
MEASURE_DAYS = 30


class SunshineInspectionLine(models.Model):
    """An item of an inspection's checklist, copied from the checklist
    template when the inspection was created, with what the engineer found.
    A faulty item becomes a service ticket or an improvement measure."""

    _name = "sunshine.inspection.line"
    _description = "Inspection Checklist Item"
    _inherit = ["sunshine.protected.fields.mixin"]
    _order = "inspection_id, sequence, id"
    # the items are copied from the checklist template with the inspection
    # (their words are the template's, as signed); the engineer fills in
    # the result, the measured value and the note
    _sunshine_protected_create = True
    _sunshine_protected_fields = (
        "ticket_id",
        "action_id",
        "section",
        "category",
        "name",
        "method",
        "expected_value",
    )

    inspection_id = fields.Many2one(
        "sunshine.inspection",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="inspection_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    section = fields.Selection(SECTIONS, required=True, default="system")
    category = fields.Selection(
        CATEGORIES, string="Check Area", required=True, default="general"
    )
    name = fields.Char(string="Item", required=True)
    method = fields.Char(string="How to Check")
    expected_value = fields.Char(string="Expected")
    result = fields.Selection(RESULTS)
    measured_value = fields.Char()
    note = fields.Text()
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Service Ticket", readonly=True, copy=False
    )
    action_id = fields.Many2one(
        "sunshine.quality.action",
        string="Improvement Measure",
        readonly=True,
        copy=False,
    )

    def _sunshine_assert_open(self):
        """Refuse a change to the checklist of a signed, finished or
        cancelled inspection."""
        if any(self.inspection_id.mapped("signed_on")):
            raise UserError(
                _(
                    "The inspection report was signed by the customer: its "
                    "checklist is kept as signed and can no longer be edited."
                )
            )
        if any(
            state in ("done", "cancelled")
            for state in self.inspection_id.mapped("state")
        ):
            raise UserError(
                _("A finished or cancelled inspection can no longer be edited.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not lines._sunshine_writes_protected():
            lines._sunshine_assert_open()
        return lines

    def write(self, vals):
        if self._sunshine_writes_protected():
            # the links of the findings, also once the report is signed
            return super().write(vals)
        self._sunshine_assert_open()
        res = super().write(vals)
        if "inspection_id" in vals:
            self._sunshine_assert_open()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self._sunshine_assert_open()

    def _ensure_fault(self):
        if len(self) != 1:
            raise UserError(_("Choose exactly one checklist item."))
        if self.result != "fault":
            raise UserError(
                _(
                    "Item %s is not a fault: only a faulty item becomes a ticket "
                    "or an improvement measure.",
                    self.name,
                )
            )

    def action_open_ticket(self):
        """Open a service ticket for the fault found on the unit."""
        self._ensure_fault()
        if not self.ticket_id:
            inspection = self.inspection_id
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": _(
                        "%(item)s (inspection %(inspection)s)",
                        item=self.name,
                        inspection=inspection.name,
                    ),
                    "description": self._sunshine_fault_description(),
                    "partner_id": inspection.partner_id.id,
                    "lot_id": inspection.lot_id.id,
                    "team_id": inspection.team_id.id,
                    "company_id": inspection.company_id.id,
                }
            )
            self._sunshine_as_action().write({"ticket_id": ticket.id})
            inspection.message_post(
                body=_("Service ticket %s opened for a fault found.", ticket.number)
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_create_measure(self):
        """Make the fault an improvement measure of the quality loop."""
        self._ensure_fault()
        if not self.action_id:
            action = self.env["sunshine.quality.action"].create(
                {
                    "name": _(
                        "%(item)s (inspection %(inspection)s)",
                        item=self.name,
                        inspection=self.inspection_id.name,
                    ),
                    "action_type": "improvement",
                    "inspection_id": self.inspection_id.id,
                    "company_id": self.inspection_id.company_id.id,
                    "due_date": fields.Date.context_today(self)
                    + relativedelta(days=MEASURE_DAYS),
                    "note": self.note,
                }
            )
            self._sunshine_as_action().write({"action_id": action.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "sunshine.quality.action",
            "res_id": self.action_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def _sunshine_fault_description(self):
        parts = [
            _("Found during on-site inspection %s.", self.inspection_id.name),
            _("Item: %s", self.name),
        ]
        if self.expected_value:
            parts.append(_("Expected: %s", self.expected_value))
        if self.measured_value:
            parts.append(_("Measured: %s", self.measured_value))
        if self.note:
            parts.append(self.note)
        return Markup("<br/>").join(parts)
