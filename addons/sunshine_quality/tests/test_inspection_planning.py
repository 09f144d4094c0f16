from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .inspection_common import SunshineInspectionCase

# the runs of a year: the first and the last day of each quarter
RUNS_2027 = [
    "2027-01-01",
    "2027-03-31",
    "2027-04-01",
    "2027-06-30",
    "2027-07-01",
    "2027-09-30",
    "2027-10-01",
    "2027-12-31",
]


@tagged("post_install", "-at_install")
class TestInspectionPlanning(SunshineInspectionCase):
    """Four inspections a year per unit installed at a customer: one per
    calendar quarter, on the first and the last day of a quarter alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot_old = cls.create_lot("T-OLD", commissioning_date="2025-05-10")
        cls.lot_accepted = cls.create_lot(
            "T-ACCEPTED", customer=cls.customer_b, initial_acceptance_date="2026-12-31"
        )
        # commissioned on the last day of Q1, on the first day of Q2
        cls.lot_q1_last = cls.create_lot("T-Q1-LAST", commissioning_date="2027-03-31")
        cls.lot_q2_first = cls.create_lot("T-Q2-FIRST", commissioning_date="2027-04-01")
        cls.lot_stock = cls.env["stock.lot"].create(
            {
                "name": "T-STOCK",
                "product_id": cls.product.id,
                "commissioning_date": date(2025, 1, 1),
            }
        )
        cls.lot_not_installed = cls.create_lot("T-DELIVERED")
        cls.lots = cls.lot_old | cls.lot_accepted | cls.lot_q1_last | cls.lot_q2_first

    def inspections(self, lot=None, year=2027):
        domain = [
            (
                "lot_id",
                "in",
                (lot or self.lots | self.lot_stock | self.lot_not_installed).ids,
            ),
            ("period_start", ">=", date(year, 1, 1)),
            ("period_start", "<=", date(year, 12, 31)),
        ]
        return self.Inspection.search(domain)

    def test_four_a_year_per_installed_unit(self):
        for day in RUNS_2027:
            self.plan(day)
        for lot, expected in (
            (self.lot_old, 4),
            (self.lot_accepted, 4),
            (self.lot_q1_last, 4),
            (self.lot_q2_first, 3),
        ):
            with self.subTest(lot=lot.name):
                found = self.inspections(lot)
                self.assertEqual(len(found), expected)
                self.assertEqual(
                    len(set(found.mapped("period_start"))), expected, "one a quarter"
                )
        self.assertFalse(self.inspections(self.lot_stock), "not at a customer")
        self.assertFalse(self.inspections(self.lot_not_installed), "not installed")
        q1 = self.inspections(self.lot_q1_last).sorted("period_start")[0]
        self.assertEqual(q1.period_start, date(2027, 1, 1))
        self.assertEqual(q1.period_name, "2027-Q1")
        self.assertEqual(q1.planned_date, date(2027, 3, 31), "planned on its run day")
        self.assertEqual(q1.state, "planned")

    def test_planned_values_and_checklist(self):
        created = self.plan("2027-01-01")
        self.assertEqual(created, 2, "the units installed by 1 January")
        inspection = self.inspections(self.lot_old)
        self.assertEqual(inspection.planned_date, date(2027, 2, 15), "mid-quarter")
        self.assertEqual(inspection.partner_id, self.customer)
        self.assertEqual(inspection.team_id, self.centre)
        self.assertEqual(inspection.name, "T-OLD 2027-Q1")
        self.assertEqual(inspection.template_id, self.template)
        self.assertEqual(
            inspection.line_ids.mapped("name"), self.template.line_ids.mapped("name")
        )
        self.assertEqual(
            set(inspection.line_ids.mapped("category")),
            {"software", "hardware", "power", "alarms", "general"},
        )
        self.assertEqual(self.inspections(self.lot_accepted).team_id, self.centre_b)

    def test_second_run_creates_none(self):
        self.assertEqual(self.plan("2027-05-02"), 4)
        self.assertEqual(self.plan("2027-05-02"), 0)
        self.assertEqual(self.plan("2027-06-30"), 0)
        self.assertEqual(len(self.inspections()), 4)

    def test_small_batches_plan_the_same(self):
        self.assertEqual(self.plan("2027-05-02", batch_size=1), 4)
        self.assertEqual(
            len(self.inspections().line_ids), 4 * len(self.template.line_ids)
        )

    def test_cancelled_or_moved_not_recreated(self):
        self.plan("2027-04-01")
        cancelled = self.inspections(self.lot_old)
        cancelled.with_user(self.officer).action_cancel()
        moved = self.inspections(self.lot_accepted)
        moved.with_user(self.officer).planned_date = date(2027, 7, 20)
        self.assertEqual(moved.period_start, date(2027, 4, 1), "the quarter stays")
        self.assertEqual(self.plan("2027-06-30"), 0)
        self.assertEqual(cancelled.state, "cancelled")
        self.assertEqual(len(self.inspections(self.lot_old)), 1)

    def test_second_plan_refused_by_the_database(self):
        self.plan("2027-04-01")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Inspection.create(
                {"lot_id": self.lot_old.id, "planned_date": date(2027, 5, 5)}
            )

    def test_template_edit_never_changes_past_lines(self):
        self.plan("2027-01-01")
        inspection = self.inspections(self.lot_old)
        before = inspection.line_ids.mapped("name")
        first = self.template.line_ids[0]
        first.name = "Edited item"
        self.template.line_ids = [(0, 0, {"name": "New item", "category": "power"})]
        inspection.invalidate_recordset()
        self.assertEqual(inspection.line_ids.mapped("name"), before)
        self.assertNotIn("Edited item", inspection.line_ids.mapped("name"))
        self.plan("2027-04-01")
        later = self.inspections(self.lot_old).filtered(
            lambda record: record.period_start == date(2027, 4, 1)
        )
        self.assertIn("Edited item", later.line_ids.mapped("name"))
        self.assertIn("New item", later.line_ids.mapped("name"))

    def test_manual_inspection_copies_the_checklist(self):
        inspection = self.create_inspection(self.lot_old, planned="2027-08-01")
        self.assertEqual(inspection.period_start, date(2027, 7, 1))
        self.assertEqual(len(inspection.line_ids), len(self.template.line_ids))
        self.assertEqual(self.plan("2027-08-02"), 3, "the other three units")

    def queries(self, day):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        created = self.plan(day)
        return created, self.env.cr.sql_log_count - before

    def test_planning_queries_do_not_grow_with_the_units(self):
        self.plan("2027-01-01")  # warm-up: the caches of a first run
        few = self.queries("2027-04-01")
        for index in range(40):
            self.create_lot(f"T-MANY-{index}", commissioning_date="2026-01-01")
        many = self.queries("2027-07-01")
        self.assertEqual((few[0], many[0]), (4, 44))
        self.assertEqual(few[1], many[1], "one statement per batch, whatever its size")
        # smaller batches: one statement more per batch
        for index in range(10):
            self.create_lot(f"T-MORE-{index}", commissioning_date="2026-01-01")
        batched = self.Inspection._plan_inspections(
            today=date(2027, 10, 1), batch_size=20
        )
        self.assertEqual(batched, 54)

    def test_customers_told_in_advance_once(self):
        self.plan("2027-01-01")
        soon = self.inspections(self.lot_old)
        later = self.inspections(self.lot_accepted)
        later.with_user(self.officer).planned_date = date(2027, 3, 20)
        notice_days = self.env.company.sunshine_inspection_notice_days
        self.assertEqual(notice_days, 14)
        # 15 February minus 14 days: told on 1 February, not before
        self.assertEqual(self.Inspection._cron_send_notices(today=date(2027, 1, 31)), 0)
        self.assertEqual(self.Inspection._cron_send_notices(today=date(2027, 2, 1)), 1)
        self.assertTrue(soon.notice_date)
        self.assertFalse(later.notice_date)
        mail = soon.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(mail), 1)
        self.assertIn(self.customer, mail.partner_ids)
        self.assertEqual(self.Inspection._cron_send_notices(today=date(2027, 2, 2)), 0)
        self.assertEqual(
            len(later.message_ids.filtered(lambda m: m.message_type == "comment")), 0
        )
        # customer B has no e-mail address: told by phone, noted once
        self.assertEqual(self.Inspection._cron_send_notices(today=date(2027, 3, 10)), 1)
        self.assertTrue(later.notice_date)
        self.assertIn("by phone", later.message_ids[0].body)

    def test_notice_days_are_a_company_setting(self):
        settings = self.env["res.config.settings"].create(
            {"sunshine_inspection_notice_days": 30}
        )
        settings.execute()
        self.assertEqual(self.env.company.sunshine_inspection_notice_days, 30)
        with self.assertRaisesRegex(ValidationError, "zero or more"):
            self.env.company.sunshine_inspection_notice_days = -1

    def test_the_unit_lists_its_inspections(self):
        self.plan("2027-01-01")
        self.plan("2027-04-01")
        self.assertEqual(self.lot_old.inspection_count, 2)
        action = self.lot_old.action_view_inspections()
        self.assertEqual(
            self.Inspection.search(action["domain"]), self.inspections(self.lot_old)
        )
