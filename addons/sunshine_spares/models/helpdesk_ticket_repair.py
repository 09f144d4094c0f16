from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """The fault of a ticket's unit, its repairs and configuration changes."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    fault_code_id = fields.Many2one(
        "sunshine.fault.code",
        string="Fault",
        index=True,
        tracking=True,
        help="The kind of failure of the equipment.",
    )
    repair_ids = fields.One2many(
        "repair.order", "ticket_id", string="Repairs", copy=False
    )
    repair_count = fields.Integer(compute="_compute_repair_count")
    config_change_ids = fields.One2many(
        "sunshine.lot.config.change",
        "ticket_id",
        string="Configuration Changes",
        copy=False,
    )

    @api.depends("repair_ids")
    def _compute_repair_count(self):
        # sudo: the count only; the repairs themselves stay behind stock rights.
        counts = dict(
            self.env["repair.order"]
            .sudo()
            ._read_group([("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"])
        )
        for ticket in self:
            ticket.repair_count = counts.get(ticket, 0)

    def action_create_repair(self):
        """Open a new repair of the ticket's unit in the centre's workshop."""
        self._sunshine_ensure_one()
        if not self.lot_id:
            raise UserError(
                _(
                    "Set the serial number of the faulty unit on %(ticket)s "
                    "before sending it to repair.",
                    ticket=self.number,
                )
            )
        repair_type = self.team_id.warehouse_id.repair_type_id
        context = {
            "default_ticket_id": self.id,
            "default_product_id": self.lot_id.product_id.id,
            "default_lot_id": self.lot_id.id,
            "default_partner_id": self.partner_id.commercial_partner_id.id,
            "default_fault_code_id": self.fault_code_id.id,
        }
        if repair_type:
            context["default_picking_type_id"] = repair_type.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Repair of %s", self.lot_id.name),
            "res_model": "repair.order",
            "view_mode": "form",
            "context": context,
        }

    def action_view_repairs(self):
        self._sunshine_ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action
