from odoo.tests import TransactionCase, tagged

from odoo.addons.sunshine_helpdesk.tests.common import AddonInstallMixin


@tagged("post_install", "-at_install")
class TestInstall(AddonInstallMixin, TransactionCase):
    module = "sunshine_quality"
    group_xmlids = (
        "group_quality_handler",
        "group_quality_user",
        "group_quality_manager",
    )
    root_menu_xmlid = "sunshine_quality_menu_root"
