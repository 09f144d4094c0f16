from odoo.tests import TransactionCase, tagged

from odoo.addons.sunshine_helpdesk.tests.common import AddonInstallMixin


@tagged("post_install", "-at_install")
class TestInstall(AddonInstallMixin, TransactionCase):
    module = "sunshine_training"
    group_xmlids = ("group_training_trainer", "group_training_manager")
    root_menu_xmlid = "sunshine_training_menu_root"
