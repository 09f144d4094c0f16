import base64

from odoo.tests import HttpCase, tagged

from .common import SunshineCaseCase


@tagged("post_install", "-at_install")
class TestPortal(SunshineCaseCase, HttpCase):
    """Customers read the public cases on the portal FAQ, and nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.portal_user.lang = "en_US"
        cases = cls.create_cases()
        cls.public = cases["pwr_battery_backup"]
        cls.public._sunshine_as_action().write({"is_public": True})
        cls.internal = cases["pwr_battery_bulge"]
        cls.public_draft = cases["pwr_fuse"]
        cls.public_draft._sunshine_as_action().write(
            {"is_public": True, "state": "reviewed"}
        )
        Attachment = cls.env["ir.attachment"]
        cls.public_file = Attachment.create(
            {
                "name": "核容测试记录.txt",
                "raw": "放电 2 小时".encode(),
                "res_model": "sunshine.case",
            }
        )
        cls.public.attachment_ids = cls.public_file
        cls.internal_file = Attachment.create(
            {"name": "internal.txt", "datas": base64.b64encode(b"internal")}
        )
        cls.internal.attachment_ids = cls.internal_file

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_user.login, self.portal_user.login)

    def test_customer_reads_a_public_case(self):
        page = self.url_open(f"/my/faq/{self.public.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.public.name, page.text)
        self.assertIn("核对性放电测试", page.text)
        self.assertIn(self.lines["power"].name, page.text)
        self.assertIn("核容测试记录.txt", page.text)
        self.assertEqual(self.public_file.res_id, self.public.id)
        download = self.url_open(
            f"/my/faq/{self.public.id}/attachment/{self.public_file.id}"
        )
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, "放电 2 小时".encode())

    def test_customer_is_refused_an_internal_case(self):
        for case in (self.internal, self.public_draft):
            with self.subTest(case=case.name):
                page = self.url_open(f"/my/faq/{case.id}")
                self.assertEqual(page.status_code, 404)
                self.assertNotIn(case.name, page.text)
        download = self.url_open(
            f"/my/faq/{self.internal.id}/attachment/{self.internal_file.id}"
        )
        self.assertEqual(download.status_code, 404)
        # nor a file of another record through a public case
        download = self.url_open(
            f"/my/faq/{self.public.id}/attachment/{self.internal_file.id}"
        )
        self.assertEqual(download.status_code, 404)

    def test_faq_lists_the_public_cases_by_product_line(self):
        home = self.url_open("/my")
        self.assertIn("/my/faq", home.text)
        page = self.url_open("/my/faq")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.public.name, page.text)
        self.assertNotIn(self.internal.name, page.text)
        self.assertNotIn(self.public_draft.name, page.text)
        power = self.lines["power"]
        self.assertIn(f"/my/faq?line={power.id}", page.text)
        self.assertNotIn(f"/my/faq?line={self.lines['access'].id}", page.text)
        other_line = self.url_open(f"/my/faq?line={self.lines['access'].id}")
        self.assertNotIn(self.public.name, other_line.text)
        found = self.url_open("/my/faq?search=蓄电池")
        self.assertIn(self.public.name, found.text)
        missed = self.url_open("/my/faq?search=交换机")
        self.assertNotIn(self.public.name, missed.text)
