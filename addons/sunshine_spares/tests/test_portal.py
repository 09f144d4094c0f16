from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    def test_customer_sees_its_equipment_and_warranty_end(self):
        company = self.env["res.partner"].create(
            {"name": "Portal Equipment Co.", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Portal Equipment Contact", "parent_id": company.id}
        )
        stranger = self.env["res.partner"].create(
            {"name": "Stranger Co.", "is_company": True}
        )
        self.env["res.lang"]._activate_lang("en_US")
        user = new_test_user(
            self.env,
            login="spares_portal_page",
            password="spares_portal_page",
            groups="base.group_portal",
            partner_id=contact.id,
            lang="en_US",
        )
        term = self.env["sunshine.warranty.term"].create(
            {"name": "Portal 2 years", "duration_months": 24, "start_event": "delivery"}
        )
        product = self.env["product.product"].create(
            {
                "name": "Portal Core Switch",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        Lot = self.env["stock.lot"]
        Lot.create(
            {
                "name": "PORTAL-SN-MINE",
                "product_id": product.id,
                "customer_id": company.id,
                "warranty_term_id": term.id,
                "delivery_date": date(2025, 4, 15),
            }
        )
        Lot.create(
            {
                "name": "PORTAL-SN-THEIRS",
                "product_id": product.id,
                "customer_id": stranger.id,
                "warranty_term_id": term.id,
                "delivery_date": date(2025, 4, 15),
            }
        )
        self.authenticate(user.login, user.login)
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/equipment", home.text)
        page = self.url_open("/my/equipment")
        self.assertEqual(page.status_code, 200)
        self.assertIn("PORTAL-SN-MINE", page.text)
        self.assertIn("Portal Core Switch", page.text)
        self.assertIn("04/14/2027", page.text, "the warranty end date")
        self.assertNotIn("PORTAL-SN-THEIRS", page.text)
        # the page, not the model: a serial's stock and cost fields stay hidden
        self.assertFalse(self.env["stock.lot"].with_user(user).has_access("read"))
