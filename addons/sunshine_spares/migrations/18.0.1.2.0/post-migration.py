"""Move into 18.0.1.2.0 what now lives elsewhere.

- A centre's minimum stock lives on its reordering rules, which the
  low-stock alert reads: every centre gets the rules of the active lists
  (before, only a click on Update Reordering Rules made them).
- A repair remembers the repaired-part warranty it gave: the latest done
  repair of each lot with such a warranty takes the lot's end date.
- The installed base follows the deliveries: a serial delivered to a
  customer by a validated transfer but never typed into the installed base
  takes its customer, site and delivery date from its last transfer.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Line = env["sunshine.spare.part.list.line"]
    Line._update_orderpoints(Line.search([("list_id.active", "=", True)]).product_id)

    cr.execute(
        """
        UPDATE repair_order r
           SET repaired_warranty_end_date = l.repaired_warranty_end_date
          FROM stock_lot l
         WHERE r.lot_id = l.id
           AND l.repaired_warranty_end_date IS NOT NULL
           AND r.id = (
                SELECT max(last.id) FROM repair_order last
                 WHERE last.lot_id = l.id AND last.state = 'done'
           )
        """
    )

    # The parts issued into the customers' equipment are no units of theirs.
    parts = env["sunshine.ticket.part"].search([("state", "=", "issued")])
    lines = env["stock.move.line"].search(
        [
            ("state", "=", "done"),
            ("move_id", "not in", (parts.move_id | parts.return_move_id).ids),
            ("lot_id.customer_id", "=", False),
            ("lot_id.delivery_date", "=", False),
            ("product_id.tracking", "=", "serial"),
            "|",
            ("location_id.usage", "=", "customer"),
            ("location_dest_id.usage", "=", "customer"),
        ]
    )
    lines._sunshine_follow_installed_base()
