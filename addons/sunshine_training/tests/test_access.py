from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SunshineTrainingCase


@tagged("post_install", "-at_install")
class TestAccess(SunshineTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certification = cls.certify(cls.engineer)
        cls.other_certification = cls.certify(cls.novice)

    def test_trainer_runs_sessions_but_nothing_else_in_hr(self):
        env = self.env(user=self.trainer)
        course = env["sunshine.training.course"].create(
            {"name": "Trainer's course", "product_categ_id": self.other_line.id}
        )
        session = env["sunshine.training.session"].create(
            {
                "course_id": course.id,
                "trainer_id": self.trainer.id,
                "date_start": "2026-04-01 01:00:00",
                "date_end": "2026-04-01 09:00:00",
            }
        )
        env["sunshine.training.attendee"].create(
            {
                "session_id": session.id,
                "employee_id": self.novice.id,
                "attended": True,
                "score": 80,
            }
        )
        session.action_done()
        self.assertEqual(session.certification_ids.employee_id, self.novice)
        self.assertEqual(
            len(env["sunshine.certification"].search([])), 3 + self._demo_count()
        )
        with self.assertRaises(AccessError):
            env["hr.employee"].create({"name": "Hired by a trainer"})
        with self.assertRaises(AccessError):
            self.engineer.with_user(self.trainer).read(["private_email"])
        with self.assertRaises(AccessError):
            self.certification.with_user(self.trainer).unlink()

    def _demo_count(self):
        return (
            self.env["sunshine.certification"].search_count(
                [("id", "not in", (self.certification | self.other_certification).ids)]
            )
            - 1
        )  # the trainer's own certification of this test

    def test_employee_reads_only_their_own(self):
        Certification = self.env["sunshine.certification"].with_user(self.engineer_user)
        self.assertEqual(Certification.search([]), self.certification)
        with self.assertRaises(AccessError):
            self.other_certification.with_user(self.engineer_user).read(["name"])
        with self.assertRaises(AccessError):
            self.certification.with_user(self.engineer_user).write(
                {"expiry_date": "2099-01-01"}
            )

    def test_service_manager_reads_all_and_cannot_certify(self):
        Certification = self.env["sunshine.certification"].with_user(
            self.service_manager
        )
        found = Certification.search(
            [("id", "in", (self.certification | self.other_certification).ids)]
        )
        self.assertEqual(found, self.certification | self.other_certification)
        with self.assertRaises(AccessError):
            self.certification.with_user(self.service_manager).write(
                {"expiry_date": "2099-01-01"}
            )

    def test_hr_officer_does_everything(self):
        env = self.env(user=self.hr_officer)
        certification = self.certification.with_env(env)
        certification._revoke("HR decision")
        self.assertEqual(certification.state, "revoked")
        certification.unlink()
        self.assertFalse(self.certification.exists())
