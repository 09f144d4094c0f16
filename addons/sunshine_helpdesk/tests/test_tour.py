from odoo.tests import HttpCase, tagged

# Both are typed or looked for by static/src/js/tours/sunshine_helpdesk_tour.js.
TICKET_NAME = "Tour: transmission alarm"
REASON = "Transmission alarm persists after a board reset"


@tagged("post_install", "-at_install")
class TestTour(HttpCase):
    def test_agent_takes_responds_and_escalates(self):
        """An agent takes a ticket, responds, and escalates it with a reason."""
        changsha = self.env.ref("sunshine_helpdesk.team_centre_changsha")
        beijing = self.env.ref("sunshine_helpdesk.team_beijing_office")
        agent = self.env.ref("sunshine_helpdesk.user_agent_changsha")
        self.assertFalse(
            self.env["helpdesk.ticket"].search_count([("name", "=", TICKET_NAME)]),
            "the tour needs a ticket title of its own",
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": TICKET_NAME,
                "description": "<p>The transmission board alarms every hour.</p>",
                "team_id": changsha.id,
                "user_id": False,
                "partner_id": self.env.ref(
                    "sunshine_helpdesk.partner_hunan_power_contact"
                ).id,
            }
        )
        self.assertFalse(ticket.user_id)
        self.assertFalse(ticket.first_response_date)

        self.start_tour("/odoo", "sunshine_helpdesk_escalation_tour", login=agent.login)

        self.env.invalidate_all()
        self.assertEqual(ticket.user_id, agent)
        self.assertTrue(ticket.first_response_date)
        self.assertEqual(ticket.team_id, beijing)
        self.assertEqual(ticket.origin_team_id, changsha)
        escalation = ticket.escalation_ids
        self.assertEqual(len(escalation), 1)
        self.assertRecordValues(
            escalation,
            [
                {
                    "escalation_type": "level",
                    "reason": REASON,
                    "user_id": agent.id,
                    "from_team_id": changsha.id,
                    "to_team_id": beijing.id,
                    "automatic": False,
                }
            ],
        )
