from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineTrainingSession(models.Model):
    _inherit = "sunshine.training.session"

    lot_ids = fields.Many2many(
        "stock.lot",
        string="Equipment",
        domain="[('customer_id', 'child_of', customer_id)]",
        help="The customer's equipment the on-site training is about.",
    )

    @api.constrains("lot_ids", "customer_id")
    def _check_lots_of_the_customer(self):
        for session in self:
            customer = session.customer_id.commercial_partner_id
            foreign = session.lot_ids.filtered(
                lambda lot, c=customer: lot.customer_id.commercial_partner_id != c
            )
            if foreign:
                raise ValidationError(
                    _(
                        "Session %(session)s trains %(customer)s, but %(lots)s "
                        "belongs to another customer.",
                        session=session.name,
                        customer=customer.name or _("no customer"),
                        lots=", ".join(foreign.mapped("name")),
                    )
                )
