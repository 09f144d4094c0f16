"""SECURITY.md says what the database does: its access matrix is the one of
ir.model.access, its record rules are the ones of ir.rule."""

import re
from pathlib import Path

from suite_case import SuiteCase

from odoo.tests import new_test_user

SECURITY_MD = Path(__file__).resolve().parent.parent / "SECURITY.md"
MODES = (("R", "read"), ("W", "write"), ("C", "create"), ("D", "unlink"))
# the addons whose every model must be in the matrix
DOCUMENTED_ADDONS = (
    "sunshine_helpdesk",
    "sunshine_spares",
    "sunshine_training",
    "sunshine_case",
    "sunshine_quality",
)
XMLID = re.compile(r"`([\w.]+)`")


def parse_tables(text):
    """Every Markdown table of ``text``: a list of (header, rows) with the
    cells stripped."""
    tables, current = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("|"):
            current = None
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if current is None:
            current = (cells, [])
            tables.append(current)
        elif not set("".join(cells)) <= set("-: "):
            current[1].append(cells)
    return tables


class TestSecurityMatrix(SuiteCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tables = parse_tables(SECURITY_MD.read_text())
        cls.roles = {}
        cls.access = {}
        cls.rules = {}
        for header, rows in tables:
            if header == ["role", "groups"]:
                for role, groups in rows:
                    cls.roles[role] = XMLID.findall(groups)
        for header, rows in tables:
            if header[0] == "model" and set(header[1:]) <= set(cls.roles):
                for row in rows:
                    model = XMLID.findall(row[0])[0]
                    cls.access[model] = dict(zip(header[1:], row[1:], strict=True))
            elif header == ["model", "rule", "groups", "records"]:
                for model, rule, groups, _records in rows:
                    xmlid = XMLID.findall(rule)[0]
                    cls.rules[xmlid] = (
                        XMLID.findall(model)[0],
                        set(XMLID.findall(groups)),
                    )
        cls.users = {
            role: new_test_user(
                cls.env,
                login="matrix_" + re.sub(r"\W+", "_", role.lower()),
                groups=",".join(groups),
            )
            for role, groups in cls.roles.items()
        }

    def test_the_page_has_its_tables(self):
        self.assertIn("Agent", self.roles)
        self.assertIn("helpdesk.ticket", self.access)
        self.assertIn("sunshine_helpdesk.helpdesk_ticket_rule_agent", self.rules)

    def test_every_model_of_the_addons_is_in_the_matrix(self):
        models = {
            model.model
            for model in self.env["ir.model"].search([])
            if model.model in self.env
            and not self.env[model.model]._abstract
            and self.env[model.model]._original_module in DOCUMENTED_ADDONS
        }
        self.assertFalse(models - set(self.access), "models missing in SECURITY.md")

    def test_access_rights_are_the_documented_ones(self):
        Access = self.env["ir.model.access"]
        for model, cells in self.access.items():
            for role, cell in cells.items():
                with self.subTest(model=model, role=role):
                    granted = "".join(
                        letter
                        for letter, mode in MODES
                        if Access.with_user(self.users[role]).check(
                            model, mode, raise_exception=False
                        )
                    )
                    self.assertEqual(cell, granted or "—")

    def test_record_rules_are_the_documented_ones(self):
        rules = self.env["ir.rule"].search(
            [("model_id.model", "in", list(self.access))]
        )
        xmlids = rules.get_external_id()
        found = {}
        for rule in rules:
            groups = rule.groups.get_external_id()
            found[xmlids[rule.id]] = (
                rule.model_id.model,
                {groups[group.id] for group in rule.groups},
            )
        self.assertEqual(set(found) - set(self.rules), set(), "rules not documented")
        self.assertEqual(set(self.rules) - set(found), set(), "rules documented, gone")
        for xmlid, (model, groups) in found.items():
            with self.subTest(rule=xmlid):
                self.assertEqual(self.rules[xmlid], (model, groups))
