from odoo import models
from odoo.tools import SQL

# The ticket list's default order (helpdesk_mgmt's _order), and the
# duplicates of a ticket that its form counts.
TICKET_INDEXES = {
    "helpdesk_ticket_list_order_idx": SQL(
        "(priority DESC, sequence, number DESC, id DESC)"
    ),
    "helpdesk_ticket_duplicate_id_idx": SQL(
        "(duplicate_id) WHERE duplicate_id IS NOT NULL"
    ),
}


class HelpdeskTicket(models.Model):
    """The indexes our screens need on a table of many tickets: the list
    opens on its first page without sorting every ticket, and the form
    counts a ticket's duplicates without reading the others."""

    _inherit = "helpdesk.ticket"

    def init(self):
        res = super().init()
        for name, definition in TICKET_INDEXES.items():
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON %s %s",
                    SQL.identifier(name),
                    SQL.identifier(self._table),
                    definition,
                )
            )
        return res
