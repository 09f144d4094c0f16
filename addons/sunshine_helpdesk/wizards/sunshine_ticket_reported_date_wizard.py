from odoo import fields, models


class SunshineTicketReportedDateWizard(models.TransientModel):
    """A service manager corrects when a fault was reported, with a reason."""

    _name = "sunshine.ticket.reported.date.wizard"
    _description = "Correct Reported Date"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    reported_date = fields.Datetime(
        string="Reported On",
        required=True,
        help="When the customer reported the fault. The clocks already running "
        "keep their deadlines.",
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self._sunshine_ensure_one()
        self.ticket_id._correct_reported_date(self.reported_date, self.reason)
        return {"type": "ir.actions.act_window_close"}
