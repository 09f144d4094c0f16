from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    sunshine_callback_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Callback Office",
        index="btree_not_null",
        help="The local service office that makes this customer's phone "
        "callbacks; its engineering office supervises them.",
    )
