from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestRepairCharge(SunshineSparesCase):
    """The lot is in warranty until 2026-02-28; hardware repair costs 1500
    after it. A repair quotes a board of 800."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot()
        cls.fee_product = cls.env["product.product"].create(
            {"name": "Test Repair Fee", "type": "service", "list_price": 99.0}
        )
        cls.service_repair.product_id = cls.fee_product
        cls.board = cls.create_part("Test Line Board", list_price=800.0)

    def repair_on(self, day, lot=None, **values):
        with freeze_time(day):
            return self.env["repair.order"].create(
                dict(
                    {
                        "product_id": self.product.id,
                        "lot_id": (lot or self.lot).id,
                        "partner_id": self.customer.id,
                        "service_type_id": self.service_repair.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "product_id": self.board.id,
                                    "product_uom_qty": 2.0,
                                    "repair_line_type": "add",
                                }
                            )
                        ],
                    },
                    **values,
                )
            )

    def quote(self, repair, day):
        with freeze_time(day):
            repair.action_create_sale_order()
        return repair.sale_order_id

    def fee_lines(self, order):
        return order.order_line.filtered(
            lambda line: line.product_id == self.fee_product
        )

    def part_lines(self, order):
        return order.order_line.filtered(lambda line: line.product_id == self.board)

    def test_repair_in_warranty_is_free(self):
        repair = self.repair_on("2025-06-01 10:00:00")
        self.assertEqual(repair.warranty_status, "in_warranty")
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.fee_amount, 0.0)
        order = self.quote(repair, "2025-06-01 11:00:00")
        self.assertTrue(order.order_line)
        self.assertEqual(order.order_line.mapped("price_unit"), [0.0])
        self.assertEqual(order.amount_untaxed, 0.0)
        self.assertFalse(self.fee_lines(order))
        self.assertFalse(repair.fee_line_ids)

    def test_repair_after_warranty_charges_fee_and_parts(self):
        repair = self.repair_on("2026-06-01 10:00:00")
        self.assertEqual(repair.warranty_status, "out_of_warranty")
        self.assertFalse(repair.under_warranty)
        self.assertEqual(repair.fee_amount, 1500.0)
        order = self.quote(repair, "2026-06-01 11:00:00")
        fee_line = self.fee_lines(order)
        self.assertEqual(len(fee_line), 1)
        self.assertEqual(fee_line.fee_repair_id, repair)
        self.assertEqual(fee_line.product_uom_qty, 1.0)
        self.assertEqual(fee_line.price_unit, 1500.0)
        self.assertIn(repair.name, fee_line.name)
        part_line = self.part_lines(order)
        self.assertEqual(part_line.product_uom_qty, 2.0)
        self.assertEqual(part_line.price_unit, 800.0)
        self.assertEqual(order.amount_untaxed, 1500.0 + 2 * 800.0)

    def test_the_terms_coverage_decides_what_is_free(self):
        # parts not covered: the parts are charged, the work is not
        self.term.covers_parts = False
        repair = self.repair_on("2025-06-01 10:00:00")
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.fee_amount, 0.0)
        order = self.quote(repair, "2025-06-01 11:00:00")
        self.assertEqual(self.part_lines(order).price_unit, 800.0)
        self.assertFalse(self.fee_lines(order))
        # labour not covered: the parts are free, the work is charged
        self.term.write({"covers_parts": True, "covers_labour": False})
        repair = self.repair_on("2025-06-01 10:00:00")
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.fee_amount, 1500.0)
        order = self.quote(repair, "2025-06-01 11:00:00")
        self.assertEqual(self.part_lines(order).price_unit, 0.0)
        self.assertEqual(self.fee_lines(order).price_unit, 1500.0)

    def test_another_service_type_is_quoted_with_its_product(self):
        onsite_product = self.env["product.product"].create(
            {"name": "Test On-site Fee", "type": "service"}
        )
        self.service_onsite.product_id = onsite_product
        repair = self.repair_on("2026-06-01 10:00:00")
        order = self.quote(repair, "2026-06-01 11:00:00")
        repair.service_type_id = self.service_onsite
        self.assertEqual(repair.fee_amount, 2000.0)
        self.assertEqual(self.fee_lines(order).product_uom_qty, 0.0)
        onsite_line = order.order_line.filtered(
            lambda line: line.product_id == onsite_product
        )
        self.assertRecordValues(
            onsite_line, [{"product_uom_qty": 1.0, "price_unit": 2000.0}]
        )

    def test_goodwill_repair_after_warranty_is_free(self):
        repair = self.repair_on("2026-06-01 10:00:00")
        repair.under_warranty = True
        self.assertEqual(repair.fee_amount, 0.0)
        order = self.quote(repair, "2026-06-01 11:00:00")
        self.assertEqual(order.amount_untaxed, 0.0)

    def test_repaired_part_warranty_is_free(self):
        # as a repair done under warranty sets it (a direct write is refused)
        self.lot._sunshine_as_action().repaired_warranty_end_date = date(2026, 5, 31)
        repair = self.repair_on("2026-04-01 10:00:00")
        self.assertEqual(repair.warranty_status, "repaired_part_warranty")
        self.assertTrue(repair.under_warranty)
        order = self.quote(repair, "2026-04-01 11:00:00")
        self.assertEqual(order.order_line.mapped("price_unit"), [0.0])
        self.assertFalse(self.fee_lines(order))

    def test_user_overrides_warranty_on_the_form(self):
        """Unticked, the repair is charged; ticked again, it is free again."""
        repair = self.repair_on("2025-06-01 10:00:00")
        order = self.quote(repair, "2025-06-01 11:00:00")
        with Form(repair) as form:
            form.under_warranty = False
            self.assertEqual(form.fee_amount, 1500.0)
        self.assertEqual(self.part_lines(order).price_unit, 800.0)
        self.assertEqual(self.fee_lines(order).price_unit, 1500.0)
        self.assertEqual(self.fee_lines(order).product_uom_qty, 1.0)
        with Form(repair) as form:
            form.under_warranty = True
        self.assertEqual(self.part_lines(order).price_unit, 0.0)
        self.assertEqual(self.fee_lines(order).product_uom_qty, 0.0)
        self.assertEqual(order.amount_untaxed, 0.0)

    def test_fee_edited_on_the_repair_is_quoted(self):
        repair = self.repair_on("2026-06-01 10:00:00")
        order = self.quote(repair, "2026-06-01 11:00:00")
        repair.fee_amount = 1200.0
        self.assertEqual(self.fee_lines(order).price_unit, 1200.0)
        repair.fee_amount = 0.0
        self.assertEqual(self.fee_lines(order).product_uom_qty, 0.0)

    def test_service_type_defaults_to_hardware_repair(self):
        hardware_repair = self.env.ref("sunshine_helpdesk.service_type_hw_repair")
        form = Form(self.env["repair.order"])
        self.assertEqual(form.service_type_id, hardware_repair)

    def test_service_type_without_product_is_refused(self):
        self.service_repair.product_id = False
        repair = self.repair_on("2026-06-01 10:00:00")
        with self.assertRaisesRegex(UserError, "has no service product"):
            self.quote(repair, "2026-06-01 11:00:00")

    def test_no_fee_without_a_fee_schedule_line(self):
        repair = self.repair_on("2026-06-01 10:00:00", service_type_id=False)
        self.assertFalse(repair.under_warranty)
        self.assertEqual(repair.fee_amount, 0.0)
        repair.service_type_id = self.service_patch
        self.assertEqual(repair.fee_amount, 0.0)
        order = self.quote(repair, "2026-06-01 11:00:00")
        self.assertFalse(self.fee_lines(order))
        self.assertEqual(self.part_lines(order).price_unit, 800.0)

    def test_unknown_warranty_is_left_to_the_user(self):
        """Without a term the status is unknown: the user decides."""
        lot = self.create_lot("TEST-SN-NOTERM", warranty_term_id=False)
        repair = self.repair_on("2026-06-01 10:00:00", lot=lot)
        self.assertFalse(repair.warranty_status)
        self.assertFalse(repair.under_warranty)
        repair.under_warranty = True
        self.assertTrue(repair.under_warranty)
        order = self.quote(repair, "2026-06-01 11:00:00")
        self.assertEqual(order.order_line.mapped("price_unit"), [0.0])

    def test_done_repair_keeps_its_charge(self):
        repair = self.repair_on("2026-06-01 10:00:00")
        self.assertEqual(repair.fee_amount, 1500.0)
        repair.state = "done"
        self.lot.warranty_term_id = False
        self.assertFalse(repair.warranty_status)
        self.assertFalse(repair.under_warranty)
        self.lot.warranty_term_id = self.term
        self.term.duration_months = 36
        self.assertEqual(repair.warranty_status, "in_warranty")
        self.assertFalse(repair.under_warranty)
        self.assertEqual(repair.fee_amount, 1500.0)
