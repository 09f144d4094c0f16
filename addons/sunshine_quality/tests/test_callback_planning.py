from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .callback_common import SunshineCallbackCase


@tagged("post_install", "-at_install")
class TestCallbackPlanning(SunshineCallbackCase):
    """The coverage rules give exactly one call per subject and calendar
    period, on the first and the last day of a period alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Q2 2026 = April to June; the run is on its last day, 30 June
        cls.lot_last_day = cls.create_lot(
            "T-LAST", initial_acceptance_date="2026-06-30"
        )
        cls.lot_next_day = cls.create_lot(
            "T-NEXT", initial_acceptance_date="2026-07-01"
        )
        cls.lot_first_day = cls.create_lot("T-FIRST", commissioning_date="2026-06-01")
        cls.lot_old = cls.create_lot(
            "T-OLD",
            customer=cls.customer_b,
            commissioning_date="2024-12-20",
            initial_acceptance_date="2025-01-10",
            final_acceptance_date="2025-03-01",
        )
        cls.lot_may = cls.create_lot("T-MAY", commissioning_date="2026-05-31")
        cls.lot_no_customer = cls.env["stock.lot"].create(
            {
                "name": "T-STOCK",
                "product_id": cls.product.id,
                "initial_acceptance_date": date(2026, 4, 2),
            }
        )
        Ticket = cls.env["helpdesk.ticket"]

        def ticket(name, arrival_utc):
            record = Ticket.create(
                {
                    "name": name,
                    "description": name,
                    "partner_id": cls.contact_a.id,
                    "team_id": cls.team_a.id,
                }
            )
            record._sunshine_as_action().write(
                {"onsite_arrival_date": datetime.fromisoformat(arrival_utc)}
            )
            return record

        # on-site arrivals in China's days: 1 June 00:30 and 30 June 23:30
        # are June's, 1 July 00:10 is July's
        cls.ticket_first = ticket("T first", "2026-05-31 16:30:00")
        cls.ticket_last = ticket("T last", "2026-06-30 15:30:00")
        cls.ticket_july = ticket("T july", "2026-06-30 16:10:00")

    def test_each_rule_gives_the_expected_calls(self):
        created = self.plan("2026-06-30")
        quarter = self.calls(self.rule_accepted)
        self.assertEqual(
            quarter.mapped("subject_name"), ["T-LAST", "T-OLD"], "accepted by 30 June"
        )
        self.assertEqual(set(quarter.mapped("period_start")), {date(2026, 4, 1)})
        self.assertEqual(set(quarter.mapped("period_name")), {"2026-Q2"})
        june = self.calls(self.rule_installed, date(2026, 6, 1))
        self.assertEqual(june.mapped("subject_name"), ["T-LAST", "T-FIRST"])
        # the month before, not frozen yet: its late events are planned
        may = self.calls(self.rule_installed, date(2026, 5, 1))
        self.assertEqual(may.mapped("subject_name"), ["T-MAY"])
        onsite = self.calls(self.rule_onsite)
        self.assertEqual(onsite.ticket_id, self.ticket_first | self.ticket_last)
        self.assertEqual(set(onsite.mapped("period_start")), {date(2026, 6, 1)})
        self.assertEqual(created, len(quarter | june | may | onsite))
        self.assertEqual(len(self.Callback.search([])), created)
        # the customer's office makes the call; the ticket's first team
        old = quarter.filtered(lambda c: c.lot_id == self.lot_old)
        self.assertRecordValues(
            old,
            [
                {
                    "partner_id": self.customer_b.id,
                    "team_id": self.team_b.id,
                    "state": "planned",
                    "planned_date": date(2026, 6, 30),
                }
            ],
        )
        self.assertEqual(onsite.team_id, self.team_a)
        self.assertEqual(onsite.partner_id, self.customer_a)

    def test_first_day_of_a_period(self):
        self.plan("2026-07-01")
        quarter = self.calls(self.rule_accepted)
        self.assertEqual(
            quarter.mapped("subject_name"),
            ["T-LAST", "T-NEXT", "T-OLD"],
            "Q3 on its first day; the quarter before is not planned again",
        )
        self.assertEqual(set(quarter.mapped("period_start")), {date(2026, 7, 1)})
        july = self.calls(self.rule_installed, date(2026, 7, 1))
        self.assertEqual(july.mapped("subject_name"), ["T-NEXT"])
        # June, just ended and not frozen: its events are planned
        june = self.calls(self.rule_installed, date(2026, 6, 1))
        self.assertEqual(june.mapped("subject_name"), ["T-LAST", "T-FIRST"])
        self.assertEqual(
            self.calls(self.rule_onsite, date(2026, 7, 1)).ticket_id, self.ticket_july
        )

    def test_second_run_creates_none_and_batches_agree(self):
        first = self.plan("2026-06-30", batch_size=1)
        calls = self.Callback.search([])
        self.assertEqual(first, 7)
        self.assertEqual(self.plan("2026-06-30"), 0)
        self.assertEqual(self.plan("2026-06-30", batch_size=1), 0)
        self.assertEqual(self.Callback.search([]), calls)

    def test_cancelled_or_moved_call_is_not_recreated(self):
        self.plan("2026-06-30")
        call = self.calls(self.rule_accepted).filtered(
            lambda c: c.lot_id == self.lot_old
        )
        moved = self.calls(self.rule_accepted).filtered(
            lambda c: c.lot_id == self.lot_last_day
        )
        call.with_user(self.officer).action_cancel()
        moved.with_user(self.officer).planned_date = date(2026, 6, 15)
        count = self.Callback.search_count([])
        self.assertEqual(self.plan("2026-06-30"), 0)
        self.assertEqual(self.Callback.search_count([]), count)
        self.assertEqual(call.state, "cancelled")
        self.assertEqual(moved.planned_date, date(2026, 6, 15))

    def test_second_plan_for_the_same_period_is_refused(self):
        self.plan("2026-06-30")
        call = self.calls(self.rule_accepted)[:1]
        with self.assertRaises(AccessError):
            self.Callback.with_user(self.officer).create(
                {
                    "rule_id": call.rule_id.id,
                    "subject_res_id": call.subject_res_id,
                    "period_start": call.period_start,
                    "partner_id": call.partner_id.id,
                    "planned_date": call.planned_date,
                }
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Callback._sunshine_as_action().create(
                {
                    "rule_id": call.rule_id.id,
                    "subject_res_id": call.subject_res_id,
                    "period_kind": call.period_kind,
                    "period_start": call.period_start,
                    "partner_id": call.partner_id.id,
                    "planned_date": call.planned_date,
                }
            )

    def test_frozen_period_is_not_planned_again(self):
        self.plan("2026-06-30")
        june = self.calls(self.rule_installed, date(2026, 6, 1))
        june[0].with_user(self.caller_a).action_done()
        frozen = self.env["sunshine.callback.coverage"]._cron_freeze_coverage(
            today=date(2026, 7, 1)
        )
        month = frozen.filtered(
            lambda f: f.period_kind == "month" and f.team_id == self.team_a
        )
        # June: T-LAST, T-FIRST and the two on-site tickets, one done
        self.assertRecordValues(
            month,
            [{"planned_count": 4, "done_count": 1, "coverage_percent": 25.0}],
        )
        quarter = frozen.filtered(
            lambda f: f.period_kind == "quarter" and f.team_id == self.team_a
        )
        # Q2: the quarterly T-LAST and the monthly calls of April to June
        self.assertRecordValues(
            quarter, [{"planned_count": 6, "done_count": 1, "period_name": "2026-Q2"}]
        )
        # a second run freezes nothing; a later change leaves the figure
        self.assertFalse(
            self.env["sunshine.callback.coverage"]._cron_freeze_coverage(
                today=date(2026, 7, 2)
            )
        )
        june[1].with_user(self.caller_a).action_done()
        self.assertEqual(month.done_count, 1)
        with self.assertRaises(AccessError):
            month.with_user(self.officer).write({"done_count": 4})
        # a late event of June is no longer planned: June is closed
        self.create_lot("T-LATE", commissioning_date="2026-06-29")
        self.plan("2026-07-02")
        self.assertFalse(self.calls(self.rule_installed, date(2026, 6, 1)) - june)
