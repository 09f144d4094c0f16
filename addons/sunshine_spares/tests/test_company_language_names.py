import re

from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestCompanyLanguageNames(SunshineSparesCase):
    """What code names once for every reader is named in the company's
    language, whoever creates it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.company.partner_id.lang = "zh_CN"
        cls.product.with_context(lang="zh_CN").name = "测试光传输设备"

    def test_spare_part_list_is_named_in_the_company_language(self):
        self.assertEqual(self.env.lang, "en_US", "created by an English user")
        part_list = self.env["sunshine.spare.part.list"].create(
            {"product_id": self.product.id}
        )
        self.assertEqual(part_list.name, "测试光传输设备")

    def test_defective_parts_location_is_named_in_the_company_language(self):
        warehouse, _team = self.create_centre("Test Naming Centre", "TNAM")
        location = warehouse._sunshine_defective_location()
        self.assertEqual(location.with_context(lang="en_US").name, "故障件")

    def test_install_names_the_lists_again_after_the_translations(self):
        part_list = self.env["sunshine.spare.part.list"].create(
            {"product_id": self.product.id}
        )
        part_list.name = "Test equipment, as named before the translations"
        post_init_hook(self.env)
        self.assertEqual(part_list.name, "测试光传输设备")

    def test_demo_categories_and_companies_are_chinese(self):
        if not self.env.ref(
            "sunshine_spares.lot_sdh_hunan_1", raise_if_not_found=False
        ):
            self.skipTest("no demo data")
        han = re.compile(r"[\u4e00-\u9fff]")
        names = self.env["product.category"].search(
            [("name", "not like", "Test%")]
        ).mapped("complete_name") + self.env["res.company"].search(
            [("name", "not like", "Test%")]
        ).mapped("name")
        self.assertIn("全部", names)
        self.assertFalse([name for name in names if not han.search(name)])
