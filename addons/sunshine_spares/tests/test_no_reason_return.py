from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestNoReasonReturn(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse, cls.team = cls.create_centre("Test Return Centre", "TRET")
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.customer.property_stock_customer
        # delivered on 2025-01-10 from the centre: the last day to return is
        # the 17th. The delivery gives the serial its customer and its date.
        cls.lot = cls.create_lot("TEST-SN-RET", customer_id=False, delivery_date=False)
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.product, cls.stock, 1, lot_id=cls.lot)
        with freeze_time("2025-01-10 03:00:00"):
            cls.env["stock.picking"]._sunshine_transfer(
                cls.warehouse.out_type_id,
                cls.stock,
                cls.customers,
                [(cls.product, cls.lot, 1)],
                partner_id=cls.customer.id,
            )
        cls.in_stock = cls.create_lot("TEST-SN-STOCK", delivery_date=False)
        Quant._update_available_quantity(cls.product, cls.stock, 1, lot_id=cls.in_stock)
        cls.warehouse_user = new_test_user(
            cls.env,
            login="return_warehouse",
            groups="sunshine_spares.group_spares_user,"
            "sunshine_helpdesk.group_service_agent",
        )
        cls.warehouse.centre_user_ids = [Command.link(cls.warehouse_user.id)]

    def return_lot(self, lot, user=None):
        action = lot.with_user(user or self.env.user).action_no_reason_return()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.env.user)
            .with_context(**action["context"])
        )
        if not form.warehouse_id:  # never delivered from a centre
            form.warehouse_id = self.warehouse
        return form.save().action_confirm()

    def assert_at_customer(self):
        self.assertEqual(self.on_hand(self.product, self.customers, self.lot), 1)
        self.assertEqual(self.on_hand(self.product, self.stock, self.lot), 0)

    @freeze_time("2025-01-17 15:00:00")
    def test_day_7_is_taken_back_into_the_centre(self):
        self.assert_at_customer()
        self.return_lot(self.lot, self.warehouse_user)
        self.assertEqual(self.on_hand(self.product, self.customers, self.lot), 0)
        self.assertEqual(self.on_hand(self.product, self.stock, self.lot), 1)
        self.assertFalse(self.lot.customer_id)
        self.assertFalse(self.lot.regional_representative_id, "no more reminders")
        self.assertIn("Returned without reason", self.lot.message_ids[0].body)

    @freeze_time("2025-01-18 09:00:00")
    def test_day_8_is_refused_with_the_dates(self):
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            self.return_lot(self.lot, self.warehouse_user)
        message = str(caught.exception)
        self.assertIn("delivered on 2025-01-10", message)
        self.assertIn("ended on 2025-01-17", message)
        self.assert_at_customer()
        self.assertEqual(self.lot.customer_id, self.customer)

    @freeze_time("2025-01-12")
    def test_serial_never_delivered_is_refused(self):
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            self.return_lot(self.in_stock)
        self.assertIn("never delivered", str(caught.exception))
        self.assertEqual(self.on_hand(self.product, self.stock, self.in_stock), 1)
        # a delivery date alone does not make a serial delivered
        self.in_stock.delivery_date = date(2025, 1, 10)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.return_lot(self.in_stock)
        self.assertEqual(self.on_hand(self.product, self.stock, self.in_stock), 1)

    @freeze_time("2025-01-12")
    def test_returned_serial_cannot_be_returned_twice(self):
        self.return_lot(self.lot)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.return_lot(self.lot)
        self.assertEqual(self.on_hand(self.product, self.stock, self.lot), 1)

    @freeze_time("2025-01-12")
    def test_wizard_proposes_the_delivering_centre(self):
        action = self.lot.action_no_reason_return()
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(form.warehouse_id, self.warehouse)
        self.assertEqual(form.last_return_date, date(2025, 1, 17))

    def test_offered_within_the_period_only(self):
        with freeze_time("2025-01-17 15:00:00"):
            self.lot.invalidate_recordset(["no_reason_return_open"])
            self.assertTrue(self.lot.no_reason_return_open, "day 7")
        with freeze_time("2025-01-18 09:00:00"):
            self.lot.invalidate_recordset(["no_reason_return_open"])
            self.assertFalse(self.lot.no_reason_return_open, "day 8")
            with self.assertRaises(UserError) as caught:
                self.lot.with_user(self.warehouse_user).action_no_reason_return()
            self.assertIn("ended on 2025-01-17", str(caught.exception))
        self.assertFalse(self.in_stock.no_reason_return_open, "never delivered")
        arch = self.env["stock.lot"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn('invisible="not no_reason_return_open"', arch)

    @freeze_time("2025-01-12")
    def test_each_refusal_names_its_reason(self):
        with self.assertRaises(UserError) as caught:
            self.in_stock.action_no_reason_return()
        self.assertIn("was never delivered to a customer", str(caught.exception))
        self.return_lot(self.lot)
        self.lot.invalidate_recordset(["no_reason_return_open"])
        self.assertFalse(self.lot.no_reason_return_open, "back in stock")
        self.lot.delivery_date = date(2025, 1, 10)
        with self.assertRaises(UserError) as caught:
            self.lot.action_no_reason_return()
        message = str(caught.exception)
        self.assertIn("is not at a customer's but in", message)
        self.assertIn(self.stock.display_name, message)
        self.assertNotIn("never delivered", message)
