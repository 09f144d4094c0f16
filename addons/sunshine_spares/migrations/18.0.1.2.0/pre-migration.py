"""Renew the record rule whose content changed in 18.0.1.2.0.

The rules file is ``noupdate``: an update keeps the rules as they were.
Removing this one before the data loads lets the update create it anew from
the XML; the new rules (moves, move lines, locations) are created anyway.
"""

from odoo import SUPERUSER_ID, api

# The transfers of a centre's staff now also hold their locations to it.
RENEWED_RULES = ("sunshine_spares.stock_picking_rule_centre_staff",)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in RENEWED_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.unlink()
