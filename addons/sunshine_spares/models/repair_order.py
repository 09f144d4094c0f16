from odoo import fields, models

# The clock of the repair turnaround (72 hours in the seed's repair template).
REPAIR_CLOCK = "repair_turnaround"


class RepairOrder(models.Model):
    """Repairs run the turnaround clock of the SLA engine.

    The clock starts when the repair is confirmed and stops when it is
    repaired; a cancelled repair pauses it until it is confirmed again. The
    engine's scheduled action warns and breaches
    by the policies of model repair.order.
    """

    _name = "repair.order"
    _inherit = ["repair.order", "sunshine.sla.mixin"]

    fault_code_id = fields.Many2one(
        "sunshine.fault.code",
        string="Fault",
        index=True,
        help="The kind of failure repaired; two repairs of a serial for the "
        "same fault mark it for replacement on its next ticket.",
    )

    def _action_repair_confirm(self):
        to_confirm = self.filtered(lambda repair: repair.state == "draft")
        res = super()._action_repair_confirm()
        confirmed = to_confirm.filtered(lambda repair: repair.state == "confirmed")
        confirmed._sla_start([REPAIR_CLOCK])
        confirmed._sla_resume()
        return res

    def action_repair_done(self):
        res = super().action_repair_done()
        done = self.filtered(lambda repair: repair.state == "done")
        done._sla_stop([REPAIR_CLOCK])
        for repair in done.filtered("lot_id"):
            repair.lot_id._extend_repaired_warranty(fields.Date.context_today(repair))
        return res

    def action_repair_cancel(self):
        res = super().action_repair_cancel()
        self._sla_pause()
        return res
