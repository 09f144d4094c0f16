"""Renew the record rules whose content changed in 18.0.1.1.0.

The rules file is ``noupdate``: an update keeps the rules as they were.
Removing these before the data loads lets the update create them anew
from the XML (or not at all, for the portal rule, which is gone).
"""

from odoo import SUPERUSER_ID, api

# Agents were allowed the parts of every ticket; now those they work on.
# Customers read their serials through the portal page only.
RENEWED_RULES = (
    "sunshine_spares.sunshine_ticket_part_rule_agent",
    "sunshine_spares.stock_lot_rule_portal",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in RENEWED_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.unlink()
