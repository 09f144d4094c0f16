"""Give every dispatched ticket its origin team (see hooks.fill_origin_team)."""

from odoo.addons.sunshine_helpdesk.hooks import fill_origin_team


def migrate(cr, version):
    if version:
        fill_origin_team(cr)
