from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..hooks import post_init_hook
from .common import SunshineTrainingCase


@tagged("post_install", "-at_install")
class TestSessionAndNames(SunshineTrainingCase):
    def enrol(self, session, employee, score=90):
        return self.env["sunshine.training.attendee"].create(
            {
                "session_id": session.id,
                "employee_id": employee.id,
                "attended": True,
                "score": score,
            }
        )

    def test_results_of_a_future_session_are_refused(self):
        session = self.create_session(
            date_start=datetime(2026, 3, 2, 1, 0), date_end=datetime(2026, 3, 4, 9, 0)
        )
        self.enrol(session, self.engineer)
        with freeze_time("2026-03-01 12:00:00"), self.assertRaises(UserError) as caught:
            session.with_user(self.trainer).action_done()
        message = str(caught.exception)
        self.assertIn("starts on 2026-03-02", message)
        self.assertIn("once it has started", message)
        self.assertEqual(session.state, "planned")
        self.assertFalse(session.certification_ids, "no certificate for today")
        with freeze_time("2026-03-02 01:30:00"):
            session.with_user(self.trainer).action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.certification_ids.employee_id, self.engineer)

    def test_session_name_is_in_the_company_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.company.partner_id.lang = "zh_CN"
        self.course.with_context(lang="zh_CN").name = "测试传输设备维护"
        session = self.create_session(
            date_start=datetime(2026, 3, 2, 17, 0), date_end=datetime(2026, 3, 4, 9, 0)
        )
        self.assertEqual(self.env.lang, "en_US", "created by an English user")
        # 17:00 UTC is the next morning in Shanghai
        self.env.company.partner_id.tz = "Asia/Shanghai"
        session.date_start = datetime(2026, 3, 2, 17, 0)
        self.assertEqual(session.name, "测试传输设备维护 2026-03-03")
        session.name = "Test course, as named before the translations"
        post_init_hook(self.env)
        self.assertEqual(session.name, "测试传输设备维护 2026-03-03")

    def test_employee_bears_the_name_of_its_user(self):
        user = new_test_user(
            self.env,
            login="tr_named",
            name="李工程师",
            groups="sunshine_helpdesk.group_service_agent",
        )
        employee = self.env["hr.employee"].create(
            {"name": "Engineer Li", "user_id": user.id}
        )
        self.assertEqual(employee.name, "李工程师")
        other = new_test_user(
            self.env,
            login="tr_named_2",
            name="王工程师",
            groups="sunshine_helpdesk.group_service_agent",
        )
        employee.user_id = other
        self.assertEqual(employee.name, "王工程师")
        other.name = "王大工程师"
        self.assertEqual(employee.name, "王大工程师", "renaming the user renames it")
        session = self.create_session()
        self.enrol(session, employee)
        session.action_done()
        ticket_user = session.certification_ids.employee_id.user_id
        self.assertEqual(
            session.certification_ids.employee_id.name,
            ticket_user.name,
            "the certificate and the dispatch name the same person",
        )

    def test_demo_engineers_bear_their_users_names(self):
        agent = self.env.ref(
            "sunshine_training.employee_agent_changsha", raise_if_not_found=False
        )
        if not agent:
            self.skipTest("no demo data")
        employees = self.env["hr.employee"].search(
            [("user_id", "!=", False), ("id", "in", self._demo_employees())]
        )
        self.assertIn(agent, employees)
        self.assertEqual(employees.mapped("name"), employees.mapped("user_id.name"))

    def _demo_employees(self):
        return (
            self.env["ir.model.data"]
            .search(
                [("module", "=", "sunshine_training"), ("model", "=", "hr.employee")]
            )
            .mapped("res_id")
        )

    def test_upcoming_expiries_do_not_invite_creating_certificates(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sunshine_training.sunshine_certification_action_expiries"
        )
        self.assertIn("No certification expires in the next 90 days", action["help"])
        self.assertNotIn("Create", action["help"])
        self.assertNotIn("Add a new", action["help"])
        arch = self.env["sunshine.certification"].get_views([(False, "list")])["views"][
            "list"
        ]["arch"]
        self.assertIn('create="0"', arch.replace("false", "0"))
