from datetime import datetime, time

from odoo import fields
from odoo.tests import HttpCase, tagged

# Looked for by static/src/js/tours/sunshine_training_tour.js; keep both in step.
LINE_NAME = "Tour Fibre Line"
COURSE_NAME = "Tour Course Fibre"
ENGINEER_NAME = "Tour Engineer Fibre"
SCORE = 92


@tagged("post_install", "-at_install")
class TestTour(HttpCase):
    def test_trainer_records_results_and_certifies(self):
        """A trainer records attendance and score, validates the results, and
        the certification appears on the employee."""
        trainer = self.env.ref("sunshine_training.user_trainer")
        self.assertFalse(
            self.env["sunshine.training.course"].search_count(
                [("name", "=like", f"{COURSE_NAME}%")]
            ),
            "the tour needs a course name of its own",
        )
        line = self.env["product.category"].create({"name": LINE_NAME})
        course = self.env["sunshine.training.course"].create(
            {
                "name": COURSE_NAME,
                "audience": "internal",
                "product_categ_id": line.id,
                "validity_months": 12,
                "pass_mark": 60,
            }
        )
        employee = self.env["hr.employee"].create({"name": ENGINEER_NAME})
        today = fields.Date.context_today(course)
        session = self.env["sunshine.training.session"].create(
            {
                "course_id": course.id,
                "trainer_id": trainer.id,
                "date_start": datetime.combine(today, time(1, 0)),
                "date_end": datetime.combine(today, time(9, 0)),
            }
        )
        attendee = self.env["sunshine.training.attendee"].create(
            {
                "session_id": session.id,
                "employee_id": employee.id,
                "attended": False,
                "score": 0,
            }
        )
        self.assertEqual(session.state, "planned")
        self.assertTrue(session.name.startswith(COURSE_NAME))
        self.assertFalse(employee.certification_ids)

        self.start_tour("/odoo", "sunshine_training_results_tour", login=trainer.login)

        self.env.invalidate_all()
        self.assertEqual(session.state, "done")
        self.assertRecordValues(
            attendee, [{"attended": True, "score": SCORE, "passed": True}]
        )
        certification = employee.certification_ids
        self.assertEqual(len(certification), 1)
        self.assertRecordValues(
            certification,
            [
                {
                    "product_categ_id": line.id,
                    "course_id": course.id,
                    "session_id": session.id,
                    "trainer_id": trainer.id,
                    "state": "valid",
                }
            ],
        )
        self.assertEqual(attendee.certification_id, certification)
        skill_type = self.env.ref("sunshine_training.skill_type_certification")
        employee_skill = employee.employee_skill_ids.filtered(
            lambda s: s.skill_id.name == line.display_name
        )
        self.assertEqual(len(employee_skill), 1)
        self.assertEqual(employee_skill.skill_type_id, skill_type)
        self.assertEqual(employee_skill.skill_id.skill_type_id, skill_type)
        self.assertEqual(certification.employee_skill_id, employee_skill)
