"""Cross-addon checks of the Sunshine suite, run by pytest-odoo."""

from suite_case import SuiteCase

from odoo.tests import new_test_user

ADDONS = {
    "sunshine_helpdesk": {"helpdesk_mgmt"},
    "sunshine_spares": {"sunshine_helpdesk", "stock", "repair"},
    "sunshine_training": {"sunshine_helpdesk", "hr", "hr_skills"},
    "sunshine_quality": {
        "sunshine_helpdesk",
        "sunshine_spares",
        "survey",
        "report_xlsx",
    },
    "sunshine_case": {"sunshine_spares"},
}


class TestSuite(SuiteCase):
    def test_dependencies_follow_the_design(self):
        modules = self.env["ir.module.module"].search([("name", "in", list(ADDONS))])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        for module in modules:
            depends = set(module.dependencies_id.mapped("name"))
            self.assertLessEqual(ADDONS[module.name], depends, module.name)

    def test_service_manager_reaches_every_root_menu(self):
        manager = new_test_user(
            self.env,
            login="suite_manager",
            groups="sunshine_helpdesk.group_service_manager,"
            "sunshine_spares.group_spares_manager,"
            "sunshine_training.group_training_manager,"
            "sunshine_quality.group_quality_manager",
        )
        visible = self.env["ir.ui.menu"].with_user(manager)._visible_menu_ids()
        for addon in ADDONS:
            root = self.env.ref(f"{addon}.{addon}_menu_root")
            self.assertIn(root.id, visible, addon)

    def test_root_menus_are_translated_to_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        for addon in ADDONS:
            root = self.env.ref(f"{addon}.{addon}_menu_root")
            english = root.with_context(lang="en_US").name
            chinese = root.with_context(lang="zh_CN").name
            self.assertNotEqual(english, chinese, f"{addon}: {english} untranslated")
