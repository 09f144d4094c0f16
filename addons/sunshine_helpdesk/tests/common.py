from odoo.tests import new_test_user


class AddonInstallMixin:
    """Checks that an addon installed with its groups and its root menu.

    Mixed into a ``TransactionCase`` by each Sunshine addon, which sets
    ``module``, ``group_xmlids`` (lowest first) and ``root_menu_xmlid``.
    """

    module = None
    group_xmlids = ()
    root_menu_xmlid = None

    def test_addon_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", self.module)])
        self.assertEqual(module.state, "installed")

    def test_groups_have_a_category(self):
        for xmlid in self.group_xmlids:
            group = self.env.ref(f"{self.module}.{xmlid}")
            self.assertTrue(group.category_id, f"{xmlid} has no category")

    def test_root_menu_only_for_the_addon_groups(self):
        menu = self.env.ref(f"{self.module}.{self.root_menu_xmlid}")
        member = new_test_user(
            self.env,
            login=f"{self.module}_member",
            groups=f"base.group_user,{self.module}.{self.group_xmlids[0]}",
        )
        outsider = new_test_user(
            self.env, login=f"{self.module}_outsider", groups="base.group_user"
        )
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(member)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(outsider)._visible_menu_ids())
