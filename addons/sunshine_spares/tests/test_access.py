from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestAccess(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot()
        cls.other_lot = cls.create_lot(
            "TEST-SN-OTHER", customer_id=cls.other_customer.id
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="spares_warehouse",
            groups="sunshine_spares.group_spares_user",
        )
        cls.agent = new_test_user(
            cls.env,
            login="spares_agent",
            groups="sunshine_helpdesk.group_service_agent",
        )
        cls.service_manager = new_test_user(
            cls.env,
            login="spares_service_manager",
            groups="sunshine_helpdesk.group_service_manager",
        )
        cls.spares_manager = new_test_user(
            cls.env,
            login="spares_manager",
            groups="sunshine_spares.group_spares_manager",
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="spares_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )

    def new_term(self, user):
        return (
            self.env["sunshine.warranty.term"]
            .with_user(user)
            .create(
                {
                    "name": f"Term of {user.login}",
                    "duration_months": 24,
                    "start_event": "delivery",
                    "fee_ids": [
                        Command.create(
                            {"service_type_id": self.service_onsite.id, "price": 900}
                        )
                    ],
                }
            )
        )

    def test_warehouse_user_records_the_installed_base(self):
        lot = self.lot.with_user(self.warehouse_user)
        lot.write({"site": "Substation 2", "commissioning_date": date(2025, 1, 20)})
        self.assertEqual(self.lot.site, "Substation 2")
        self.assertEqual(lot.warranty_term_id.read(["name"])[0]["name"], self.term.name)
        with self.assertRaises(AccessError):
            self.term.with_user(self.warehouse_user).duration_months = 6
        with self.assertRaises(AccessError):
            self.new_term(self.warehouse_user)

    def test_agent_reads_equipment_and_warranty_only(self):
        lot = self.lot.with_user(self.agent)
        self.assertEqual(lot.warranty_end_date, date(2026, 2, 28))
        self.assertEqual(lot.warranty_term_id.fee_ids.mapped("price"), [2000.0, 1500.0])
        # the form of the installed base opens without stock rights
        form = Form(lot)
        self.assertEqual(form.customer_id, self.customer)
        with self.assertRaises(AccessError):
            lot.write({"site": "Elsewhere"})
        with self.assertRaises(AccessError):
            self.term.with_user(self.agent).duration_months = 6
        with self.assertRaises(AccessError):
            self.new_term(self.agent)
        with self.assertRaises(AccessError):
            self.env["stock.lot"].with_user(self.agent).create(
                {"name": "AGENT-SN", "product_id": self.product.id}
            )

    def test_managers_set_terms_and_fee_schedules(self):
        for user in (self.service_manager, self.spares_manager):
            with self.subTest(user=user.login):
                term = self.new_term(user)
                self.assertEqual(term.fee_ids.price, 900)
                term.fee_ids.price = 950
                term.write(
                    {
                        "fee_ids": [
                            Command.create(
                                {"service_type_id": self.service_repair.id, "price": 1}
                            )
                        ]
                    }
                )
                self.assertEqual(sorted(term.fee_ids.mapped("price")), [1, 950])
                term.action_archive()
                self.assertFalse(term.active)

    def test_terms_follow_the_company(self):
        other_company = self.env["res.company"].create({"name": "Other Sunshine"})
        foreign = self.env["sunshine.warranty.term"].create(
            {"name": "Foreign term", "company_id": other_company.id}
        )
        Term = self.env["sunshine.warranty.term"].with_user(self.service_manager)
        self.assertNotIn(foreign, Term.search([]))
        self.assertIn(self.term, Term.search([]))

    def test_portal_has_no_access_to_serials_or_terms(self):
        # The portal page shows the customer's equipment (test_portal); the
        # model itself, with its stock and cost fields, stays closed.
        with self.assertRaises(AccessError):
            self.lot.with_user(self.portal_user).read(["name"])
        with self.assertRaises(AccessError):
            self.lot.with_user(self.portal_user).write({"site": "Mine"})
        with self.assertRaises(AccessError):
            self.env["sunshine.warranty.term"].with_user(self.portal_user).search([])
