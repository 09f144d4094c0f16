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
    if not has_trigram(cr):
        _create_trigram_extension(env)
    # pg_trgm reads letters by the character type of the database: with
    # LC_CTYPE "C", Chinese has none and only Latin words would compare.
    cr.execute("SELECT cardinality(show_trgm('电源告警'))")
    if not cr.fetchone()[0]:
        _logger.warning(
            "pg_trgm finds no trigram in Chinese text in this database "
            "(character type C): the case suggestions compare the Latin "
            "words only. Create the database with a UTF-8 LC_CTYPE."
        )


def _create_trigram_extension(env):
    cr = env.cr
    try:
        with cr.savepoint():
            cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg2.Error as error:
        raise UserError(
            env._(
                "The experience cases need the PostgreSQL extension pg_trgm, "
                "and it could not be created (%(error)s). Ask the database "
                "administrator to run CREATE EXTENSION pg_trgm; in this "
                "database, then install the addon again.",
                error=(error.pgerror or str(error)).strip(),
            )
        ) from error
    _logger.info("PostgreSQL extension pg_trgm created for the experience cases")
    env.registry.has_trigram = True
