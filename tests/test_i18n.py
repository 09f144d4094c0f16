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
                # A record's term (a view's label, a field's name) is
                # imported for the records its entry names: the same msgid
                # translated elsewhere leaves this record in English. Code
                # terms are looked up by their msgid, in entries of code.
                translated = set()
                for entry in polib.pofile(str(po_path)):
                    if not entry.msgstr or "fuzzy" in entry.flags:
                        continue
                    translated.update(
                        ("code" if path.startswith("code:") else path, entry.msgid)
                        for path, _line in entry.occurrences
                    )
                # a term the extractor cannot read is logged, not raised
                with self.assertNoLogs("odoo.tools.translate", level="ERROR"):
                    terms = {
                        ("code", source)
                        if ttype == "code"
                        else (f"{ttype}:{name}:{res_id}", source)
                        for _module, ttype, name, res_id, source, *_rest in (
                            TranslationModuleReader(self.env.cr, [addon])
                        )
                    }
                missing = sorted(terms - translated)
                self.assertFalse(
                    missing,
                    f"{addon}: {len(missing)} terms without zh_CN translation "
                    f"(first: {missing[:5]}); run ./sunshine i18n and "
                    "translate them",
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
