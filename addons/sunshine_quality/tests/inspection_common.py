from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class SunshineInspectionCase(TransactionCase):
    """A maintenance centre under an engineering office, its engineers, and
    customers with units.

    - ``office`` (level 2) > ``centre`` and ``centre_b`` (level 1);
    - ``engineer`` and ``engineer_b`` (service agents) of the centre,
      ``dispatcher`` of the centre, ``supervisor`` (callback supervisor) of
      the office, ``service_manager``, ``officer`` and ``manager`` (quality
      staff), ``portal_user`` of customer A, ``portal_b`` of customer B;
    - ``customer`` A served by the centre, ``customer_b`` by ``centre_b``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tz="UTC"))
        cls.env["res.lang"]._activate_lang("en_US")
        Team = cls.env["helpdesk.ticket.team"]
        cls.office = Team.create({"name": "Test Insp Office", "support_level": "2"})
        cls.centre = Team.create(
            {
                "name": "Test Insp Centre",
                "support_level": "1",
                "parent_id": cls.office.id,
            }
        )
        cls.centre_b = Team.create({"name": "Test Insp Centre B", "support_level": "1"})

        def user(login, groups, **values):
            return new_test_user(
                cls.env, login=login, groups=groups, tz="UTC", lang="en_US", **values
            )

        agent = "sunshine_helpdesk.group_service_agent"
        cls.engineer = user("insp_engineer", agent)
        cls.engineer_b = user("insp_engineer_b", agent)
        cls.dispatcher = user(
            "insp_dispatcher", "sunshine_helpdesk.group_service_dispatcher"
        )
        cls.service_manager = user(
            "insp_service_manager", "sunshine_helpdesk.group_service_manager"
        )
        cls.supervisor = user(
            "insp_supervisor", "sunshine_quality.group_callback_supervisor"
        )
        cls.officer = user("insp_officer", "sunshine_quality.group_quality_user")
        cls.manager = user("insp_manager", "sunshine_quality.group_quality_manager")
        cls.employee = user("insp_employee", "base.group_user")
        cls.centre.user_ids = [
            Command.link(cls.engineer.id),
            Command.link(cls.engineer_b.id),
            Command.link(cls.dispatcher.id),
        ]
        cls.office.user_ids = [Command.link(cls.supervisor.id)]
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Test Insp Customer",
                "is_company": True,
                "email": "insp@customer.example.com",
                "sunshine_callback_team_id": cls.centre.id,
            }
        )
        cls.contact = Partner.create(
            {
                "name": "Test Insp Contact",
                "parent_id": cls.customer.id,
                "email": "contact@customer.example.com",
            }
        )
        cls.customer_b = Partner.create(
            {
                "name": "Test Insp Customer B",
                "is_company": True,
                "sunshine_callback_team_id": cls.centre_b.id,
            }
        )
        cls.portal_user = user(
            "insp_portal", "base.group_portal", partner_id=cls.contact.id
        )
        cls.portal_b = user(
            "insp_portal_b",
            "base.group_portal",
            partner_id=Partner.create(
                {"name": "Test Insp Contact B", "parent_id": cls.customer_b.id}
            ).id,
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Test Insp Unit", "is_storable": True, "tracking": "serial"}
        )
        cls.template = cls.env.ref(
            "sunshine_quality.sunshine_inspection_template_standard"
        )
        cls.Inspection = cls.env["sunshine.inspection"]
        # the demo's units are someone else's fixture: the tests count the
        # inspections of their own units
        cls.env["stock.lot"].search([("customer_id", "!=", False)]).write(
            {"customer_id": False}
        )

    @classmethod
    def create_lot(cls, name, customer=None, **dates):
        return cls.env["stock.lot"].create(
            {
                "name": name,
                "product_id": cls.product.id,
                "customer_id": (customer or cls.customer).id,
                "site": "Test Site",
                **{key: date.fromisoformat(value) for key, value in dates.items()},
            }
        )

    @classmethod
    def plan(cls, today, **kwargs):
        return cls.Inspection._plan_inspections(
            today=date.fromisoformat(today), **kwargs
        )

    @classmethod
    def create_inspection(cls, lot=None, planned="2026-11-20", engineers=None):
        lot = lot or cls.create_lot(
            f"T-INSP-{planned}", commissioning_date="2025-01-01"
        )
        return cls.Inspection.create(
            {
                "lot_id": lot.id,
                "team_id": cls.centre.id,
                "planned_date": date.fromisoformat(planned),
                "engineer_ids": [
                    Command.set(
                        (engineers if engineers is not None else cls.engineer).ids
                    )
                ],
            }
        )

    @staticmethod
    def fill_checklist(inspection, fault_item=None):
        for line in inspection.line_ids:
            line.write(
                {
                    "result": "fault" if line == fault_item else "ok",
                    "measured_value": "-53V" if line.category == "power" else False,
                }
            )

    SIGNATURE = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )

    def sign(self, inspection, user=None, name="Test Signer"):
        """Confirm, start, fill, sign and finish ``inspection`` as ``user``."""
        env_inspection = inspection.with_user(user or self.engineer)
        if inspection.state == "planned":
            inspection.with_user(self.officer).action_record_consent()
        if inspection.state == "confirmed":
            env_inspection.action_start()
        self.fill_checklist(env_inspection)
        env_inspection.write({"signed_by": name, "signature": self.SIGNATURE})
        env_inspection.action_done()
        return inspection
