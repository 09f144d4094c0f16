from odoo import http
from odoo.tests import HttpCase, tagged

from .inspection_common import SunshineInspectionCase


@tagged("post_install", "-at_install")
class TestInspectionPortal(SunshineInspectionCase, HttpCase):
    """The customer confirms the planned date and downloads the signed
    report over HTTP; another customer is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot("T-PORTAL", commissioning_date="2025-01-01")
        cls.planned = cls.create_inspection(cls.lot, planned="2026-11-20")
        cls.signed = cls.create_inspection(cls.lot, planned="2026-08-20")
        cls.signed.with_user(cls.officer).action_record_consent()
        cls.signed.with_user(cls.engineer).action_start()
        for line in cls.signed.line_ids:
            line.result = "ok"
        cls.signed.with_user(cls.engineer).write(
            {"signed_by": "Test Signer", "signature": cls.SIGNATURE}
        )
        cls.signed.with_user(cls.engineer).action_done()

    def post(self, url, **data):
        return self.url_open(
            url, data={**data, "csrf_token": http.Request.csrf_token(self)}
        )

    def test_customer_confirms_the_date(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        home = self.url_open("/my")
        self.assertIn("/my/inspections", home.text)
        listing = self.url_open("/my/inspections")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.planned.name, listing.text)
        self.assertIn(self.signed.name, listing.text)
        page = self.url_open(f"/my/inspections/{self.planned.id}")
        self.assertIn("o_inspection_confirm", page.text)
        page = self.post(f"/my/inspections/{self.planned.id}/confirm")
        self.assertIn("o_inspection_confirmed", page.text)
        self.planned.invalidate_recordset()
        self.assertEqual(self.planned.state, "confirmed")
        self.assertEqual(self.planned.consent_channel, "portal")
        self.assertEqual(self.planned.consent_by, self.contact.display_name)
        self.assertEqual(self.planned.consent_user_id, self.portal_user)
        # a second confirmation is refused with the reason on the page
        page = self.post(f"/my/inspections/{self.planned.id}/confirm")
        self.assertIn("o_inspection_error", page.text)

    def test_customer_downloads_the_signed_report(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open(f"/my/inspections/{self.signed.id}")
        self.assertIn("o_inspection_report", page.text)
        report = self.url_open(f"/my/inspections/{self.signed.id}/report")
        self.assertEqual(report.status_code, 200)
        self.assertEqual(report.content, self.signed.report_attachment_id.raw)
        self.assertIn("attachment", report.headers["Content-Disposition"])
        self.assertNotIn(
            "o_inspection_report",
            self.url_open(f"/my/inspections/{self.planned.id}").text,
        )

    def test_another_customer_is_refused(self):
        self.authenticate(self.portal_b.login, self.portal_b.login)
        listing = self.url_open("/my/inspections")
        self.assertNotIn(self.planned.name, listing.text)
        for url in (
            f"/my/inspections/{self.planned.id}",
            f"/my/inspections/{self.signed.id}/report",
        ):
            response = self.url_open(url)
            self.assertNotIn(self.planned.name, response.text)
            self.assertNotEqual(response.content, self.signed.report_attachment_id.raw)
        self.post(f"/my/inspections/{self.planned.id}/confirm")
        self.planned.invalidate_recordset()
        self.assertEqual(self.planned.state, "planned")

    def test_the_notice_links_to_the_request(self):
        self.planned.with_user(self.officer).action_send_notice()
        message = self.planned.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        self.assertIn(self.planned.lot_id.name, message.subject)
        self.assertIn(f"/my/inspections/{self.planned.id}", message.body)
        self.assertIn(self.customer, message.partner_ids)
        self.assertTrue(self.planned.notice_date)
