from odoo import api, fields, models

from .stock_lot_warranty import WARRANTY_STATUSES


class SunshineWarrantyChargeMixin(models.AbstractModel):
    """What a service on a unit of the installed base costs: its warranty
    status on the day of the fault, and the post-warranty fee of its service
    type in the unit's term.

    The model has ``lot_id``, ``fault_code_id``, ``service_type_id`` and
    ``company_id``, and says through small hooks on which moment the status
    is taken (``_sunshine_charge_moment``), whether the labour is charged
    (``_sunshine_labour_charged``) and when the charge freezes
    (``_sunshine_charge_frozen``).
    """

    _name = "sunshine.warranty.charge.mixin"
    _description = "Charged by the Warranty"

    warranty_status = fields.Selection(
        WARRANTY_STATUSES,
        compute="_compute_warranty_status",
        store=True,
        help="The warranty status of the equipment on the day of the fault.",
    )
    fee_currency_id = fields.Many2one(
        "res.currency", compute="_compute_fee", store=True
    )
    fee_amount = fields.Monetary(
        string="Service Fee",
        currency_field="fee_currency_id",
        compute="_compute_fee",
        store=True,
        help="The price of the service type in the post-warranty fee schedule "
        "of the equipment's warranty term.",
    )

    def _sunshine_charge_moment_fields(self):
        """The fields the moment of ``_sunshine_charge_moment`` reads."""
        return []

    def _sunshine_labour_charged_fields(self):
        """The fields ``_sunshine_labour_charged`` reads."""
        return []

    @api.depends(
        lambda self: [
            "lot_id.warranty_start_date",
            "lot_id.warranty_end_date",
            "lot_id.repaired_warranty_end_date",
            "lot_id.warranty_term_id.repaired_part_scope",
            "lot_id.repair_order_ids.repaired_warranty_end_date",
            "lot_id.repair_order_ids.fault_code_id",
            "fault_code_id",
            *self._sunshine_charge_moment_fields(),
        ]
    )
    def _compute_warranty_status(self):
        for record in self:
            record.warranty_status = record.lot_id._warranty_status_at(
                record._sunshine_charge_moment(), fault=record.fault_code_id
            )

    @api.depends(
        lambda self: [
            "service_type_id",
            "lot_id.warranty_term_id.fee_ids.price",
            "lot_id.warranty_term_id.fee_ids.currency_id",
            "lot_id.warranty_term_id.fee_ids.service_type_id",
            *self._sunshine_labour_charged_fields(),
        ]
    )
    def _compute_fee(self):
        for record in self:
            # The charge computed once stays (its own stored value is read
            # from the database, as Odoo allows in a compute).
            if record._sunshine_charge_frozen() and record.fee_currency_id:
                continue
            fee = self.env["sunshine.warranty.fee"]
            if record.lot_id and record._sunshine_labour_charged():
                fee = record.lot_id._warranty_fee(record.service_type_id)
            record.fee_amount = fee.price
            record.fee_currency_id = (
                fee.currency_id
                or record.company_id.currency_id
                or self.env.company.currency_id
            )

    def _sunshine_charge_moment(self):
        """The datetime whose day the warranty status is taken on."""
        raise NotImplementedError

    def _sunshine_labour_charged(self):
        """Whether the work is charged by the fee schedule."""
        raise NotImplementedError

    def _sunshine_charge_frozen(self):
        """Whether the charge is final (the record is closed): no later
        correction of the unit's dates or of the fee schedule changes it."""
        return False
