from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestWarrantyDates(SunshineSparesCase):
    def test_dates_for_each_start_event(self):
        lot = self.create_lot()
        expected = {
            "delivery": (date(2025, 1, 10), date(2026, 1, 9)),
            "commissioning": (date(2025, 2, 1), date(2026, 1, 31)),
            "acceptance": (date(2025, 3, 1), date(2026, 2, 28)),
        }
        for event, (start, end) in expected.items():
            with self.subTest(start_event=event):
                self.term.start_event = event
                self.assertEqual(lot.warranty_start_date, start)
                self.assertEqual(lot.warranty_end_date, end)

    def test_dates_follow_the_term_and_the_events(self):
        lot = self.create_lot(final_acceptance_date=False)
        self.assertFalse(lot.warranty_start_date, "not accepted yet")
        self.assertFalse(lot.warranty_end_date)
        lot.final_acceptance_date = date(2025, 6, 30)
        self.assertEqual(lot.warranty_end_date, date(2026, 6, 29))
        self.term.duration_months = 36
        self.assertEqual(lot.warranty_end_date, date(2028, 6, 29))
        lot.warranty_term_id = False
        self.assertFalse(lot.warranty_start_date)
        self.assertFalse(lot.warranty_end_date)

    def test_status_on_a_date(self):
        lot = self.create_lot()
        self.assertFalse(lot._warranty_status_on(date(2025, 2, 28)), "not started")
        self.assertEqual(lot._warranty_status_on(date(2025, 3, 1)), "in_warranty")
        self.assertEqual(lot._warranty_status_on(date(2026, 2, 28)), "in_warranty")
        self.assertEqual(lot._warranty_status_on(date(2026, 3, 1)), "out_of_warranty")
        self.assertFalse(
            self.create_lot(
                "TEST-SN-NOTERM", warranty_term_id=False
            )._warranty_status_on(date(2025, 6, 1))
        )

    def test_status_of_today_and_its_search(self):
        in_warranty = self.create_lot("TEST-SN-IN")
        ended = self.create_lot(
            "TEST-SN-OUT",
            delivery_date=date(2023, 1, 10),
            commissioning_date=False,
            initial_acceptance_date=False,
            final_acceptance_date=date(2023, 3, 1),
        )
        not_started = self.create_lot("TEST-SN-NEW", final_acceptance_date=False)
        lots = in_warranty | ended | not_started
        Lot = self.env["stock.lot"]
        for today, statuses in (
            ("2025-06-01", ("in_warranty", "out_of_warranty", False)),
            ("2026-03-01", ("out_of_warranty", "out_of_warranty", False)),
        ):
            with freeze_time(today), self.subTest(today=today):
                lots.invalidate_recordset(["warranty_status"])
                self.assertEqual(tuple(lots.mapped("warranty_status")), statuses)
                for lot, status in zip(lots, statuses, strict=True):
                    found = Lot.search(
                        [("id", "in", lots.ids), ("warranty_status", "=", status)]
                    )
                    self.assertIn(lot, found)
                    self.assertEqual(
                        found, lots.filtered(lambda x, s=status: x.warranty_status == s)
                    )
                    others = Lot.search(
                        [("id", "in", lots.ids), ("warranty_status", "!=", status)]
                    )
                    self.assertEqual(others, lots - found)
