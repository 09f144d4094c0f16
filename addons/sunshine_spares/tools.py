"""Helpers of the addon's migrations."""

from odoo import SUPERUSER_ID, api


def renew_noupdate_records(cr, xmlids):
    """Delete the records of ``xmlids`` so that the update creates them anew.

    Their data file is ``noupdate``: an update keeps such records as they
    were. Run before the data loads (a pre-migration), this lets the new
    content of the XML in; a record the XML no longer holds stays deleted.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in xmlids:
        record = env.ref(xmlid, raise_if_not_found=False)
        if record:
            record.unlink()
