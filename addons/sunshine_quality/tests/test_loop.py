from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import T0, SunshineQualityCase


def at(hours=0, days=0):
    return T0 + timedelta(hours=hours, days=days)


@tagged("post_install", "-at_install")
class TestLoop(SunshineQualityCase):
    def test_full_loop_with_one_reopen(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
        with freeze_time(at(hours=1)):
            form = self.send_form(complaint)
            self.return_opinion(form)
            self.propose(complaint, send_to_customer=True)
        self.assertEqual(complaint.state, "awaiting_approval")
        self.assertTrue(complaint.first_reply_date, "a written proposal is a reply")
        self.assertEqual(complaint.reply_sla, "on_time")
        # refused: the desk proposes again
        with freeze_time(at(hours=2)):
            self.contact_customer(
                complaint, "decision", decision="refuse", note="Too late for us."
            )
        refused = complaint.proposal_ids
        self.assertEqual(refused.state, "refused")
        self.assertEqual(complaint.state, "in_progress")
        with freeze_time(at(hours=3)):
            self.propose(complaint, text="Replace the board today.")
            self.contact_customer(complaint, "decision", decision="approve")
        approved = complaint.proposal_ids - refused
        self.assertRecordValues(
            approved,
            [
                {
                    "state": "approved",
                    "decided_partner_id": self.contact.id,
                    "decision_date": at(hours=3),
                    "decision_channel": "phone",
                    "recorded_by_id": self.officer.id,
                }
            ],
        )
        self.assertEqual(complaint.approved_proposal_id, approved)
        self.assertEqual(complaint.approval_partner_id, self.contact)
        self.assertEqual(complaint.approval_channel, "phone")
        self.assertEqual(complaint.state, "carrying_out")
        with freeze_time(at(days=2)):
            self.report_result(form)
        self.assertEqual(form.state, "done")
        self.assertEqual(complaint.state, "close_requested")
        self.assertEqual(complaint.first_close_date, at(days=2))
        self.assertEqual(
            complaint.action_ids.name, "Train the engineers on punctuality"
        )
        self.assertEqual(complaint.action_ids.activity_ids.user_id, self.handler)
        self.assertEqual(complaint.activity_ids.user_id, self.officer, "verify it")
        # not satisfied: round two
        with freeze_time(at(days=3)):
            self.contact_customer(
                complaint, "verification", result="not_satisfied", note="Still alarms."
            )
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.reopen_count, 1)
        self.assertEqual(complaint.reopened_rate, 100.0)
        self.assertEqual(complaint.satisfaction, "not_satisfied")
        self.assertFalse(complaint.close_date)
        second = complaint.tracking_ids.filtered(lambda f: f.round == 2)
        self.assertRecordValues(
            second, [{"state": "draft", "department_id": self.department.id}]
        )
        self.assertIn("Still alarms.", second.instructions)
        with freeze_time(at(days=4)):
            second.with_user(self.officer).action_send()
            self.return_opinion(second, text="Replace the whole shelf.")
            self.propose(complaint, text="New shelf on Friday.")
            self.contact_customer(complaint, "decision", decision="approve")
            self.report_result(second, measures=False)
        self.assertEqual(complaint.first_close_date, at(days=2), "kept from round one")
        self.assertEqual(complaint.close_requested_date, at(days=4))
        with freeze_time(at(days=5)):
            self.contact_customer(
                complaint, "verification", result="satisfied", score=5
            )
        self.assertRecordValues(
            complaint,
            [
                {
                    "state": "closed",
                    "close_date": at(days=5),
                    "first_close_date": at(days=2),
                    "reopen_count": 1,
                    "resolution_days": 5.0,
                    "resolution_sla": "on_time",
                    "satisfaction": "satisfied",
                    "satisfaction_score": 5,
                    "satisfied_rate": 100.0,
                    "solved_in_time_rate": 100.0,
                    "sla_status": "met",
                }
            ],
        )
        self.assertEqual(
            complaint.verification_ids.mapped("result"), ["not_satisfied", "satisfied"]
        )
        self.assertEqual(complaint.verification_ids.mapped("round"), [1, 2])
        with self.assertRaisesRegex(UserError, "is closed"):
            self.send_form(complaint)

    def test_approving_a_solution_never_proposed_is_refused(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        self.return_opinion(form)
        with self.assertRaisesRegex(UserError, "propose a solution before"):
            self.contact_customer(complaint, "decision", decision="approve")
        self.assertFalse(complaint.proposal_ids)
        self.assertEqual(complaint.state, "in_progress")
        self.assertFalse(complaint.first_reply_date, "nothing half-written")

    def test_proposal_needs_an_opinion(self):
        complaint = self.create_complaint()
        with self.assertRaisesRegex(UserError, "in progress"):
            self.propose(complaint)
        self.send_form(complaint)
        with self.assertRaisesRegex(UserError, "returned its handling opinion"):
            self.propose(complaint)
        self.assertFalse(complaint.proposal_ids)

    def test_closing_without_verification_is_refused(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        self.return_opinion(form)
        with self.assertRaisesRegex(UserError, "cannot be closed yet"):
            self.contact_customer(complaint, "verification", result="satisfied")
        self.assertFalse(complaint.verification_ids)
        # the department cannot request closure before the customer approved
        form.with_user(self.handler).result = "<p>Done</p>"
        with self.assertRaisesRegex(UserError, "has not approved"):
            form.with_user(self.handler).action_request_close()
        self.assertEqual(form.state, "opinion")
        self.assertEqual(complaint.state, "in_progress")

    def test_closure_waits_for_every_department(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        other = self.send_form(complaint, department=self.other_department)
        self.return_opinion(form)
        self.return_opinion(other, user=self.other_handler)
        self.propose(complaint)
        self.contact_customer(complaint, "decision", decision="approve")
        self.report_result(form)
        self.assertEqual(complaint.state, "carrying_out")
        self.report_result(other, user=self.other_handler, measures=False)
        self.assertEqual(complaint.state, "close_requested")
        # not satisfied: both departments get a new form, numbered apart
        self.contact_customer(complaint, "verification", result="not_satisfied")
        second = complaint.tracking_ids.filtered(lambda f: f.round == 2)
        self.assertEqual(second.department_id, self.department | self.other_department)
        self.assertEqual(
            sorted(complaint.tracking_ids.mapped("name")),
            [f"{complaint.name}-0{n}" for n in range(1, 5)],
        )

    def test_opinion_from_another_department_is_refused(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        self.send_form(complaint, department=self.other_department)
        form_as_other = form.with_user(self.other_handler)
        self.assertEqual(form_as_other.name, form.name, "they read the form")
        with self.assertRaisesRegex(UserError, "only that department"):
            form_as_other.action_return_opinion()
        self.assertEqual(form.state, "sent")
        # a member of the department may answer for it
        self.return_opinion(form, user=self.member)
        self.assertEqual(form.opinion_user_id, self.member)

    def test_score_outside_the_scale_is_refused(self):
        complaint = self.create_complaint()
        self.run_loop_to_close_request(complaint)
        with self.assertRaisesRegex(ValidationError, "from 1 to 5"):
            self.contact_customer(
                complaint, "verification", result="satisfied", score=7
            )
        self.assertEqual(complaint.state, "close_requested")
        self.assertFalse(complaint.verification_ids, "nothing half-written")
        self.assertFalse(complaint.close_date)

    def test_refused_answers_leave_nothing(self):
        complaint = self.create_complaint()
        with self.assertRaisesRegex(UserError, "what the customer was told"):
            self.contact_customer(complaint, "reply", note="  ")
        self.assertFalse(complaint.first_reply_date)
        with freeze_time(T0):
            complaint2 = self.create_complaint()
        with (
            freeze_time(at(hours=1)),
            self.assertRaisesRegex(UserError, "in the future"),
        ):
            self.contact_customer(complaint2, "reply", date=at(hours=2))
        self.assertFalse(complaint2.first_reply_date)
