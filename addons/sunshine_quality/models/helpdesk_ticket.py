from odoo import _, api, fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    complaint_ids = fields.One2many(
        "sunshine.complaint", "ticket_id", string="Complaints", readonly=True
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        # sudo: a count on the ticket; the complaints keep their own rules
        counts = dict(
            self.env["sunshine.complaint"]
            .sudo()
            ._read_group([("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"])
        )
        for ticket in self:
            ticket.complaint_count = counts.get(ticket, 0)

    def action_raise_complaint(self):
        """A complaint about this ticket, with its customer, serial and
        product line, for the complaint desk."""
        self.ensure_one()
        partner = self.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": _("Raise Complaint"),
            "res_model": "sunshine.complaint",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_ticket_id": self.id,
                "default_partner_id": partner.commercial_partner_id.id,
                "default_contact_id": partner.id,
                "default_lot_id": self.lot_id.id,
                "default_product_categ_id": self.product_categ_id.id,
                "default_subject": self.name,
            },
        }

    def action_view_complaints(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Complaints"),
            "res_model": "sunshine.complaint",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
        }
