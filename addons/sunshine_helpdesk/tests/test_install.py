from odoo.tests import TransactionCase, tagged

from odoo.addons.sunshine_helpdesk.tests.common import AddonInstallMixin


@tagged("post_install", "-at_install")
class TestInstall(AddonInstallMixin, TransactionCase):
    module = "sunshine_helpdesk"
    group_xmlids = (
        "group_service_agent",
        "group_service_dispatcher",
        "group_service_manager",
    )
    root_menu_xmlid = "sunshine_helpdesk_menu_root"
