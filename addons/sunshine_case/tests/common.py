from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import is_html_empty

from . import case_fixture


class SunshineCaseCase(TransactionCase):
    """Roles, a centre with its engineers, and the equipment of the fixture.

    The cases of the demo data are archived: the tests see their own only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo database speaks Chinese; these tests read English messages.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.env["sunshine.case"].search([]).write({"active": False})
        cls.engineer = new_test_user(
            cls.env,
            login="case_engineer",
            groups="sunshine_helpdesk.group_service_agent",
        )
        cls.other_engineer = new_test_user(
            cls.env,
            login="case_other_engineer",
            groups="sunshine_helpdesk.group_service_agent",
        )
        cls.reviewer = new_test_user(
            cls.env,
            login="case_reviewer",
            groups="sunshine_helpdesk.group_service_manager",
        )
        cls.hq_reviewer = new_test_user(
            cls.env,
            login="case_hq_reviewer",
            groups="sunshine_helpdesk.group_service_dispatcher,"
            "sunshine_case.group_case_reviewer",
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="case_warehouse",
            groups="sunshine_spares.group_spares_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Test Case Customer Co.", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Test Case Contact", "parent_id": cls.customer.id}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="case_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Test Case Centre",
                "support_level": "1",
                "user_ids": [
                    Command.link(cls.engineer.id),
                    Command.link(cls.other_engineer.id),
                ],
            }
        )
        Category = cls.env["product.category"]
        cls.lines = {
            key: Category.create({"name": name})
            for key, name in case_fixture.PRODUCT_LINES.items()
        }
        Product = cls.env["product.product"]
        cls.models = {
            key: Product.create(
                {
                    "name": name,
                    "type": "consu",
                    "is_storable": True,
                    "tracking": "serial",
                    "categ_id": cls.lines[line].id,
                }
            )
            for key, (name, line) in case_fixture.MODELS.items()
        }
        FaultCode = cls.env["sunshine.fault.code"]
        cls.faults = {
            code: FaultCode.create({"code": code, "name": name})
            for code, name in case_fixture.FAULT_CODES.items()
        }

    @classmethod
    def create_cases(cls, state="published", **values):
        """The 50 cases of the fixture, in ``state``, by their key."""
        Case = cls.env["sunshine.case"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        rows = case_fixture.CASES
        cases = Case._sunshine_as_action().create(
            [
                dict(
                    {
                        "name": title,
                        "product_categ_id": cls.lines[line].id,
                        "product_id": cls.models[model].id,
                        "fault_code_id": cls.faults[fault].id,
                        "symptom": f"<p>{symptom}</p>",
                        "cause": f"<p>{cause}</p>",
                        "solution": f"<p>{solution}</p>",
                        "state": state,
                        "author_id": cls.engineer.id,
                    },
                    **values,
                )
                for _key, line, model, fault, title, symptom, cause, solution in rows
            ]
        )
        return {row[0]: case for row, case in zip(rows, cases, strict=True)}

    @classmethod
    def create_lot(cls, model_key, name=None):
        """A serial of the model delivered to the test customer."""
        values = {
            "name": name or f"CASE-SN-{model_key}",
            "product_id": cls.models[model_key].id,
            "customer_id": cls.customer.id,
        }
        Lot = cls.env["stock.lot"]
        domain = [(key, "=", value) for key, value in values.items()]
        return Lot.search(domain, limit=1) or Lot.create(values)

    @classmethod
    def create_ticket(cls, name="Test case ticket", description="<p>x</p>", **values):
        vals = {
            "name": name,
            "description": description,
            "team_id": cls.team.id,
            # unassigned: the training addon, when installed, refuses an
            # engineer not certified for the ticket's product line
            "user_id": False,
            "partner_id": cls.contact.id,
        }
        vals.update(values)
        return cls.env["helpdesk.ticket"].create(vals)

    @classmethod
    def query_ticket(cls, title, description, fault, model, line):
        """A new ticket of the fixture's ``QUERIES``."""
        values = {}
        if fault:
            values["fault_code_id"] = cls.faults[fault].id
        if model:
            values["lot_id"] = cls.create_lot(model).id
        if line:
            values["product_categ_id"] = cls.lines[line].id
        return cls.create_ticket(title, f"<p>{description}</p>", **values)

    @classmethod
    def assign(cls, ticket, user=None):
        """Assign the engineer, without the certification check of the
        training addon (installed or not): these tests are about cases."""
        values = {"user_id": (user or cls.engineer).id}
        if "dispatch_override" in ticket._fields:
            values["dispatch_override"] = True
        ticket.sudo()._sunshine_as_action().write(values)
        return ticket

    @classmethod
    def resolve(cls, ticket):
        """Respond and resolve as the engineer does: assigned, with the
        resolution note and the fault of the unit that Resolve asks for."""
        if not ticket.user_id:
            cls.assign(ticket)
        values = {}
        if is_html_empty(ticket.resolution_note):
            values["resolution_note"] = "<p>更换尾纤。</p>"
        if ticket.lot_id and not ticket.fault_code_id:
            values["fault_code_id"] = cls.faults["T-LOS"].id
        if values:
            ticket.write(values)
        ticket.action_respond()
        ticket.action_resolve()
        return ticket
