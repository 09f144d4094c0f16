from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestBadInput(SunshineSparesCase):
    def test_term_duration_must_be_positive(self):
        for months in (0, -12):
            with (
                self.subTest(months=months),
                self.assertRaisesRegex(ValidationError, "more than zero months"),
                self.env.cr.savepoint(),
            ):
                self.term.duration_months = months
        self.term.invalidate_recordset()
        self.assertEqual(self.term.duration_months, 12)
        Term = self.env["sunshine.warranty.term"]
        with (
            self.assertRaisesRegex(ValidationError, "more than zero months"),
            self.env.cr.savepoint(),
        ):
            Term.create({"name": "No time at all", "duration_months": 0})
        self.assertFalse(Term.search([("name", "=", "No time at all")]))

    def test_repaired_part_warranty_not_negative(self):
        with (
            self.assertRaisesRegex(ValidationError, "cannot be negative"),
            self.env.cr.savepoint(),
        ):
            self.term.repaired_part_months = -1
        self.term.invalidate_recordset()
        self.assertEqual(self.term.repaired_part_months, 3)
        self.term.repaired_part_months = 0
        self.assertEqual(self.term.repaired_part_months, 0)

    def test_warranty_status_searched_by_value_only(self):
        Lot = self.env["stock.lot"]
        with self.assertRaisesRegex(UserError, "searched by value only"):
            Lot.search([("warranty_status", "ilike", "warranty")])

    def test_fee_not_negative(self):
        with (
            self.assertRaisesRegex(ValidationError, "cannot be negative"),
            self.env.cr.savepoint(),
        ):
            self.term.fee_ids[0].price = -5.0
        self.term.fee_ids.invalidate_recordset()
        self.assertEqual(self.term.fee_ids[0].price, 2000.0)

    def test_installation_dates_in_order(self):
        lot = self.create_lot()
        cases = [
            ("initial_acceptance_date", date(2025, 1, 5), "before its delivery"),
            ("final_acceptance_date", date(2025, 1, 5), "before its delivery"),
            ("commissioning_date", date(2025, 1, 9), "before its delivery"),
            ("final_acceptance_date", date(2025, 2, 14), "before its initial"),
            ("delivery_date", date(2025, 2, 2), "before its delivery"),
        ]
        for field_name, value, message in cases:
            with (
                self.subTest(field=field_name),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                lot[field_name] = value
        lot.invalidate_recordset()
        self.assertEqual(lot.delivery_date, date(2025, 1, 10))
        self.assertEqual(lot.final_acceptance_date, date(2025, 3, 1))
        self.assertEqual(lot.warranty_end_date, date(2026, 2, 28))
        with (
            self.assertRaisesRegex(
                ValidationError, "final acceptance of TEST-SN-BAD .* before its initial"
            ),
            self.env.cr.savepoint(),
        ):
            self.create_lot(
                "TEST-SN-BAD",
                delivery_date=date(2025, 1, 1),
                commissioning_date=False,
                final_acceptance_date=date(2025, 2, 1),
            )
        self.assertFalse(
            self.env["stock.lot"].search([("name", "=", "TEST-SN-BAD")]),
            "nothing half written",
        )
