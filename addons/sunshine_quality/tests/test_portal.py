from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SunshineQualityCase


@tagged("post_install", "-at_install")
class TestPortal(SunshineQualityCase, HttpCase):
    """The customer submits, follows, replies, approves and confirms over HTTP;
    another customer is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.customer_user = new_test_user(
            cls.env,
            login="q_portal_customer",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            lang="en_US",
        )
        cls.stranger_user = new_test_user(
            cls.env,
            login="q_portal_stranger",
            groups="base.group_portal",
            partner_id=cls.other_contact.id,
            lang="en_US",
        )

    def post(self, url, **data):
        return self.url_open(
            url, data={**data, "csrf_token": http.Request.csrf_token(self)}
        )

    def test_customer_submits_follows_approves_and_confirms(self):
        self.authenticate(self.customer_user.login, self.customer_user.login)
        home = self.url_open("/my")
        self.assertIn("/my/complaints", home.text)
        new = self.url_open("/my/complaints/new")
        self.assertEqual(new.status_code, 200)
        self.assertIn("o_complaint_form", new.text)
        # bad input: nothing is created
        page = self.post("/my/complaints/submit", subject="", description="")
        self.assertIn("o_complaint_error", page.text)
        self.assertFalse(self.Complaint.search([("partner_id", "=", self.customer.id)]))
        page = self.post(
            "/my/complaints/submit",
            subject="Portal: hotline busy",
            description="Nobody answered for an hour.",
            category_id=str(self.category_response.id),
        )
        complaint = self.Complaint.search([("subject", "=", "Portal: hotline busy")])
        self.assertRecordValues(
            complaint,
            [
                {
                    "channel": "portal",
                    "partner_id": self.customer.id,
                    "contact_id": self.contact.id,
                    "category_id": self.category_response.id,
                    "state": "received",
                }
            ],
        )
        self.assertTrue(page.url.endswith(f"/my/complaints/{complaint.id}"))
        self.assertIn(complaint.name, page.text)
        self.assertIn("Reply Due:", page.text)
        listing = self.url_open("/my/complaints")
        self.assertIn(complaint.name, listing.text)

        # the customer replies through the portal chatter: not a staff reply
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "sunshine.complaint",
                "thread_id": complaint.id,
                "post_data": {"body": "Still no call back.", "message_type": "comment"},
                "token": complaint.access_token,
            },
        )
        self.assertIn("Still no call back.", complaint.message_ids[0].body)
        self.assertEqual(complaint.message_ids[0].author_id, self.contact)
        self.assertFalse(complaint.first_reply_date)

        # the desk handles it; the customer approves the proposal on the portal
        form = self.send_form(complaint)
        self.return_opinion(form)
        self.propose(complaint, text="A call from the centre manager today.")
        page = self.url_open(f"/my/complaints/{complaint.id}")
        self.assertIn("A call from the centre manager today.", page.text)
        self.assertIn("o_complaint_proposal", page.text)
        self.post(
            f"/my/complaints/{complaint.id}/decision",
            decision="approve",
            note="OK for us",
        )
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "carrying_out")
        proposal = complaint.approved_proposal_id
        self.assertRecordValues(
            proposal,
            [
                {
                    "decided_partner_id": self.contact.id,
                    "decision_channel": "portal",
                    "decision_note": "OK for us",
                    "recorded_by_id": self.customer_user.id,
                }
            ],
        )
        self.report_result(form, measures=False)
        # a score outside the scale is refused and nothing changes
        page = self.post(
            f"/my/complaints/{complaint.id}/verify", result="satisfied", score="9"
        )
        self.assertIn("o_complaint_error", page.text)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "close_requested")
        self.assertFalse(complaint.verification_ids)
        self.post(
            f"/my/complaints/{complaint.id}/verify",
            result="satisfied",
            score="5",
            note="Thank you",
        )
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "closed")
        self.assertRecordValues(
            complaint.verification_ids,
            [
                {
                    "result": "satisfied",
                    "score": 5,
                    "channel": "portal",
                    "note": "Thank you",
                }
            ],
        )

    def test_customer_not_satisfied_reopens(self):
        complaint = self.create_complaint()
        self.run_loop_to_close_request(complaint)
        self.authenticate(self.customer_user.login, self.customer_user.login)
        page = self.url_open(f"/my/complaints/{complaint.id}")
        self.assertIn("o_complaint_verify", page.text)
        self.post(
            f"/my/complaints/{complaint.id}/verify",
            result="not_satisfied",
            note="It failed again",
        )
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.reopen_count, 1)

    def test_other_customer_is_refused(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        self.return_opinion(form)
        self.propose(complaint)
        self.authenticate(self.stranger_user.login, self.stranger_user.login)
        listing = self.url_open("/my/complaints")
        self.assertNotIn(complaint.name, listing.text)
        page = self.url_open(f"/my/complaints/{complaint.id}")
        self.assertNotIn(complaint.subject, page.text)
        self.assertFalse(page.url.endswith(f"/my/complaints/{complaint.id}"))
        self.post(f"/my/complaints/{complaint.id}/decision", decision="approve")
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "awaiting_approval")
        self.assertEqual(complaint.pending_proposal_id.state, "proposed")
        # nor can they post on its chatter
        response = self.url_open(
            "/mail/message/post",
            data='{"jsonrpc": "2.0", "method": "call", "params": {"thread_model": '
            f'"sunshine.complaint", "thread_id": {complaint.id}, "post_data": '
            '{"body": "Hijack", "message_type": "comment"}}}',
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertNotIn("Hijack", complaint.message_ids.mapped("body")[0])

    def test_link_with_token_opens_the_complaint(self):
        complaint = self.create_complaint()
        token = complaint._portal_ensure_token()
        page = self.url_open(f"/my/complaints/{complaint.id}?access_token={token}")
        self.assertIn(complaint.name, page.text)
        page = self.url_open(f"/my/complaints/{complaint.id}?access_token=wrong")
        self.assertNotIn(complaint.subject, page.text)
