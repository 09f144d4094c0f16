from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CHANGE_KINDS = [
    ("hardware", "Hardware"),
    ("software", "Software"),
    ("configuration", "Configuration"),
]


class SunshineLotConfigChange(models.Model):
    """A change made to a customer's equipment: part of its service history.

    Engineers record what they changed on site (a board fitted, a software
    version loaded, a setting altered) so that the next engineer finds the
    unit as it really is.
    """

    _name = "sunshine.lot.config.change"
    _description = "Equipment Configuration Change"
    _order = "date desc, id desc"

    lot_id = fields.Many2one(
        "stock.lot",
        string="Equipment",
        required=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    customer_id = fields.Many2one(related="lot_id.customer_id")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users",
        string="Changed By",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        index="btree_not_null",
        domain="[('lot_id', '=', lot_id)]",
        help="The service ticket the change was made on, if any.",
    )
    kind = fields.Selection(CHANGE_KINDS, required=True, default="configuration")
    name = fields.Char(
        string="Change",
        required=True,
        help="What was changed, e.g. 'Main board replaced' or 'Software V2.3 loaded'.",
    )
    previous_value = fields.Char(string="Before")
    new_value = fields.Char(string="After")
    note = fields.Text()

    @api.constrains("ticket_id", "lot_id")
    def _check_ticket_lot(self):
        for change in self:
            if change.ticket_id and change.ticket_id.lot_id != change.lot_id:
                raise ValidationError(
                    _(
                        "Ticket %(ticket)s is about %(ticket_lot)s, not %(lot)s: "
                        "record the change on the equipment of the ticket.",
                        ticket=change.ticket_id.display_name,
                        ticket_lot=change.ticket_id.lot_id.name or _("no equipment"),
                        lot=change.lot_id.name,
                    )
                )
