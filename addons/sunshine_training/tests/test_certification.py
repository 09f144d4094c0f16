from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SunshineTrainingCase


@tagged("post_install", "-at_install")
class TestCertification(SunshineTrainingCase):
    def test_a_pass_creates_the_certification_and_the_skill(self):
        session = self.create_session()
        Attendee = self.env["sunshine.training.attendee"]
        passed = Attendee.create(
            {
                "session_id": session.id,
                "employee_id": self.engineer.id,
                "attended": True,
                "score": 70,
            }
        )
        failed = Attendee.create(
            {
                "session_id": session.id,
                "employee_id": self.novice.id,
                "attended": True,
                "score": 69,
            }
        )
        self.assertTrue(passed.passed)
        self.assertFalse(failed.passed)
        with freeze_time("2026-03-04"):
            session.with_user(self.trainer).action_done()
        certification = session.certification_ids
        self.assertEqual(len(certification), 1)
        self.assertEqual(passed.certification_id, certification)
        self.assertFalse(failed.certification_id)
        self.assertTrue(certification.name.startswith("CERT/"))
        self.assertEqual(certification.employee_id, self.engineer)
        self.assertEqual(certification.product_categ_id, self.line)
        self.assertEqual(certification.trainer_id, self.trainer)
        self.assertEqual(certification.issue_date, fields.Date.to_date("2026-03-04"))
        self.assertEqual(certification.expiry_date, fields.Date.to_date("2028-03-04"))
        self.assertEqual(certification.state, "valid")
        self.assertEqual(self.engineer.certification_count, 1)
        skill = certification.employee_skill_id
        self.assertEqual(skill.employee_id, self.engineer)
        self.assertEqual(skill.skill_id.name, self.line.display_name)
        self.assertEqual(
            skill.skill_type_id,
            self.env.ref("sunshine_training.skill_type_certification"),
        )
        self.assertIn(skill, self.engineer.employee_skill_ids)

    def test_absent_or_failed_engineers_are_not_certified(self):
        session = self.create_session()
        absent = self.env["sunshine.training.attendee"].create(
            {
                "session_id": session.id,
                "employee_id": self.novice.id,
                "attended": False,
                "score": 95,
            }
        )
        with self.assertRaisesRegex(UserError, "absent"):
            absent.action_certify()
        absent.write({"attended": True, "score": 40})
        with self.assertRaisesRegex(UserError, "below the pass mark"):
            absent.action_certify()
        session.action_done()
        self.assertFalse(
            self.env["sunshine.certification"].search(
                [("employee_id", "=", self.novice.id)]
            )
        )

    def test_bad_scores_and_dates_are_refused(self):
        session = self.create_session()
        for score in (-1, 101):
            with (
                self.assertRaisesRegex(ValidationError, "between 0 and 100"),
                self.env.cr.savepoint(),
            ):
                self.env["sunshine.training.attendee"].create(
                    {
                        "session_id": session.id,
                        "employee_id": self.engineer.id,
                        "score": score,
                    }
                )
        self.assertFalse(session.attendee_ids, "nothing half written")
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            session.date_end = session.date_start - relativedelta(hours=1)

    def test_a_second_valid_certification_for_the_line_is_refused(self):
        first = self.certify(self.engineer)
        with (
            self.assertRaisesRegex(
                ValidationError, "already holds a valid certification"
            ),
            self.env.cr.savepoint(),
        ):
            self.certify(self.engineer)
        self.assertEqual(
            self.env["sunshine.certification"].search(
                [("employee_id", "=", self.engineer.id)]
            ),
            first,
        )

    def test_revoking_asks_a_reason_and_withdraws_the_skill(self):
        certification = self.certify(self.engineer)
        skill = certification.employee_skill_id
        action = certification.action_open_revoke_wizard()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        with self.assertRaisesRegex(AssertionError, "reason"):
            wizard.save()
        with self.assertRaisesRegex(UserError, "reason"):
            certification._revoke(" ")
        wizard.reason = "Failed the on-site audit"
        wizard.save().action_confirm()
        self.assertEqual(certification.state, "revoked")
        self.assertEqual(certification.revoke_reason, "Failed the on-site audit")
        self.assertFalse(skill.exists())
        with self.assertRaisesRegex(UserError, "not valid"):
            certification._revoke("Twice")

    def test_customer_training_records_completion(self):
        customer = self.env["res.partner"].create({"name": "Customer Operator"})
        course = self.env["sunshine.training.course"].create(
            {"name": "Operation for customers", "audience": "customer", "pass_mark": 0}
        )
        with self.assertRaisesRegex(ValidationError, "choose the customer"):
            self.create_session(course_id=course.id, location_type="customer")
        session = self.create_session(
            course_id=course.id,
            location_type="customer",
            customer_id=customer.parent_id.id or customer.id,
        )
        attendee = self.env["sunshine.training.attendee"].create(
            {"session_id": session.id, "partner_id": customer.id, "attended": True}
        )
        self.assertFalse(attendee.completed)
        session.action_done()
        self.assertTrue(attendee.completed)
        self.assertFalse(session.certification_ids, "customers are not certified")

    def test_session_state_flow(self):
        session = self.create_session()
        session.action_start()
        self.assertEqual(session.state, "in_progress")
        with self.assertRaisesRegex(UserError, "no attendees"):
            session.action_done()
        session.action_cancel()
        with self.assertRaisesRegex(UserError, "Only a planned session can start"):
            session.action_start()
        session.action_reset_to_planned()
        self.assertEqual(session.state, "planned")

    def test_certificate_renders(self):
        certification = self.certify(self.engineer)
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "sunshine_training.report_certificate", certification.ids
        )
        html = html.decode()
        self.assertIn(certification.name, html)
        self.assertIn(self.engineer.name, html)
        self.assertIn(self.line.name, html)
