from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# The tests run on a clock of their own, far from the demo complaints.
T0 = datetime(2026, 3, 2, 9, 0, 0)


class SunshineQualityCase(TransactionCase):
    """A complaint desk and two departments, each with a handler.

    - the quality officer (complaint desk) and a quality manager;
    - department "Test Centre" managed by ``handler``, with ``member``;
      department "Test Division" managed by ``other_handler``;
    - a service agent, two customers with a contact each.
    The shipped complaint policies apply: reply and opinion 2 hours, 7x24;
    resolution 15 days.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo database speaks Chinese; these tests read English messages.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="UTC"))
        cls.env["res.lang"]._activate_lang("en_US")
        cls.officer = new_test_user(
            cls.env,
            login="q_officer",
            groups="sunshine_quality.group_quality_user",
            tz="UTC",
            lang="en_US",
        )
        cls.manager = new_test_user(
            cls.env,
            login="q_manager",
            groups="sunshine_quality.group_quality_manager",
            tz="UTC",
            lang="en_US",
        )
        cls.handler = new_test_user(
            cls.env,
            login="q_handler",
            groups="sunshine_quality.group_quality_handler",
            tz="UTC",
            lang="en_US",
        )
        cls.member = new_test_user(
            cls.env,
            login="q_member",
            groups="sunshine_quality.group_quality_handler",
            tz="UTC",
            lang="en_US",
        )
        cls.other_handler = new_test_user(
            cls.env,
            login="q_other_handler",
            groups="sunshine_quality.group_quality_handler",
            tz="UTC",
            lang="en_US",
        )
        cls.agent = new_test_user(
            cls.env,
            login="q_agent",
            groups="sunshine_helpdesk.group_service_agent",
            tz="UTC",
            lang="en_US",
        )
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.department = Department.create({"name": "Test Centre"})
        cls.other_department = Department.create({"name": "Test Division"})
        handler_employee = Employee.create(
            {
                "name": "Test Handler",
                "user_id": cls.handler.id,
                "department_id": cls.department.id,
            }
        )
        Employee.create(
            {
                "name": "Test Member",
                "user_id": cls.member.id,
                "department_id": cls.department.id,
            }
        )
        other_employee = Employee.create(
            {
                "name": "Test Other Handler",
                "user_id": cls.other_handler.id,
                "department_id": cls.other_department.id,
            }
        )
        cls.department.manager_id = handler_employee
        cls.other_department.manager_id = other_employee
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Test Grid Co.", "is_company": True})
        cls.contact = Partner.create(
            {
                "name": "Test Grid Contact",
                "parent_id": cls.customer.id,
                "email": "contact@grid.example.com",
            }
        )
        cls.other_customer = Partner.create(
            {"name": "Test Telecom Co.", "is_company": True}
        )
        cls.other_contact = Partner.create(
            {
                "name": "Test Telecom Contact",
                "parent_id": cls.other_customer.id,
                "email": "contact@telecom.example.com",
            }
        )
        cls.category = cls.env.ref("sunshine_quality.complaint_category_attitude")
        cls.category_response = cls.env.ref(
            "sunshine_quality.complaint_category_response"
        )
        cls.Complaint = cls.env["sunshine.complaint"]

    @classmethod
    def create_complaint(cls, user=None, **values):
        vals = {
            "subject": "Engineer late and rude",
            "description": "<p>The engineer came a day late.</p>",
            "partner_id": cls.customer.id,
            "contact_id": cls.contact.id,
            "channel": "phone",
            "category_id": cls.category.id,
            "user_id": cls.officer.id,
        }
        vals.update(values)
        Complaint = cls.Complaint.with_user(user or cls.officer)
        return Complaint.create(vals).with_env(cls.env)

    @classmethod
    def send_form(cls, complaint, department=None, user=None):
        wizard = (
            cls.env["sunshine.complaint.tracking.wizard"]
            .with_user(user or cls.officer)
            .create(
                {
                    "complaint_id": complaint.id,
                    "department_id": (department or cls.department).id,
                    "instructions": "Check the visit of last week.",
                }
            )
        )
        wizard.action_send()
        return complaint.tracking_ids.filtered(
            lambda f: (
                f.state == "sent" and f.department_id == (department or cls.department)
            )
        )[-1:]

    @classmethod
    def return_opinion(cls, form, user=None, text="We will send another engineer."):
        form = form.with_user(user or cls.handler)
        form.opinion = f"<p>{text}</p>"
        form.action_return_opinion()

    @classmethod
    def contact_customer(cls, complaint, kind, user=None, **values):
        vals = {
            "complaint_id": complaint.id,
            "kind": kind,
            "channel": "phone",
            "note": "Talked to the customer.",
        }
        vals.update(values)
        wizard = (
            cls.env["sunshine.complaint.contact.wizard"]
            .with_user(user or cls.officer)
            .with_context(default_kind=kind)
            .create(vals)
        )
        return wizard.action_confirm()

    @classmethod
    def propose(cls, complaint, text="A senior engineer visits tomorrow.", **kw):
        wizard = (
            cls.env["sunshine.complaint.proposal.wizard"]
            .with_user(kw.pop("user", None) or cls.officer)
            .create(
                {"complaint_id": complaint.id, "description": f"<p>{text}</p>", **kw}
            )
        )
        return wizard.action_propose()

    @classmethod
    def report_result(cls, form, user=None, measures=True):
        form = form.with_user(user or cls.handler)
        values = {"result": "<p>A senior engineer fixed it.</p>"}
        if measures:
            values["action_ids"] = [
                Command.create(
                    {
                        "name": "Train the engineers on punctuality",
                        "owner_id": cls.handler.id,
                        "due_date": "2026-04-30",
                    }
                )
            ]
        values["accountability_decision"] = "Warning for the engineer."
        form.write(values)
        form.action_request_close()

    def run_cron(self):
        return self.env["sunshine.sla.timer"]._cron_process_due_timers()

    def run_loop_to_close_request(self, complaint):
        """Tracking form, opinion, proposal, approval, result."""
        form = self.send_form(complaint)
        self.return_opinion(form)
        self.propose(complaint)
        self.contact_customer(complaint, "decision", decision="approve")
        self.report_result(form)
        return form
