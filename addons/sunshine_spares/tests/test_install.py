from odoo.tests import TransactionCase, tagged

from odoo.addons.sunshine_helpdesk.tests.common import AddonInstallMixin


@tagged("post_install", "-at_install")
class TestInstall(AddonInstallMixin, TransactionCase):
    module = "sunshine_spares"
    group_xmlids = ("group_spares_user", "group_spares_manager")
    root_menu_xmlid = "sunshine_spares_menu_root"
