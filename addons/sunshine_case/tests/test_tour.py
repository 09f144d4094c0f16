from odoo.tests import HttpCase, tagged

# Looked for by static/src/js/tours/sunshine_case_tour.js; keep both in step.
TICKET_NAME = "Tour: 传输子架风扇不转"
CASE_NAME = "Tour: 风扇盒故障，子架单板温度升高"


@tagged("post_install", "-at_install")
class TestTour(HttpCase):
    def test_engineer_applies_a_suggested_case_and_marks_it_helpful(self):
        """An engineer of the Changsha centre opens a ticket, applies the
        case it is offered and marks it helpful: the case counts both."""
        changsha = self.env.ref("sunshine_helpdesk.team_centre_changsha")
        agent = self.env.ref("sunshine_helpdesk.user_agent_changsha")
        fault = self.env["sunshine.fault.code"].create(
            {"code": "TOUR-FAN", "name": "Tour fan failure"}
        )
        self.assertFalse(
            self.env["helpdesk.ticket"].search_count([("name", "=", TICKET_NAME)]),
            "the tour needs a ticket title of its own",
        )
        case = (
            self.env["sunshine.case"]
            ._sunshine_as_action()
            .create(
                {
                    "name": CASE_NAME,
                    "fault_code_id": fault.id,
                    "symptom": "<p>子架风扇盒上报FAN_FAIL告警，风扇转速下降，"
                    "单板温度超过65℃。</p>",
                    "solution": "<p>更换风扇盒，清洗防尘网。</p>",
                    "state": "published",
                }
            )
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": TICKET_NAME,
                "description": "<p>传输子架风扇好像不转了，网管报风扇告警，"
                "单板温度很高。</p>",
                "team_id": changsha.id,
                "user_id": agent.id,
                "fault_code_id": fault.id,
                "partner_id": self.env.ref(
                    "sunshine_helpdesk.partner_hunan_power_contact"
                ).id,
            }
        )
        self.assertIn(case, ticket.with_user(agent).suggested_case_ids)

        self.start_tour("/odoo", "sunshine_case_apply_tour", login=agent.login)

        self.env.invalidate_all()
        self.assertRecordValues(
            ticket.case_use_ids,
            [{"case_id": case.id, "user_id": agent.id, "helpful": True}],
        )
        self.assertRecordValues(case, [{"use_count": 1, "helpful_count": 1}])
        self.assertNotIn(case, ticket.suggested_case_ids)
