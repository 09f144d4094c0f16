from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import T0, SunshineQualityCase


def at(minutes=0, hours=0, days=0):
    return T0 + timedelta(minutes=minutes, hours=hours, days=days)


@tagged("post_install", "-at_install")
class TestClocks(SunshineQualityCase):
    def timers(self, record, code):
        return record._sla_timers().filtered(lambda t: t.clock_id.code == code)

    # ------------------------------------------------------------------
    # First reply: 2 hours from receipt, met by a logged reply
    # ------------------------------------------------------------------
    def test_reply_met_by_a_message_to_the_customer(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
        with freeze_time(at(minutes=30)):
            # an internal note is not a reply
            complaint.with_user(self.officer).message_post(
                body="Calling the centre first.", subtype_xmlid="mail.mt_note"
            )
            self.assertFalse(complaint.first_reply_date)
        with freeze_time(at(minutes=50)):
            complaint.with_user(self.officer).message_post(
                body="We are looking into it and will call you within the hour.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(complaint.first_reply_date, at(minutes=50))
        self.assertEqual(complaint.reply_hours, 0.83)
        self.assertEqual(complaint.reply_sla, "on_time")
        self.assertEqual(complaint.reply_on_time_rate, 100.0)
        self.assertEqual(self.timers(complaint, "complaint_reply").state, "met")

    def test_customer_message_is_not_a_reply(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
            complaint.message_post(
                body="Any news?",
                author_id=self.contact.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(complaint.first_reply_date)

    def test_reply_met_by_a_recorded_phone_call_at_its_time(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
        with freeze_time(at(hours=3)):
            # recorded late, but the call was made within the 2 hours
            self.contact_customer(complaint, "reply", date=at(minutes=90))
        self.assertEqual(complaint.first_reply_date, at(minutes=90))
        self.assertEqual(complaint.reply_sla, "on_time")
        self.assertIn(
            "Reply to Test Grid Co., Test Grid Contact (Phone)",
            complaint.message_ids[0].body,
        )

    def test_reply_breached_then_late(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
        with freeze_time(at(minutes=91)):
            self.run_cron()
            self.assertEqual(complaint.sla_status, "at_risk", "warned at 75 %")
            self.assertEqual(complaint.activity_ids.user_id, self.officer)
        with freeze_time(at(minutes=121)):
            self.run_cron()
        self.assertEqual(self.timers(complaint, "complaint_reply").state, "breached")
        self.assertEqual(complaint.reply_sla, "late")
        self.assertEqual(complaint.sla_status, "breached")
        with freeze_time(at(hours=3)):
            self.contact_customer(complaint, "reply")
        self.assertEqual(complaint.reply_sla, "late", "a late reply stays late")
        self.assertEqual(complaint.reply_hours, 3.0)
        self.assertEqual(complaint.reply_on_time_rate, 0.0)

    def test_reply_after_the_deadline_is_late_before_the_cron_ran(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
        with freeze_time(at(minutes=125)):
            self.contact_customer(complaint, "reply")
        self.assertEqual(complaint.reply_sla, "late")

    # ------------------------------------------------------------------
    # Opinion: 2 hours from the tracking form, on the form
    # ------------------------------------------------------------------
    def test_opinion_met_on_the_form(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
        with freeze_time(at(minutes=10)):
            form = self.send_form(complaint)
        self.assertEqual(form.opinion_deadline, at(minutes=130))
        self.assertEqual(complaint.opinion_deadline, at(minutes=130))
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.department_id, self.department)
        self.assertEqual(form.activity_ids.user_id, self.handler)
        with freeze_time(at(minutes=70)):
            self.return_opinion(form)
        self.assertEqual(form.state, "opinion")
        self.assertEqual(form.opinion_sla, "on_time")
        self.assertEqual(form.opinion_hours, 1.0)
        self.assertFalse(form.activity_ids, "the handler's activity is done")
        self.assertEqual(complaint.opinion_sla, "on_time")
        self.assertEqual(complaint.first_opinion_date, at(minutes=70))
        self.assertEqual(complaint.opinion_hours, 1.0)
        self.assertEqual(self.timers(form, "complaint_opinion").state, "met")

    def test_opinion_late_warns_then_notifies_the_manager(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
            self.contact_customer(complaint, "reply")
            form = self.send_form(complaint, department=self.other_department)
        # a member answers for the department, its manager is other_handler
        form.handler_id = self.officer
        with freeze_time(at(minutes=95)):
            self.run_cron()
        self.assertEqual(form.sla_status, "at_risk")
        self.assertIn(self.officer, form.activity_ids.user_id)
        with freeze_time(at(minutes=121)):
            self.run_cron()
        self.assertEqual(form.opinion_sla, "late")
        self.assertEqual(complaint.opinion_sla, "late")
        self.assertIn(complaint, self.Complaint.search([("opinion_sla", "=", "late")]))
        manager_partner = self.other_handler.partner_id
        escalation = form.message_ids.filtered(
            lambda m: manager_partner in m.partner_ids and "late" in m.body
        )
        self.assertTrue(escalation, "the department's manager is notified")
        self.assertIn(self.other_handler, form.activity_ids.user_id)
        with freeze_time(at(hours=3)):
            self.return_opinion(form, user=self.other_handler)
        self.assertEqual(form.opinion_sla, "late")
        self.assertEqual(complaint.opinion_on_time_rate, 0.0)

    def test_scheduled_action_twice_changes_nothing(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
            form = self.send_form(complaint)
        with freeze_time(at(minutes=130)):
            self.assertEqual(self.run_cron(), 2, "the reply and the opinion breach")
            messages = complaint.message_ids | form.message_ids
            activities = complaint.activity_ids | form.activity_ids
            values = complaint.read(
                ["state", "reply_sla", "opinion_sla", "sla_status", "resolution_sla"]
            )
            self.assertEqual(self.run_cron(), 0)
            self.env.invalidate_all()
            self.assertEqual(complaint.message_ids | form.message_ids, messages)
            self.assertEqual(complaint.activity_ids | form.activity_ids, activities)
            self.assertEqual(
                complaint.read(
                    [
                        "state",
                        "reply_sla",
                        "opinion_sla",
                        "sla_status",
                        "resolution_sla",
                    ]
                ),
                values,
            )

    # ------------------------------------------------------------------
    # Resolution: 15 days from receipt, across a reopen
    # ------------------------------------------------------------------
    def test_resolution_clock_not_restarted_by_a_reopen(self):
        with freeze_time(T0):
            complaint = self.create_complaint()
            self.contact_customer(complaint, "reply")
            self.run_loop_to_close_request(complaint)
        resolution = self.timers(complaint, "complaint_resolution")
        self.assertEqual(resolution.deadline, at(days=15))
        with freeze_time(at(days=5)):
            self.contact_customer(
                complaint, "verification", result="not_satisfied", score=2
            )
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.reopen_count, 1)
        resolution = self.timers(complaint, "complaint_resolution")
        self.assertEqual(len(resolution), 1)
        self.assertEqual(resolution.state, "running")
        self.assertEqual(resolution.deadline, at(days=15), "still from receipt")
        with freeze_time(at(days=15, minutes=1)):
            self.run_cron()
        self.assertEqual(resolution.state, "breached")
        self.assertEqual(complaint.resolution_sla, "late")
        # round two: new forms, new opinion clocks
        draft = complaint.tracking_ids.filtered(lambda f: f.state == "draft")
        self.assertEqual(draft.round, 2)
        with freeze_time(at(days=16)):
            draft.with_user(self.officer).action_send()
            self.return_opinion(draft)
            self.propose(complaint)
            self.contact_customer(complaint, "decision", decision="approve")
            self.report_result(draft, measures=False)
            self.contact_customer(
                complaint, "verification", result="satisfied", score=4
            )
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.resolution_days, 16.0)
        self.assertEqual(complaint.resolution_sla, "late")
        self.assertEqual(complaint.solved_in_time_rate, 0.0)
        self.assertEqual(
            self.timers(complaint, "complaint_resolution").met_date, at(days=16)
        )
