import logging

import psycopg2

from odoo.exceptions import UserError
from odoo.modules.db import has_trigram

_logger = logging.getLogger(__name__)


def pre_init_hook(env):
    """Make sure the database has pg_trgm before the case tables are made.

    The suggestions rank cases by trigram similarity and the case texts
    carry trigram indexes (``index="trigram"``). Odoo creates the extension
    itself when it creates a database; a database made otherwise may lack
    it. pg_trgm is a trusted extension from PostgreSQL 13: the owner of the
    database may create it without being a superuser. The registry read
    whether the extension exists when it was loaded, before this hook, so
    it is told here, for the indexes of this install to be made.
    """
    cr = env.cr
    if has_trigram(cr):
        return
    try:
        with cr.savepoint():
            cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg2.Error as error:
        raise UserError(
            "The experience cases need the PostgreSQL extension pg_trgm, and "
            f"it could not be created ({error.pgerror or error}). Ask the "
            "database administrator to run CREATE EXTENSION pg_trgm; in this "
            "database, then install the addon again."
        ) from error
    _logger.info("PostgreSQL extension pg_trgm created for the experience cases")
    env.registry.has_trigram = True
