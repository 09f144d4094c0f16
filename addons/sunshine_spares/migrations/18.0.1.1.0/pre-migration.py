"""Renew the record rules whose content changed in 18.0.1.1.0 (their file
is ``noupdate``)."""

from odoo.addons.sunshine_spares.tools import renew_noupdate_records

# Agents were allowed the parts of every ticket; now those they work on.
# Customers read their serials through the portal page only.
RENEWED_RULES = (
    "sunshine_spares.sunshine_ticket_part_rule_agent",
    "sunshine_spares.stock_lot_rule_portal",
)


def migrate(cr, version):
    if version:
        renew_noupdate_records(cr, RENEWED_RULES)
