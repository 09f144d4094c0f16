from odoo.tests import HttpCase, tagged

# Typed or looked for by static/src/js/tours/sunshine_callback_tour.js.
UNIT = "SDH2500-HN-0001"
NOTES = "Tour notes: the customer is pleased with the new board"
ISSUE = "Tour issue: alarm lamp flickers"
REMARKS = "Tour remarks: answer faster at night"


@tagged("post_install", "-at_install")
class TestCallbackTour(HttpCase):
    def test_caller_works_a_planned_call(self):
        """The Changsha caller opens a planned call, records the score, the
        notes and an issue, answers the call script and marks it done."""
        caller = self.env.ref("sunshine_quality.user_callback_changsha")
        hunan = self.env.ref("sunshine_helpdesk.partner_hunan_power")
        changsha = self.env.ref("sunshine_helpdesk.team_centre_changsha")
        lot = self.env.ref("sunshine_spares.lot_sdh_hunan_1")
        self.assertEqual(lot.name, UNIT)
        Callback = self.env["sunshine.callback"]
        Callback._plan_callbacks()
        calls = Callback.search(
            [
                ("lot_id", "=", lot.id),
                ("state", "in", ("planned", "unreachable")),
            ]
        )
        # one open call of the unit in the list: the others are done already
        call = calls[:1]
        (calls - call)._sunshine_as_action().write({"state": "done"})
        self.assertEqual(call.team_id, changsha)
        self.assertEqual(call.partner_id, hunan)
        self.assertTrue(call.survey_id, "the demo rules have a call script")

        self.start_tour("/odoo", "sunshine_callback_tour", login=caller.login)

        self.assertRecordValues(
            call,
            [
                {
                    "state": "done",
                    "satisfaction_score": 4,
                    "notes": NOTES,
                    "user_id": caller.id,
                    "script_answered": True,
                }
            ],
        )
        issue = call.issue_ids
        self.assertRecordValues(
            issue,
            [
                {
                    "title": ISSUE,
                    "partner_id": hunan.id,
                    "team_id": changsha.id,
                    "department_id": self.env.ref(
                        "sunshine_quality.department_changsha_centre"
                    ).id,
                    "state": "open",
                }
            ],
        )
        self.assertEqual(issue.create_uid, caller)
        answer = call.user_input_id
        self.assertEqual(answer.sunshine_callback_id, call)
        self.assertEqual(answer.sunshine_customer_id, hunan)
        self.assertEqual(
            answer.partner_id, caller.partner_id, "filled in by the caller"
        )
        self.assertEqual(answer.state, "done")
        self.assertIn(REMARKS, answer.user_input_line_ids.mapped("value_text_box"))
