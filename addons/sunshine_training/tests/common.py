from datetime import datetime

from odoo.tests import TransactionCase, new_test_user


class SunshineTrainingCase(TransactionCase):
    """Two product lines (one below the other), a course, a planned
    session, engineers with employees, and a user for each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo database speaks Chinese; these tests read English messages.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Category = cls.env["product.category"]
        cls.line = Category.create({"name": "Test Transmission"})
        cls.sub_line = Category.create({"name": "Test SDH", "parent_id": cls.line.id})
        cls.other_line = Category.create({"name": "Test Switching"})
        cls.trainer = new_test_user(
            cls.env,
            login="tr_trainer",
            groups="sunshine_training.group_training_trainer",
        )
        cls.hr_officer = new_test_user(
            cls.env, login="tr_hr", groups="hr.group_hr_user"
        )
        cls.service_manager = new_test_user(
            cls.env,
            login="tr_service_manager",
            groups="sunshine_helpdesk.group_service_manager",
        )
        Employee = cls.env["hr.employee"]
        cls.manager_user = new_test_user(
            cls.env,
            login="tr_manager",
            groups="sunshine_helpdesk.group_service_dispatcher",
        )
        cls.manager_employee = Employee.create(
            {"name": "Centre Leader", "user_id": cls.manager_user.id}
        )
        cls.engineer_user = new_test_user(
            cls.env, login="tr_engineer", groups="sunshine_helpdesk.group_service_agent"
        )
        cls.engineer = Employee.create(
            {
                "name": "Certified Engineer",
                "user_id": cls.engineer_user.id,
                "parent_id": cls.manager_employee.id,
            }
        )
        cls.novice_user = new_test_user(
            cls.env, login="tr_novice", groups="sunshine_helpdesk.group_service_agent"
        )
        cls.novice = Employee.create(
            {"name": "Novice Engineer", "user_id": cls.novice_user.id}
        )
        cls.course = cls.env["sunshine.training.course"].create(
            {
                "name": "Test transmission maintenance",
                "product_categ_id": cls.line.id,
                "validity_months": 24,
                "pass_mark": 70,
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Test Training Centre",
                "user_ids": [(6, 0, (cls.engineer_user | cls.novice_user).ids)],
            }
        )

    @classmethod
    def create_session(cls, **values):
        vals = {
            "course_id": cls.course.id,
            "trainer_id": cls.trainer.id,
            "date_start": datetime(2026, 3, 2, 1, 0),
            "date_end": datetime(2026, 3, 4, 9, 0),
        }
        vals.update(values)
        return cls.env["sunshine.training.session"].create(vals)

    @classmethod
    def certify(cls, employee, score=90):
        session = cls.create_session()
        cls.env["sunshine.training.attendee"].create(
            {
                "session_id": session.id,
                "employee_id": employee.id,
                "attended": True,
                "score": score,
            }
        )
        session.action_done()
        return session.certification_ids
