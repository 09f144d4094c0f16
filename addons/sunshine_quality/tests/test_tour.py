from odoo.tests import HttpCase, tagged

# Typed or looked for by static/src/js/tours/sunshine_quality_tour.js.
SUBJECT = "Tour: hotline unanswered at night"
OPINION = "Tour opinion: the night shift will answer within 3 rings"
SOLUTION = "Tour solution: a second hotline operator at night"


@tagged("post_install", "-at_install")
class TestTour(HttpCase):
    def test_phone_complaint_to_satisfied_customer(self):
        """The officer records a phone complaint and sends the tracking form,
        the handler returns the opinion, the officer records the customer's
        approval and, after the result, the satisfied verification."""
        officer = self.env.ref("sunshine_quality.user_quality_officer")
        handler = self.env.ref("sunshine_quality.user_handler_changsha")
        centre = self.env.ref("sunshine_quality.department_changsha_centre")
        Complaint = self.env["sunshine.complaint"]
        self.assertFalse(Complaint.search_count([("subject", "=", SUBJECT)]))

        self.start_tour("/odoo", "sunshine_quality_intake_tour", login=officer.login)
        complaint = Complaint.search([("subject", "=", SUBJECT)])
        self.assertRecordValues(
            complaint,
            [
                {
                    "channel": "phone",
                    "partner_id": self.env.ref(
                        "sunshine_helpdesk.partner_hunan_power"
                    ).id,
                    "state": "in_progress",
                    "department_id": centre.id,
                }
            ],
        )
        form = complaint.tracking_ids
        self.assertRecordValues(
            form,
            [{"state": "sent", "department_id": centre.id, "handler_id": handler.id}],
        )
        self.assertEqual(form.create_uid, officer)

        self.start_tour(
            f"/odoo/action-sunshine_quality.sunshine_complaint_tracking_action/{form.id}",
            "sunshine_quality_opinion_tour",
            login=handler.login,
        )
        self.assertEqual(form.state, "opinion")
        self.assertIn(OPINION, form.opinion)
        self.assertEqual(form.opinion_user_id, handler)
        self.assertEqual(form.opinion_sla, "on_time")

        complaint_url = (
            f"/odoo/action-sunshine_quality.sunshine_complaint_action/{complaint.id}"
        )
        self.start_tour(
            complaint_url, "sunshine_quality_approval_tour", login=officer.login
        )
        self.assertEqual(complaint.state, "carrying_out")
        proposal = complaint.approved_proposal_id
        self.assertIn(SOLUTION, proposal.description)
        self.assertRecordValues(
            proposal,
            [
                {
                    "decided_partner_id": complaint.contact_id.id,
                    "decision_channel": "phone",
                    "recorded_by_id": officer.id,
                }
            ],
        )
        self.assertTrue(complaint.first_reply_date, "the written proposal replied")

        form.with_user(handler).result = "<p>Second operator on the night shift.</p>"
        form.with_user(handler).action_request_close()
        self.assertEqual(complaint.state, "close_requested")

        self.start_tour(
            complaint_url, "sunshine_quality_verification_tour", login=officer.login
        )
        self.assertRecordValues(
            complaint,
            [
                {
                    "state": "closed",
                    "satisfaction": "satisfied",
                    "satisfaction_score": 5,
                    "resolution_sla": "on_time",
                }
            ],
        )
        self.assertEqual(complaint.verification_ids.recorded_by_id, officer)
