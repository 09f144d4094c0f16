from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.modules.module import get_manifest
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import file_open

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestCompanySettings(SunshineSparesCase):
    """The commitments a company would change are its settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.warehouse, cls.team = cls.create_centre("Test Settings Centre", "TSET")

    def test_the_settings_form_writes_the_company(self):
        form = Form(self.env["res.config.settings"])
        form.sunshine_return_days = 10
        form.sunshine_warranty_notice_days = 60
        form.sunshine_repairs_before_replacement = 3
        form.save().execute()
        self.assertRecordValues(
            self.company,
            [
                {
                    "sunshine_return_days": 10,
                    "sunshine_warranty_notice_days": 60,
                    "sunshine_repairs_before_replacement": 3,
                }
            ],
        )
        for field_name, value in (
            ("sunshine_return_days", -1),
            ("sunshine_warranty_notice_days", -1),
            ("sunshine_repairs_before_replacement", 0),
        ):
            with (
                self.subTest(field=field_name),
                self.assertRaisesRegex(ValidationError, "after-sales settings"),
                self.env.cr.savepoint(),
            ):
                self.company[field_name] = value

    def test_the_return_period_is_the_companys(self):
        self.company.sunshine_return_days = 3
        lot = self.create_lot("TEST-SET-RET", customer_id=False, delivery_date=False)
        stock = self.warehouse.lot_stock_id
        self.env["stock.quant"]._update_available_quantity(
            self.product, stock, 1, lot_id=lot
        )
        with freeze_time("2025-01-10 03:00:00"):
            self.env["stock.picking"]._sunshine_transfer(
                self.warehouse.out_type_id,
                stock,
                self.customer.property_stock_customer,
                [(self.product, lot, 1)],
                partner_id=self.customer.id,
            )
        self.assertEqual(lot._no_reason_return_last_date(), date(2025, 1, 13))
        with (
            freeze_time("2025-01-14 03:00:00"),
            self.assertRaisesRegex(UserError, "period of 3 days ended on 2025-01-13"),
        ):
            lot._no_reason_return(self.warehouse)
        with freeze_time("2025-01-13 03:00:00"):
            lot._no_reason_return(self.warehouse)
        self.assertFalse(lot.customer_id)

    def test_the_warranty_notice_is_the_companys(self):
        lot = self.create_lot("TEST-SET-NOTICE")  # the warranty ends on 2026-02-28
        Lot = self.env["stock.lot"]
        with freeze_time("2026-01-10 03:00:00"):
            self.assertFalse(Lot._cron_warranty_ending(), "49 days left")
            self.company.sunshine_warranty_notice_days = 60
            self.assertEqual(Lot._cron_warranty_ending(), lot)
            self.assertFalse(Lot._cron_warranty_ending(), "once")

    def test_the_repairs_before_replacement_are_the_companys(self):
        fault = self.env["sunshine.fault.code"].create(
            {"code": "T-SET", "name": "Test Settings Fault"}
        )
        lot = self.create_lot("TEST-SET-REPL")
        repair = self.repair_of(lot, fault_code_id=fault.id)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Same fault",
                "description": "<p>Same fault</p>",
                "partner_id": self.customer.id,
                "team_id": self.team.id,
                "lot_id": lot.id,
                "fault_code_id": fault.id,
            }
        )
        self.assertFalse(ticket.replacement_required, "two repairs by default")
        self.company.sunshine_repairs_before_replacement = 1
        self.assertTrue(ticket.replacement_required, "recomputed by the setting")
        keeper = new_test_user(
            self.env,
            login="settings_keeper",
            groups="sunshine_spares.group_spares_user",
        )
        self.warehouse.centre_user_ids = [Command.link(keeper.id)]
        with self.assertRaisesRegex(UserError, "No unit of"):
            ticket.with_user(keeper).action_propose_replacement()


@tagged("post_install", "-at_install")
class TestSeedWarrantyTerms(SunshineSparesCase):
    """The seed's warranty terms are the addon's data, not its demo."""

    TERMS = ("warranty_term_1y_lifetime", "warranty_term_2y", "warranty_term_3y")

    def test_the_terms_ship_as_data_the_service_manager_edits(self):
        manifest = get_manifest("sunshine_spares")
        data = "".join(
            file_open(f"sunshine_spares/{path}").read()
            for path in manifest["data"]
            if path.endswith(".xml")
        )
        demo = "".join(
            file_open(f"sunshine_spares/{path}").read() for path in manifest["demo"]
        )
        for xmlid in self.TERMS:
            with self.subTest(term=xmlid):
                self.assertIn(f'<record id="{xmlid}"', data)
                self.assertNotIn(f'<record id="{xmlid}"', demo)
                term = self.env.ref(f"sunshine_spares.{xmlid}")
                self.assertTrue(
                    self.env["ir.model.data"]
                    .search([("module", "=", "sunshine_spares"), ("name", "=", xmlid)])
                    .noupdate,
                    "an update keeps the manager's changes",
                )
        durations = [
            self.env.ref(f"sunshine_spares.{xmlid}").duration_months
            for xmlid in self.TERMS
        ]
        self.assertEqual(durations, [12, 24, 36])
        manager = new_test_user(
            self.env,
            login="terms_service_manager",
            groups="sunshine_helpdesk.group_service_manager",
        )
        term.with_user(manager).write(
            {"repaired_part_months": 12, "repaired_part_scope": "part"}
        )
        self.assertEqual(term.repaired_part_scope, "part")
