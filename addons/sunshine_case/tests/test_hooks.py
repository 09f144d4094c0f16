from unittest.mock import patch

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.sunshine_case import hooks


@tagged("post_install", "-at_install")
class TestHooks(TransactionCase):
    """The installation makes sure of pg_trgm, or says what to ask for."""

    def test_existing_extension_kept_quietly(self):
        with self.assertNoLogs("odoo.addons.sunshine_case.hooks", level="INFO"):
            hooks.pre_init_hook(self.env)
        self.env.cr.execute("SELECT cardinality(show_trgm('电源告警'))")
        self.assertGreater(self.env.cr.fetchone()[0], 0, "Chinese has trigrams")

    def test_extension_that_cannot_be_created_stops_the_install(self):
        cr = self.env.cr
        execute = cr.execute

        def refuse(query, *args, **kwargs):
            if "CREATE EXTENSION" in str(query):
                raise psycopg2.errors.InsufficientPrivilege(
                    'permission denied to create extension "pg_trgm"'
                )
            return execute(query, *args, **kwargs)

        with (
            patch.object(hooks, "has_trigram", return_value=False),
            patch.object(cr, "execute", refuse),
            self.assertRaisesRegex(UserError, "CREATE EXTENSION pg_trgm;"),
        ):
            hooks.pre_init_hook(self.env)
