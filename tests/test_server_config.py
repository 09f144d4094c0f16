"""The configurations ./sunshine serves and production starts from (issue 15,
items 3 and 14): no database manager open to a caller's password, only the
served database listed, the language loaded with the database, not at start."""

import configparser
import json
import subprocess
import sys
from pathlib import Path

from suite_case import SuiteHttpCase

from odoo.tools import config, mute_logger

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"


def read_template(name):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(CONFIG_DIR / name)
    return parser["options"]


class TestServerConfig(SuiteHttpCase):
    def setUp(self):
        super().setUp()
        self.db = self.env.cr.dbname

    def test_master_password_is_not_odoos_default(self):
        self.assertFalse(
            config.verify_admin_password("admin"),
            "the served configuration keeps Odoo's default master password",
        )
        self.assertEqual(
            read_template("odoo.conf.template")["admin_passwd"], "@ADMIN_PASSWD@"
        )

    @mute_logger("odoo.addons.web.controllers.database", "odoo.http")
    def test_backup_with_a_password_of_the_callers_choosing_is_refused(self):
        rcfile = Path(config.rcfile)
        saved = rcfile.read_text()
        stored = config["admin_passwd"]
        for password in ("admin", "chosen-by-the-caller", ""):
            with self.subTest(password=password):
                response = self.url_open(
                    "/web/database/backup",
                    data={
                        "master_pwd": password,
                        "name": self.db,
                        "backup_format": "zip",
                    },
                )
                self.assertNotIn(
                    "attachment", response.headers.get("Content-Disposition", "")
                )
                self.assertNotEqual(
                    response.headers.get("Content-Type", "").split(";")[0],
                    "application/octet-stream",
                )
                self.assertIn("Database backup error", response.text)
        self.assertEqual(
            config["admin_passwd"], stored, "the master password was replaced"
        )
        self.assertEqual(rcfile.read_text(), saved, "the configuration was rewritten")

    def test_only_the_served_database_is_listed(self):
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"service": "db", "method": "list", "args": []},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json().get("result"), [self.db])
        response = self.url_open(
            "/web/database/list",
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json().get("result"), [self.db])

    def test_production_template_closes_the_database_manager(self):
        options = read_template("odoo.production.conf.template")
        self.assertEqual(options["list_db"], "False")
        self.assertEqual(options["without_demo"], "all")
        self.assertEqual(options["proxy_mode"], "True")
        self.assertGreaterEqual(int(options["workers"]), 2)
        self.assertGreaterEqual(int(options["max_cron_threads"]), 2)
        self.assertEqual(options["dbfilter"], "^@DB_NAME@$")
        self.assertEqual(options["admin_passwd"], "@MASTER_PASSWORD_HASH@")
        self.assertNotIn("load_language", options)

    def test_language_loaded_with_the_database_not_at_start(self):
        for name in ("odoo.conf.template", "odoo.production.conf.template"):
            self.assertNotIn("load_language", read_template(name), name)
        served = configparser.ConfigParser(interpolation=None)
        served.read(config.rcfile)
        self.assertNotIn("load_language", served["options"])
        # loaded once, at the creation: the demo users read Chinese
        self.assertTrue(self.env["res.lang"]._lang_get("zh_CN").active)
        self.assertEqual(
            self.env.ref("sunshine_helpdesk.user_agent_changsha").lang, "zh_CN"
        )

    def test_two_processes_started_together_both_come_up(self):
        odoo_bin = Path(config["root_path"]).parent / "odoo-bin"
        command = [
            sys.executable,
            str(odoo_bin),
            "-c",
            config.rcfile,
            "-d",
            self.db,
            "--no-http",
            "--stop-after-init",
            "--log-level=warn",
        ]
        processes = [
            subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            for _index in range(2)
        ]
        for process in processes:
            output, _errors = process.communicate(timeout=600)
            self.assertEqual(process.returncode, 0, output)
            self.assertNotIn("Failed to load registry", output)
            self.assertNotIn("ERROR", output)
