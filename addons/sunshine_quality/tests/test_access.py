from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SunshineQualityCase


@tagged("post_install", "-at_install")
class TestAccess(SunshineQualityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="q_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.employee = new_test_user(
            cls.env, login="q_employee", groups="base.group_user"
        )
        # one complaint sent to the centre, one to the division, one not sent
        cls.centre_complaint = cls.create_complaint(subject="For the centre")
        cls.centre_form = cls.send_form(cls.centre_complaint)
        cls.division_complaint = cls.create_complaint(
            subject="For the division",
            partner_id=cls.other_customer.id,
            contact_id=False,
        )
        cls.division_form = cls.send_form(
            cls.division_complaint, department=cls.other_department
        )
        cls.unsent_complaint = cls.create_complaint(subject="Not sent yet")
        cls.env["sunshine.complaint.tracking"].create(
            {
                "complaint_id": cls.unsent_complaint.id,
                "department_id": cls.department.id,
            }
        )

    def visible(self, user, model="sunshine.complaint"):
        return self.env[model].with_user(user).search([])

    def test_quality_officer_everything_on_complaints(self):
        complaints = self.visible(self.officer)
        self.assertLessEqual(
            self.centre_complaint | self.division_complaint | self.unsent_complaint,
            complaints,
        )
        self.centre_complaint.with_user(self.officer).write({"severity": "major"})
        nonconformity = (
            self.env["sunshine.nonconformity"]
            .with_user(self.officer)
            .create(
                {
                    "title": "Late visits",
                    "description": "<p>Two late visits</p>",
                    "complaint_id": self.centre_complaint.id,
                    "source": "complaint",
                }
            )
        )
        self.assertRegex(nonconformity.name, r"^NC\d{4}-\d{4}$")
        # but not the configuration, nor archiving
        with self.assertRaises(AccessError):
            self.env["sunshine.complaint.category"].with_user(self.officer).create(
                {"name": "Officer category"}
            )
        with self.assertRaises(AccessError):
            self.centre_complaint.with_user(self.officer).action_archive()

    def test_quality_manager_configures_and_archives(self):
        category = (
            self.env["sunshine.complaint.category"]
            .with_user(self.manager)
            .create({"name": "Billing"})
        )
        self.assertTrue(category)
        self.unsent_complaint.with_user(self.manager).action_archive()
        self.assertFalse(self.unsent_complaint.active)
        self.unsent_complaint.with_user(self.manager).action_unarchive()
        self.assertTrue(self.unsent_complaint.active)

    def test_department_handler_sees_only_what_was_sent_to_them(self):
        visible = self.visible(self.handler)
        self.assertIn(self.centre_complaint, visible)
        self.assertNotIn(self.division_complaint, visible)
        self.assertNotIn(self.unsent_complaint, visible, "a draft form is not sent")
        forms = self.visible(self.handler, "sunshine.complaint.tracking")
        self.assertEqual(forms, self.centre_form)
        # a member of the department sees it too
        self.assertIn(self.centre_complaint, self.visible(self.member))
        self.assertNotIn(self.centre_complaint, self.visible(self.other_handler))
        with self.assertRaises(AccessError):
            self.division_complaint.with_user(self.handler).read(["subject"])

    def test_department_handler_writes_only_their_form(self):
        # both departments on one complaint: each reads both, writes its own
        other_form = self.send_form(
            self.centre_complaint, department=self.other_department
        )
        forms = self.visible(self.handler, "sunshine.complaint.tracking")
        self.assertIn(other_form, forms)
        self.centre_form.with_user(self.handler).opinion = "<p>Ours</p>"
        with self.assertRaises(AccessError):
            other_form.with_user(self.handler).opinion = "<p>Theirs</p>"
        with self.assertRaises(AccessError):
            self.centre_complaint.with_user(self.handler).write({"subject": "Edited"})
        with self.assertRaises(AccessError):
            self.env["sunshine.complaint.tracking"].with_user(self.handler).create(
                {
                    "complaint_id": self.centre_complaint.id,
                    "department_id": self.department.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["sunshine.nonconformity"].with_user(self.handler).search([])

    def test_department_handler_cannot_readdress_their_form(self):
        form = self.centre_form.with_user(self.handler)
        with self.assertRaisesRegex(AccessError, "complaint desk addresses"):
            form.write({"department_id": self.other_department.id})
        with self.assertRaisesRegex(AccessError, "complaint desk addresses"):
            form.write({"handler_id": self.member.id})
        with self.assertRaisesRegex(UserError, "keeps its complaint and department"):
            self.centre_form.with_user(
                self.officer
            ).department_id = self.other_department
        self.assertEqual(self.centre_form.department_id, self.department)
        # the opinion is theirs while it is due, the result after it
        with self.assertRaisesRegex(UserError, "written after the opinion"):
            form.result = "<p>Too early</p>"
        self.return_opinion(self.centre_form)
        with self.assertRaisesRegex(UserError, "kept as it was returned"):
            form.opinion = "<p>Changed my mind</p>"
        form.result = "<p>Now</p>"
        self.assertIn("Now", self.centre_form.result)

    def test_department_handler_measures_on_their_form_only(self):
        Action = self.env["sunshine.quality.action"].with_user(self.handler)
        measure = Action.create(
            {
                "name": "Retrain",
                "tracking_id": self.centre_form.id,
                "owner_id": self.member.id,
                "due_date": "2026-05-01",
            }
        )
        self.assertEqual(measure.complaint_id, self.centre_complaint)
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "name": "Not ours",
                    "tracking_id": self.division_form.id,
                    "owner_id": self.handler.id,
                    "due_date": "2026-05-01",
                }
            )
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "name": "Not ours either",
                    "tracking_id": self.division_form.id,
                    "owner_id": self.other_handler.id,
                    "due_date": "2026-05-01",
                }
            )

    def test_department_handler_cannot_move_their_measure(self):
        measure = (
            self.env["sunshine.quality.action"]
            .with_user(self.handler)
            .create(
                {
                    "name": "Retrain",
                    "tracking_id": self.centre_form.id,
                    "owner_id": self.member.id,
                    "due_date": "2026-05-01",
                }
            )
        )
        nonconformity = self.env["sunshine.nonconformity"].create(
            {"title": "NC", "description": "<p>x</p>"}
        )
        # the rules are checked before the write: the move itself is refused
        for values in (
            {"tracking_id": self.division_form.id},
            {"complaint_id": self.division_complaint.id},
            {"nonconformity_id": nonconformity.id},
        ):
            with self.subTest(values=values):
                with self.assertRaises(AccessError) as caught:
                    measure.with_user(self.handler).write(values)
                self.assertIn("stays with the complaint", str(caught.exception))
        self.assertEqual(measure.tracking_id, self.centre_form)
        self.assertEqual(measure.complaint_id, self.centre_complaint)
        self.assertFalse(measure.nonconformity_id)
        # nor created on their form for another complaint
        with self.assertRaises(ValidationError) as caught:
            self.env["sunshine.quality.action"].with_user(self.handler).create(
                {
                    "name": "Elsewhere",
                    "tracking_id": self.centre_form.id,
                    "complaint_id": self.division_complaint.id,
                    "owner_id": self.member.id,
                    "due_date": "2026-05-01",
                }
            )
        self.assertIn("belongs to the form's complaint", str(caught.exception))
        # their own fields are still theirs; the desk moves it
        measure.with_user(self.handler).due_date = "2026-06-01"
        measure.with_user(self.officer).tracking_id = self.division_form
        self.assertEqual(measure.complaint_id, self.division_complaint)

    def test_no_measure_on_a_done_form_or_a_closed_complaint(self):
        complaint = self.create_complaint(subject="Measures after closure")
        form = self.run_loop_to_close_request(complaint)
        self.assertEqual(form.state, "done")
        values = {"name": "Late measure", "owner_id": self.member.id}
        values["due_date"] = "2026-05-01"
        Action = self.env["sunshine.quality.action"]
        with self.assertRaises(UserError) as caught:
            Action.with_user(self.handler).create(dict(values, tracking_id=form.id))
        self.assertIn("takes no new measure", str(caught.exception))
        # the cancelled form of the division neither
        self.division_form.with_user(self.officer).action_cancel()
        with self.assertRaises(UserError):
            Action.with_user(self.other_handler).create(
                dict(values, tracking_id=self.division_form.id)
            )
        # a measure of the complaint itself, until it is closed
        measure = Action.with_user(self.officer).create(
            dict(values, complaint_id=complaint.id)
        )
        self.assertEqual(measure.complaint_id, complaint)
        self.contact_customer(complaint, "verification", result="satisfied", score=5)
        self.assertEqual(complaint.state, "closed")
        with self.assertRaises(UserError) as caught:
            Action.with_user(self.officer).create(
                dict(values, complaint_id=complaint.id)
            )
        self.assertIn("is closed", str(caught.exception))
        self.assertEqual(
            complaint.action_ids.filtered(lambda a: a.name == "Late measure"), measure
        )

    def test_closed_complaint_is_kept(self):
        complaint = self.create_complaint(subject="Closed and kept")
        self.run_loop_to_close_request(complaint)
        self.contact_customer(complaint, "verification", result="satisfied", score=5)
        self.assertEqual(complaint.state, "closed")
        for values in (
            {"partner_id": self.other_customer.id},
            {"contact_id": self.other_contact.id},
            {"category_id": self.category_response.id},
            {"department_id": self.other_department.id},
        ):
            with self.subTest(values=values):
                with self.assertRaises(UserError) as caught:
                    complaint.with_user(self.manager).write(values)
                self.assertIn("is closed", str(caught.exception))
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.category_id, self.category)
        self.assertEqual(complaint.department_id, self.department)
        # a quality manager still archives it; an open one is still edited
        complaint.with_user(self.manager).action_archive()
        self.assertFalse(complaint.active)
        self.unsent_complaint.with_user(
            self.officer
        ).category_id = self.category_response
        self.assertEqual(self.unsent_complaint.category_id, self.category_response)

    def test_action_owner_marks_their_action_done(self):
        measure = self.env["sunshine.quality.action"].create(
            {
                "name": "Check the spare stock",
                "tracking_id": self.centre_form.id,
                "owner_id": self.employee.id,
                "due_date": "2026-05-01",
            }
        )
        other = self.env["sunshine.quality.action"].create(
            {
                "name": "Someone else's",
                "tracking_id": self.centre_form.id,
                "owner_id": self.member.id,
                "due_date": "2026-05-01",
            }
        )
        self.assertEqual(
            self.visible(self.employee, "sunshine.quality.action"), measure
        )
        self.assertEqual(measure.activity_ids.user_id, self.employee)
        measure.with_user(self.employee).note = "Stock checked"
        with self.assertRaisesRegex(AccessError, "result of your quality actions"):
            measure.with_user(self.employee).due_date = "2026-12-31"
        measure.with_user(self.employee).action_done()
        self.assertEqual(measure.state, "done")
        self.assertFalse(measure.activity_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.employee).action_done()
        with self.assertRaises(AccessError):
            self.centre_complaint.with_user(self.employee).read(["subject"])

    def test_only_quality_staff_cancel_or_reopen_actions(self):
        measure = self.env["sunshine.quality.action"].create(
            {
                "name": "Check the spare stock",
                "tracking_id": self.centre_form.id,
                "owner_id": self.employee.id,
                "due_date": "2026-05-01",
            }
        )
        # neither its owner nor the department's handler drops it
        for user in (self.employee, self.handler):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError) as caught:
                    measure.with_user(user).action_cancel()
                self.assertIn("Only the quality staff", str(caught.exception))
        self.assertEqual(measure.state, "open")
        with self.assertRaises(UserError) as caught:
            measure.with_user(self.officer).action_reopen()
        self.assertIn("already open", str(caught.exception))
        measure.with_user(self.employee).action_done()
        for user in (self.employee, self.handler):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                measure.with_user(user).action_reopen()
        self.assertEqual(measure.state, "done")
        # the quality officer reopens and cancels it
        measure.with_user(self.officer).action_reopen()
        self.assertEqual(measure.state, "open")
        self.assertFalse(measure.done_date)
        measure.with_user(self.officer).action_cancel()
        self.assertEqual(measure.state, "cancelled")

    def test_service_agent_raises_and_reads_their_own(self):
        own = self.create_complaint(user=self.agent, subject="Raised by the agent")
        visible = self.visible(self.agent)
        self.assertIn(own, visible)
        self.assertNotIn(self.centre_complaint, visible)
        with self.assertRaises(AccessError):
            own.with_user(self.agent).write({"subject": "Edited"})
        with self.assertRaises(AccessError):
            self.visible(self.agent, "sunshine.complaint.tracking")
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Access Centre", "user_ids": [(4, self.agent.id)]}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Agent's ticket",
                "description": "<p>x</p>",
                "team_id": team.id,
                "user_id": self.agent.id,
                "partner_id": self.contact.id,
            }
        )
        linked = self.create_complaint(
            subject="About the agent's ticket", ticket_id=ticket.id
        )
        self.assertIn(linked, self.visible(self.agent))

    def test_portal_customer_reads_their_company_only(self):
        visible = self.visible(self.portal_user)
        self.assertIn(self.centre_complaint, visible)
        self.assertIn(self.unsent_complaint, visible)
        self.assertNotIn(self.division_complaint, visible)
        with self.assertRaises(AccessError):
            self.centre_complaint.with_user(self.portal_user).write({"subject": "x"})
        with self.assertRaises(AccessError):
            self.create_complaint(user=self.portal_user)
        with self.assertRaises(AccessError):
            self.visible(self.portal_user, "sunshine.complaint.tracking")

    def test_department_handler_cannot_withdraw_their_form(self):
        with self.assertRaises(AccessError) as caught:
            self.centre_form.with_user(self.handler).action_cancel()
        self.assertIn("Only the complaint desk cancels", str(caught.exception))
        self.assertEqual(self.centre_form.state, "sent")
        # the opinion clock runs on, to its escalation
        self.assertTrue(
            self.centre_form.sla_timer_ids.filtered(lambda t: t.state == "running")
        )
        self.centre_form.with_user(self.officer).action_cancel()
        self.assertEqual(self.centre_form.state, "cancelled")

    def test_nobody_deletes_a_sent_tracking_form(self):
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            self.centre_form.with_user(self.officer).unlink()
        self.centre_form.with_user(self.officer).action_cancel()
        self.assertEqual(self.centre_form.state, "cancelled")
        self.assertFalse(
            self.centre_form.sla_timer_ids.filtered(lambda t: t.state == "running")
        )

    def test_demo_users_stay_in_their_role(self):
        officer = self.env.ref("sunshine_quality.user_quality_officer")
        handler = self.env.ref("sunshine_quality.user_handler_changsha")
        self.assertTrue(officer.has_group("sunshine_quality.group_quality_user"))
        self.assertFalse(officer.has_group("sunshine_quality.group_quality_manager"))
        self.assertFalse(handler.has_group("sunshine_quality.group_quality_user"))
        with self.assertRaises(AccessError):
            self.env["sunshine.complaint.category"].with_user(officer).create(
                {"name": "x"}
            )
        # the handler sees the demo complaints sent to the Changsha centre only
        centre = self.env.ref("sunshine_quality.department_changsha_centre")
        visible = self.visible(handler)
        self.assertTrue(visible)
        for complaint in visible:
            self.assertIn(centre, complaint.tracking_ids.department_id)
        self.assertNotIn(self.centre_complaint, visible)
