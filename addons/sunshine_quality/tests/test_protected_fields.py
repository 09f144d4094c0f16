from odoo.tests import HttpCase, tagged

from odoo.addons.sunshine_helpdesk.tests.common import RpcCaseMixin

from .common import SunshineQualityCase


@tagged("post_install", "-at_install")
class TestProtectedFields(RpcCaseMixin, SunshineQualityCase, HttpCase):
    """What the loop's actions set is refused to a direct write over RPC."""

    def test_complaint_stamps_refused(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        self.return_opinion(form)
        self.propose(complaint)
        proposal = complaint.proposal_ids
        for values in (
            {"state": "closed"},
            {"first_reply_date": "2026-01-01 00:00:00"},
            {"reply_sla": "on_time", "reply_hours": 0.5},
            {"opinion_sla": "on_time"},
            {"approved_proposal_id": proposal.id},
            {"approval_channel": "portal"},
            {"close_date": "2026-01-01 00:00:00", "first_close_date": "2026-01-01"},
            {"reopen_count": 0, "resolution_days": 1.0},
            {"satisfaction": "satisfied", "satisfaction_score": 5},
            {"satisfied_rate": 100.0},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    self.manager, "sunshine.complaint", "write", [complaint.id], values
                )
        complaint.invalidate_recordset()
        self.assertEqual(complaint.state, "awaiting_approval")
        self.assertFalse(complaint.approved_proposal_id)
        self.assertFalse(complaint.satisfaction)

    def test_create_with_stamps_refused(self):
        values = {
            "subject": "Forged",
            "partner_id": self.customer.id,
            "channel": "phone",
        }
        message = self.assertRpcRefused(
            self.officer, "sunshine.complaint", "create", [dict(values, state="closed")]
        )
        self.assertIn("set by its actions only", message)
        self.assertRpcRefused(
            self.officer,
            "sunshine.complaint",
            "create",
            [values],
            context={"default_close_date": "2026-01-01 00:00:00"},
        )
        self.assertFalse(self.Complaint.search([("subject", "=", "Forged")]))

    def test_tracking_form_created_with_stamps_refused(self):
        complaint = self.create_complaint()
        values = {"complaint_id": complaint.id, "department_id": self.department.id}
        for context in (
            {"default_state": "opinion"},
            {"default_opinion_date": "2026-01-01 00:00:00"},
            {"default_opinion_sla": "on_time"},
        ):
            with self.subTest(context=context):
                message = self.assertRpcRefused(
                    self.officer,
                    "sunshine.complaint.tracking",
                    "create",
                    [values],
                    context=context,
                )
                self.assertIn("set by its actions only", message)
        # nor a measure done already, created with the form
        measure = {
            "name": "Forged measure",
            "owner_id": self.handler.id,
            "due_date": "2026-05-01",
        }
        self.assertRpcRefused(
            self.officer,
            "sunshine.complaint.tracking",
            "create",
            [dict(values, action_ids=[(0, 0, dict(measure, state="done"))])],
        )
        self.assertFalse(complaint.tracking_ids)
        self.assertFalse(
            self.env["sunshine.quality.action"].search(
                [("name", "=", "Forged measure")]
            )
        )
        # the desk still creates a form, with its measures
        form_id = self.rpc(
            self.officer,
            "sunshine.complaint.tracking",
            "create",
            [dict(values, action_ids=[(0, 0, measure)])],
        )
        form = self.env["sunshine.complaint.tracking"].browse(form_id)
        self.assertEqual(form.state, "draft")
        self.assertEqual(form.round, 1)
        self.assertEqual(form.action_ids.state, "open")

    def test_decision_and_verification_refused(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        self.return_opinion(form)
        self.propose(complaint)
        proposal = complaint.proposal_ids
        for values in (
            {"state": "approved"},
            {"decided_partner_id": self.contact.id},
            {"decision_date": "2026-01-01 00:00:00", "decision_channel": "portal"},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    self.officer,
                    "sunshine.complaint.proposal",
                    "write",
                    [proposal.id],
                    values,
                )
        self.assertEqual(proposal.state, "proposed")
        self.assertRpcRefused(
            self.officer,
            "sunshine.complaint.verification",
            "create",
            [{"complaint_id": complaint.id, "result": "satisfied"}],
        )

    def test_tracking_form_stamps_refused_to_the_handler(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        for values in (
            {"state": "opinion"},
            {"opinion_date": "2026-01-01 00:00:00"},
            {"opinion_sla": "on_time", "opinion_hours": 0.1},
            {"round": 3},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    self.handler,
                    "sunshine.complaint.tracking",
                    "write",
                    [form.id],
                    values,
                )
        # the opinion itself is theirs to write
        self.rpc(
            self.handler,
            "sunshine.complaint.tracking",
            "write",
            [form.id],
            {"opinion": "<p>We call the customer.</p>"},
        )
        form.invalidate_recordset()
        self.assertEqual(form.state, "sent")
        self.assertIn("We call", form.opinion)

    def test_action_and_nonconformity_states_refused(self):
        complaint = self.create_complaint()
        form = self.send_form(complaint)
        measure = self.env["sunshine.quality.action"].create(
            {
                "name": "Retrain",
                "tracking_id": form.id,
                "owner_id": self.handler.id,
                "due_date": "2026-05-01",
            }
        )
        self.assertRpcRefused(
            self.handler,
            "sunshine.quality.action",
            "write",
            [measure.id],
            {"state": "done", "done_date": "2026-04-01"},
        )
        nonconformity = self.env["sunshine.nonconformity"].create(
            {"title": "NC", "description": "<p>x</p>"}
        )
        self.assertRpcRefused(
            self.officer,
            "sunshine.nonconformity",
            "write",
            [nonconformity.id],
            {"state": "closed", "reviewer_id": self.officer.id},
        )
        self.assertEqual(measure.state, "open")
        self.assertEqual(nonconformity.state, "open")
