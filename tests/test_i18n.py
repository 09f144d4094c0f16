"""Every user-facing string of every Sunshine addon has a zh_CN translation."""

from pathlib import Path

import polib
from suite_case import SuiteCase

from odoo.tools.translate import TranslationModuleReader

ADDONS_DIR = Path(__file__).resolve().parent.parent / "addons"
ADDONS = sorted(path.name for path in ADDONS_DIR.glob("sunshine_*"))


class TestTranslations(SuiteCase):
    def test_every_term_has_a_chinese_translation(self):
        self.assertEqual(len(ADDONS), 6)
        for addon in ADDONS:
            with self.subTest(addon=addon):
                po_path = ADDONS_DIR / addon / "i18n" / "zh_CN.po"
                self.assertTrue(po_path.exists(), f"{po_path} is missing")
                translated = {
                    entry.msgid
                    for entry in polib.pofile(str(po_path))
                    if entry.msgstr and "fuzzy" not in entry.flags
                }
                # a term the extractor cannot read is logged, not raised
                with self.assertNoLogs("odoo.tools.translate", level="ERROR"):
                    terms = {
                        term[4]
                        for term in TranslationModuleReader(self.env.cr, [addon])
                    }
                missing = sorted(terms - translated)
                self.assertFalse(
                    missing,
                    f"{addon}: {len(missing)} terms without zh_CN translation; "
                    "run ./sunshine i18n and translate them",
                )

    def test_selections_of_shared_fields_are_chinese(self):
        """Selections a model takes from a mixin are named after the mixin's
        addon (sunshine_helpdesk.selection__repair_order__sla_status__met),
        whose terms load before the model has them: they are translated all
        the same, from the first install on."""
        Selection = self.env["ir.model.fields.selection"]
        sla_models = self.env.registry.descendants(["sunshine.sla.mixin"], "_inherit")
        selections = Selection.search(
            [
                ("field_id.model", "in", sorted(sla_models - {"sunshine.sla.mixin"})),
                ("field_id.name", "=", "sla_status"),
            ]
        ) | Selection.search(
            [
                ("field_id.model", "=", "helpdesk.ticket"),
                (
                    "field_id.name",
                    "in",
                    ["activity_state", "activity_exception_decoration"],
                ),
            ]
        )
        self.assertTrue(selections)
        english = {sel.id: sel.name for sel in selections.with_context(lang="en_US")}
        untranslated = sorted(
            f"{sel.field_id.model}.{sel.field_id.name}: {sel.value}"
            for sel in selections.with_context(lang="zh_CN")
            if sel.name == english[sel.id]
        )
        self.assertFalse(untranslated, "selection values without zh_CN")
