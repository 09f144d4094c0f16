from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .callback_common import SunshineCallbackCase


@tagged("post_install", "-at_install")
class TestCallbackIssue(SunshineCallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot("T-ISSUE", initial_acceptance_date="2026-01-05")
        cls.plan("2026-09-01")
        cls.call = cls.Callback.search([("lot_id", "=", cls.lot.id)])

    def new_issue(self):
        return (
            self.env["sunshine.callback.issue"]
            .with_user(self.caller_a)
            .create(
                {
                    "title": "Alarm board fails after rain",
                    "callback_id": self.call.id,
                    "partner_id": self.customer_a.id,
                    "department_id": self.department.id,
                }
            )
        )

    def test_call_outcomes_and_score(self):
        call = self.call.with_user(self.caller_a)
        with self.assertRaises(ValidationError):
            call.satisfaction_score = 6
        with self.assertRaises(ValidationError):
            call.satisfaction_score = -1
        call.write({"satisfaction_score": 4, "notes": "All good."})
        with freeze_time("2026-09-04 02:00:00"):  # a Friday
            call.action_unreachable()
        self.assertRecordValues(
            call,
            [
                {
                    "state": "unreachable",
                    "attempt_count": 1,
                    "planned_date": date(2026, 9, 7),
                }
            ],
        )
        call.action_done()
        self.assertRecordValues(
            call, [{"state": "done", "attempt_count": 2, "done_rate": 100.0}]
        )
        with self.assertRaises(UserError):
            call.action_refused()
        with self.assertRaises(UserError):
            call.satisfaction_score = 2

    def test_relay_timer_across_a_weekend_and_a_public_holiday(self):
        issue = self.new_issue()
        self.assertEqual(issue.team_id, self.team_a)
        handler_issue = issue.with_user(self.handler)
        with self.assertRaises(UserError):
            handler_issue.action_receive_solution()
        handler_issue.solution = "<p>Replace the alarm board.</p>"
        # Thursday 24 September 2026, 16:00 in China: 90 working minutes
        # left that day; Friday 25 is the Mid-Autumn holiday, then the
        # weekend; Monday 28: 8:30-12:00 and 13:30-16:00 make the day
        with freeze_time("2026-09-24 08:00:00"):
            handler_issue.action_receive_solution()
        timer = issue.sudo().sla_timer_ids
        self.assertEqual(timer.clock_id.code, "callback_relay")
        self.assertEqual(timer.deadline, datetime(2026, 9, 28, 8, 0, 0))
        self.assertEqual(issue.sla_deadline, datetime(2026, 9, 28, 8, 0, 0))
        with freeze_time("2026-09-28 07:00:00"):
            issue.with_user(self.caller_a).action_relay()
        self.assertEqual(timer.state, "met")
        self.assertEqual(issue.sla_status, "met")

    def test_relay_late_is_breached_by_the_engine(self):
        issue = self.new_issue()
        issue.solution = "<p>Firmware 2.1.</p>"
        with freeze_time("2026-09-24 08:00:00"):
            issue.with_user(self.caller_a).action_receive_solution()
        with freeze_time("2026-09-28 08:30:00"):
            self.env["sunshine.sla.timer"]._cron_process_due_timers()
        self.assertEqual(issue.sla_status, "breached")

    def test_only_the_customers_satisfied_closes(self):
        issue = self.new_issue().with_user(self.caller_a)
        issue.solution = "<p>Replace the board.</p>"
        issue.action_receive_solution()
        with self.assertRaises(UserError):
            issue.action_carried_out()  # not agreed by the customer yet
        with self.assertRaises(UserError):
            issue.action_customer_satisfied()
        with self.assertRaises(AccessError):
            issue.write({"state": "closed"})
        issue.action_relay()
        issue.action_customer_agree()
        issue.action_carried_out()
        issue.action_customer_satisfied()
        self.assertRecordValues(issue, [{"state": "closed", "is_key_issue": False}])
        with self.assertRaises(UserError):
            issue.title = "Changed"

    def test_the_department_provides_the_solution_only(self):
        issue = self.new_issue()
        handler_issue = issue.with_user(self.handler)
        handler_issue.solution = "<p>Replace the board.</p>"
        handler_issue.action_receive_solution()
        # the department cannot rewrite what goes to the customer
        for user in (self.handler, self.caller_a, self.officer):
            with self.subTest(user=user.login), self.assertRaises(UserError) as caught:
                issue.with_user(user).solution = "<p>Something else.</p>"
            self.assertIn("goes to the customer as it is", str(caught.exception))
        self.assertEqual(issue.solution, "<p>Replace the board.</p>")
        # nor relay it, nor answer for the customer
        steps = (
            ("action_relay", self.caller_a, "relayed"),
            ("action_customer_agree", self.caller_a, "agreed"),
            ("action_carried_out", self.caller_a, "carried_out"),
            ("action_customer_satisfied", self.officer, "closed"),
        )
        for step, allowed, state in steps:
            with self.subTest(step=step), self.assertRaises(AccessError) as caught:
                getattr(handler_issue, step)()
            self.assertIn("the department provides the solution", str(caught.exception))
            getattr(issue.with_user(allowed), step)()
            self.assertEqual(issue.state, state)
        self.assertFalse(issue.is_key_issue)

    def test_the_department_cannot_answer_for_the_customer(self):
        issue = self.new_issue()
        issue.solution = "<p>Reset the board.</p>"
        issue.with_user(self.handler).action_receive_solution()
        issue.with_user(self.caller_a).action_relay()
        with self.assertRaises(AccessError):
            issue.with_user(self.handler).action_customer_disagree()
        issue.with_user(self.caller_a).action_customer_agree()
        issue.with_user(self.caller_a).action_carried_out()
        with self.assertRaises(AccessError):
            issue.with_user(self.handler).action_customer_not_satisfied()
        self.assertRecordValues(
            issue, [{"state": "carried_out", "is_key_issue": False}]
        )
        # back with the department, the solution is rewritten
        issue.with_user(self.caller_a).action_customer_not_satisfied()
        issue.with_user(self.handler).solution = "<p>A new board.</p>"
        self.assertEqual(issue.solution, "<p>A new board.</p>")

    def test_unsolved_issue_becomes_a_key_issue_and_a_nonconformity(self):
        issue = self.new_issue().with_user(self.caller_a)
        issue.solution = "<p>Reset the board.</p>"
        issue.action_receive_solution()
        issue.action_relay()
        issue.action_customer_agree()
        issue.action_carried_out()
        issue.action_customer_not_satisfied()
        self.assertRecordValues(issue, [{"state": "open", "is_key_issue": True}])
        self.assertTrue(issue.key_issue_date)
        Issue = self.env["sunshine.callback.issue"]
        self.assertIn(issue, Issue.search([("is_key_issue", "=", True)]))
        with self.assertRaises(AccessError):
            issue.action_raise_nonconformity()  # quality staff raise it
        issue.with_user(self.officer).action_raise_nonconformity()
        nonconformity = issue.sudo().nonconformity_id
        self.assertRecordValues(
            nonconformity,
            [
                {
                    "source": "callback",
                    "callback_issue_id": issue.id,
                    "partner_id": self.customer_a.id,
                    "lot_id": self.lot.id,
                    "department_id": self.department.id,
                }
            ],
        )
        # raised once
        issue.with_user(self.officer).action_raise_nonconformity()
        self.assertEqual(
            self.env["sunshine.nonconformity"].search_count(
                [("callback_issue_id", "=", issue.id)]
            ),
            1,
        )
