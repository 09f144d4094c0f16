"""Renew the record rule whose content changed in 18.0.1.2.0 (its file is
``noupdate``); the new rules (moves, move lines, locations) are created by
the update anyway."""

from odoo.addons.sunshine_spares.tools import renew_noupdate_records

# The transfers of a centre's staff now also hold their locations to it.
RENEWED_RULES = ("sunshine_spares.stock_picking_rule_centre_staff",)


def migrate(cr, version):
    if version:
        renew_noupdate_records(cr, RENEWED_RULES)
