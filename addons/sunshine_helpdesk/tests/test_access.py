from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SunshineHelpdeskCase


@tagged("post_install", "-at_install")
class TestAccess(SunshineHelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.create_ticket(user_id=False)
        cls.other_ticket = cls.create_ticket(
            team_id=cls.team_other_centre.id, user_id=cls.other_agent.id
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Customer Contact", "parent_id": cls.partner.id}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="sla_portal",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Other Customer", "is_company": True}
        )
        cls.stranger_ticket = cls.create_ticket(partner_id=cls.stranger.id)

    def visible(self, user):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search(
                [
                    (
                        "id",
                        "in",
                        (self.ticket | self.other_ticket | self.stranger_ticket).ids,
                    )
                ]
            )
        )

    def test_agent_sees_own_and_team_tickets_only(self):
        self.assertEqual(self.visible(self.agent), self.ticket | self.stranger_ticket)
        with self.assertRaises(AccessError):
            self.other_ticket.with_user(self.agent).read(["name"])

    def test_agent_works_a_ticket_but_not_the_configuration(self):
        ticket = self.ticket.with_user(self.agent)
        ticket.user_id = self.agent
        ticket.action_respond()
        ticket._escalate_level("Needs the engineering office")
        self.assertEqual(self.ticket.team_id, self.team_office)
        # escalated out of the agent's team, the ticket stays theirs
        self.assertIn(self.ticket, self.visible(self.agent))
        self.assertTrue(ticket.sla_timer_ids.with_user(self.agent).read(["deadline"]))
        with self.assertRaises(AccessError):
            self.policy_response.with_user(self.agent).duration_minutes = 60
        with self.assertRaises(AccessError):
            ticket.sla_timer_ids.with_user(self.agent).write({"state": "met"})
        with self.assertRaises(AccessError):
            self.env["sunshine.service.type"].with_user(self.agent).create(
                {"name": "Agent's own service", "code": "X"}
            )

    def test_dispatcher_sees_the_levels_below(self):
        self.assertEqual(
            self.visible(self.dispatcher),
            self.ticket | self.other_ticket | self.stranger_ticket,
        )
        # the division leader's own team is above the office
        self.assertEqual(
            self.visible(self.division_leader),
            self.ticket | self.other_ticket | self.stranger_ticket,
        )
        hq_ticket = self.create_ticket(team_id=self.team_hq.id, user_id=False)
        with self.assertRaises(AccessError):
            hq_ticket.with_user(self.dispatcher).read(["name"])

    def test_manager_configures_policies(self):
        policy = self.policy_response.with_user(self.manager)
        policy.duration_minutes = 20
        self.assertEqual(self.policy_response.duration_minutes, 20)
        new = (
            self.env["sunshine.sla.policy"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Major faults: response in 60 minutes",
                    "clock_id": self.policy_response.clock_id.id,
                    "severity": "major",
                    "duration_minutes": 60,
                    "calendar_id": self.policy_response.calendar_id.id,
                }
            )
        )
        self.assertTrue(new)
        hq_ticket = self.create_ticket(team_id=self.team_hq.id)
        self.assertTrue(hq_ticket.with_user(self.manager).read(["name"]))

    def test_portal_sees_company_tickets_with_due_times_only(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.portal_user)
        tickets = Ticket.search([("id", "in", self.visible(self.dispatcher).ids)])
        self.assertEqual(tickets, self.ticket | self.other_ticket)
        # the same ticket on both sides (the search has its own order)
        self.assertEqual(
            tickets.filtered(lambda t: t == self.ticket).response_deadline,
            self.ticket.response_deadline,
        )
        self.assertTrue(tickets.filtered(lambda t: t == self.ticket).response_deadline)
        with self.assertRaises(AccessError):
            self.env["sunshine.sla.timer"].with_user(self.portal_user).search([])
        with self.assertRaises(AccessError):
            self.stranger_ticket.with_user(self.portal_user).read(["name"])

    def test_escalation_needs_a_reason_and_stops_at_the_top(self):
        with self.assertRaises(UserError):
            self.ticket.with_user(self.dispatcher)._escalate_level("  ")
        self.assertFalse(self.ticket.escalation_ids, "nothing half written")
        hq_ticket = self.create_ticket(team_id=self.team_hq.id)
        with self.assertRaisesRegex(UserError, "top support level"):
            hq_ticket.with_user(self.manager)._escalate_level("Still failing")
        self.assertEqual(hq_ticket.team_id, self.team_hq)
        hq_ticket._escalate_level("SLA breached", automatic=True)
        self.assertEqual(hq_ticket.team_id, self.team_hq)
        self.assertIn("stays there", hq_ticket.message_ids[0].body)
