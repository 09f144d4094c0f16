from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunshineTrainingCase


@tagged("post_install", "-at_install")
class TestExpiryCron(SunshineTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the scheduled action works on every certification: keep ours only
        cls.env["sunshine.certification"].search([]).unlink()

    def run_cron(self):
        return self.env["sunshine.certification"]._cron_check_expiry()

    def test_expiring_then_expired_each_acted_on_once(self):
        with freeze_time("2026-03-04"):
            certification = self.certify(self.engineer)
        self.assertEqual(str(certification.expiry_date), "2028-03-04")
        planned = self.create_session(
            date_start="2028-03-01 01:00:00", date_end="2028-03-02 09:00:00"
        )
        with freeze_time("2028-01-20"):
            self.assertEqual(self.run_cron(), 0, "not yet within 30 days")
        self.assertEqual(certification.state, "valid")
        with freeze_time("2028-02-10"):
            self.assertEqual(self.run_cron(), 1)
            self.assertEqual(certification.state, "expiring")
            activities = certification.activity_ids
            self.assertEqual(activities.user_id, self.engineer_user | self.manager_user)
            self.assertEqual(
                planned.attendee_ids.employee_id, self.engineer, "proposed"
            )
            self.assertEqual(self.run_cron(), 0, "second run changes nothing")
            self.assertEqual(certification.activity_ids, activities)
            self.assertEqual(len(planned.attendee_ids), 1)
        skill = certification.employee_skill_id
        self.assertTrue(skill.exists())
        with freeze_time("2028-03-05"):
            self.assertEqual(self.run_cron(), 1)
            self.assertEqual(certification.state, "expired")
            self.assertFalse(skill.exists(), "the skill goes with the certification")
            self.assertEqual(self.run_cron(), 0, "second run changes nothing")

    def test_renewal_keeps_the_skill_when_the_old_one_expires(self):
        with freeze_time("2026-03-04"):
            old = self.certify(self.engineer)
        with freeze_time("2028-02-10"):
            self.run_cron()
            self.assertEqual(old.state, "expiring")
            new = self.certify(self.engineer)
        self.assertEqual(new.employee_skill_id, old.employee_skill_id)
        with freeze_time("2028-03-05"):
            self.run_cron()
        self.assertEqual(old.state, "expired")
        self.assertEqual(new.state, "valid")
        self.assertTrue(new.employee_skill_id.exists())
