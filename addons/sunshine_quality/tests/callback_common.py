from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class SunshineCallbackCase(TransactionCase):
    """Two local offices under one engineering office, and their callers.

    - HQ (level 4) > engineering office (level 2) > offices A and B (level 1);
    - ``caller_a`` in office A, ``caller_b`` in office B, ``supervisor`` in
      the engineering office, ``officer`` (quality staff), ``handler`` of
      the responsible department;
    - customers A and B, called by offices A and B, each with a contact.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="UTC"))
        cls.env["res.lang"]._activate_lang("en_US")
        Team = cls.env["helpdesk.ticket.team"]
        cls.hq = Team.create({"name": "Test HQ", "support_level": "4"})
        cls.office = Team.create(
            {"name": "Test Eng Office", "support_level": "2", "parent_id": cls.hq.id}
        )
        cls.team_a = Team.create(
            {"name": "Test Office A", "support_level": "1", "parent_id": cls.office.id}
        )
        cls.team_b = Team.create(
            {"name": "Test Office B", "support_level": "1", "parent_id": cls.office.id}
        )

        def user(login, groups):
            return new_test_user(
                cls.env, login=login, groups=groups, tz="UTC", lang="en_US"
            )

        caller = "sunshine_quality.group_callback_caller"
        cls.caller_a = user("cb_caller_a", caller)
        cls.caller_b = user("cb_caller_b", caller)
        cls.supervisor = user(
            "cb_supervisor", "sunshine_quality.group_callback_supervisor"
        )
        cls.officer = user("cb_officer", "sunshine_quality.group_quality_user")
        cls.handler = user("cb_handler", "sunshine_quality.group_quality_handler")
        cls.employee = user("cb_employee", "base.group_user")
        cls.team_a.user_ids = [Command.link(cls.caller_a.id)]
        cls.team_b.user_ids = [Command.link(cls.caller_b.id)]
        cls.office.user_ids = [Command.link(cls.supervisor.id)]
        cls.department = cls.env["hr.department"].create({"name": "Test Dept"})
        cls.env["hr.employee"].create(
            {
                "name": "Test Dept Handler",
                "user_id": cls.handler.id,
                "department_id": cls.department.id,
            }
        )
        Partner = cls.env["res.partner"]
        cls.customer_a = Partner.create(
            {
                "name": "Test Customer A",
                "is_company": True,
                "email": "a@customer.example.com",
                "sunshine_callback_team_id": cls.team_a.id,
            }
        )
        cls.contact_a = Partner.create(
            {"name": "Test Contact A", "parent_id": cls.customer_a.id}
        )
        cls.customer_b = Partner.create(
            {
                "name": "Test Customer B",
                "is_company": True,
                "sunshine_callback_team_id": cls.team_b.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Test Unit", "is_storable": True, "tracking": "serial"}
        )
        cls.rule_accepted = cls.env.ref("sunshine_quality.callback_rule_unit_accepted")
        cls.rule_installed = cls.env.ref(
            "sunshine_quality.callback_rule_unit_installed"
        )
        cls.rule_onsite = cls.env.ref("sunshine_quality.callback_rule_ticket_onsite")
        cls.Callback = cls.env["sunshine.callback"]
        # the demo's units and tickets are someone else's fixture: the
        # tests count the calls of their own subjects
        cls.env["stock.lot"].search([("customer_id", "!=", False)]).write(
            {"customer_id": False}
        )
        cls.env["helpdesk.ticket"].search(
            [("onsite_arrival_date", "!=", False)]
        )._sunshine_as_action().write({"onsite_arrival_date": False})
        cls.Callback.search([]).unlink()

    @classmethod
    def create_lot(cls, name, customer=None, **dates):
        return cls.env["stock.lot"].create(
            {
                "name": name,
                "product_id": cls.product.id,
                "customer_id": (customer or cls.customer_a).id,
                **{key: date.fromisoformat(value) for key, value in dates.items()},
            }
        )

    @classmethod
    def plan(cls, today, **kwargs):
        return cls.Callback._plan_callbacks(today=date.fromisoformat(today), **kwargs)

    def calls(self, rule=None, start=None):
        domain = []
        if rule:
            domain.append(("rule_id", "=", rule.id))
        if start:
            domain.append(("period_start", "=", start))
        return self.Callback.search(domain, order="subject_res_id")
