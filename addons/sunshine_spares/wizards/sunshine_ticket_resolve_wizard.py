from odoo import api, fields, models


class SunshineTicketResolveWizard(models.TransientModel):
    """Resolve asks for the fault of the unit too."""

    _inherit = "sunshine.ticket.resolve.wizard"

    lot_id = fields.Many2one(related="ticket_id.lot_id", string="Serial Number")
    fault_code_id = fields.Many2one(
        "sunshine.fault.code",
        string="Fault",
        compute="_compute_fault_code_id",
        store=True,
        readonly=False,
        help="The kind of failure of the equipment: required for a ticket "
        "about a unit.",
    )

    @api.depends("ticket_id")
    def _compute_fault_code_id(self):
        for wizard in self:
            wizard.fault_code_id = wizard.ticket_id.fault_code_id

    def _sunshine_ticket_values(self):
        values = super()._sunshine_ticket_values()
        values["fault_code_id"] = self.fault_code_id.id
        return values
