from odoo.tests import TransactionCase, tagged

from odoo.addons.sunshine_helpdesk.tests.common import AddonInstallMixin


@tagged("post_install", "-at_install")
class TestInstall(AddonInstallMixin, TransactionCase):
    module = "sunshine_case"
    group_xmlids = ("group_case_user", "group_case_reviewer")
    root_menu_xmlid = "sunshine_case_menu_root"

    def test_service_roles_get_the_case_roles(self):
        """Agents use the cases, service managers review them."""
        agent = self.env.ref("sunshine_helpdesk.group_service_agent")
        manager = self.env.ref("sunshine_helpdesk.group_service_manager")
        user = self.env.ref("sunshine_case.group_case_user")
        reviewer = self.env.ref("sunshine_case.group_case_reviewer")
        self.assertIn(user, agent.trans_implied_ids)
        self.assertNotIn(reviewer, agent.trans_implied_ids)
        self.assertIn(reviewer, manager.trans_implied_ids)

    def test_trigram_indexes_on_the_compared_texts(self):
        self.env.cr.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE tablename = 'sunshine_case'"
        )
        indexes = dict(self.env.cr.fetchall())
        for column in ("search_text", "name"):
            definition = indexes.get(f"sunshine_case__{column}_index", "")
            self.assertIn("gin_trgm_ops", definition, column)
