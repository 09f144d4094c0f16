from odoo import api, fields, models


class SunshineComplaintTrackingWizard(models.TransientModel):
    """Send a tracking form (投诉跟踪单) to a department in one step."""

    _name = "sunshine.complaint.tracking.wizard"
    _description = "Send Tracking Form"

    complaint_id = fields.Many2one("sunshine.complaint", required=True)
    department_id = fields.Many2one("hr.department", required=True)
    handler_id = fields.Many2one(
        "res.users",
        domain=[("share", "=", False)],
        compute="_compute_handler_id",
        store=True,
        precompute=True,
        readonly=False,
        help="The department's manager when empty.",
    )
    instructions = fields.Text(help="What the complaint desk asks the department.")

    @api.depends("department_id")
    def _compute_handler_id(self):
        for wizard in self:
            wizard.handler_id = wizard.department_id.manager_id.user_id

    def action_send(self):
        self.ensure_one()
        form = self.env["sunshine.complaint.tracking"].create(
            {
                "complaint_id": self.complaint_id.id,
                "department_id": self.department_id.id,
                "handler_id": self.handler_id.id,
                "instructions": self.instructions,
            }
        )
        form.action_send()
        return {"type": "ir.actions.act_window_close"}
