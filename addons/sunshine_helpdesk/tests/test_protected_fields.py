from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import RpcCaseMixin, SunshineHelpdeskCase


@tagged("post_install", "-at_install")
class TestProtectedFields(RpcCaseMixin, SunshineHelpdeskCase, HttpCase):
    """The engine's bookkeeping on a record is written by the engine only."""

    def test_sla_status_refused_over_rpc(self):
        ticket = self.create_ticket()
        self.assertEqual(ticket.sla_status, "on_track")
        message = self.assertRpcRefused(
            self.agent, "helpdesk.ticket", "write", [ticket.id], {"sla_status": "met"}
        )
        self.assertIn("SLA Status", message)
        self.assertRpcRefused(
            self.manager,
            "helpdesk.ticket",
            "write",
            [ticket.id],
            {"sla_deadline": "2030-01-01 00:00:00", "sla_compliance": 100},
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.sla_status, "on_track")

    def test_create_with_protected_values_refused(self):
        values = {
            "name": "Forged",
            "description": "<p>x</p>",
            "team_id": self.team_centre.id,
            "partner_id": self.partner.id,
        }
        self.assertRpcRefused(
            self.agent, "helpdesk.ticket", "create", [dict(values, sla_status="met")]
        )
        self.assertRpcRefused(
            self.agent,
            "helpdesk.ticket",
            "create",
            [values],
            context={"default_sla_deadline": "2030-01-01 00:00:00"},
        )
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("name", "=", "Forged")]),
            "nothing half-written",
        )

    def test_even_superuser_code_needs_the_action(self):
        ticket = self.create_ticket()
        with self.assertRaises(AccessError):
            ticket.sudo().write({"sla_status": "met"})
        ticket.sudo()._sunshine_as_action().write({"sla_status": "met"})
        self.assertEqual(ticket.sla_status, "met")
