from markupsafe import Markup

from odoo import api, fields, models


class SunshineComplaintProposalWizard(models.TransientModel):
    """Propose a solution to the customer, built on the departments'
    opinions."""

    _name = "sunshine.complaint.proposal.wizard"
    _description = "Propose a Solution"

    complaint_id = fields.Many2one("sunshine.complaint", required=True)
    opinion_summary = fields.Html(
        string="Departments' Opinions", compute="_compute_opinion_summary"
    )
    description = fields.Html(string="Solution", required=True)
    send_to_customer = fields.Boolean(
        string="Send to the Customer by E-mail",
        default=True,
        help="Otherwise tell the customer by phone and record their decision.",
    )

    @api.depends("complaint_id")
    def _compute_opinion_summary(self):
        for wizard in self:
            forms = wizard.complaint_id.tracking_ids.filtered("opinion_date")
            wizard.opinion_summary = Markup().join(
                Markup("<p><b>%s</b></p>%s")
                % (form.department_id.display_name, form.opinion or "")
                for form in forms
            )

    def action_propose(self):
        self.ensure_one()
        self.complaint_id._propose(self.description, self.send_to_customer)
        return {"type": "ir.actions.act_window_close"}
