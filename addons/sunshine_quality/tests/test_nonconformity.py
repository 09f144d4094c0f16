from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SunshineQualityCase


@tagged("post_install", "-at_install")
class TestNonconformity(SunshineQualityCase):
    def test_raised_from_a_complaint_closes_only_when_done_and_reviewed(self):
        complaint = self.create_complaint()
        action = complaint.with_user(self.officer).action_raise_nonconformity()
        with Form(
            self.env["sunshine.nonconformity"]
            .with_user(self.officer)
            .with_context(**action["context"])
        ) as form:
            form.cause_analysis = "<p>No punctuality check in dispatch.</p>"
            form.disposition = "rework"
        nonconformity = form.record
        self.assertEqual(nonconformity.complaint_id, complaint)
        self.assertEqual(nonconformity.source, "complaint")
        self.assertEqual(nonconformity.title, complaint.subject)
        self.assertEqual(nonconformity.partner_id, self.customer)
        self.assertEqual(complaint.nonconformity_count, 1)
        with self.assertRaisesRegex(UserError, "no corrective or preventive action"):
            nonconformity.with_user(self.officer).action_close()
        Action = self.env["sunshine.quality.action"].with_user(self.officer)
        corrective = Action.create(
            {
                "name": "Add a punctuality check to dispatch",
                "action_type": "corrective",
                "nonconformity_id": nonconformity.id,
                "owner_id": self.handler.id,
                "due_date": "2026-04-15",
            }
        )
        preventive = Action.create(
            {
                "name": "Quarterly review of visit times",
                "action_type": "preventive",
                "nonconformity_id": nonconformity.id,
                "owner_id": self.member.id,
                "due_date": "2026-06-30",
            }
        )
        corrective.with_user(self.handler).action_done()
        nonconformity.write(
            {"review": "Visit times checked for a month", "review_result": "effective"}
        )
        with self.assertRaisesRegex(UserError, "while actions are open"):
            nonconformity.with_user(self.officer).action_close()
        self.assertEqual(nonconformity.state, "open")
        self.assertFalse(nonconformity.review_date, "nothing half-written")
        self.assertEqual(nonconformity.open_action_count, 1)
        preventive.with_user(self.member).action_done()
        nonconformity.with_user(self.officer).action_close()
        self.assertRecordValues(
            nonconformity,
            [
                {
                    "state": "closed",
                    "reviewer_id": self.officer.id,
                    "open_action_count": 0,
                }
            ],
        )
        self.assertTrue(nonconformity.close_date)
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            nonconformity.with_user(self.officer).title = "Changed"

    def test_review_needed_and_effective(self):
        nonconformity = self.env["sunshine.nonconformity"].create(
            {
                "title": "Wrong part shipped",
                "description": "<p>x</p>",
                "cause_analysis": "<p>Label mix-up</p>",
                "disposition": "scrap",
            }
        )
        action = self.env["sunshine.quality.action"].create(
            {
                "name": "Relabel the shelf",
                "action_type": "corrective",
                "nonconformity_id": nonconformity.id,
                "owner_id": self.officer.id,
                "due_date": "2026-04-01",
            }
        )
        action.action_done()
        with self.assertRaisesRegex(UserError, "effectiveness review"):
            nonconformity.action_close()
        nonconformity.write(
            {"review": "Still mixed up", "review_result": "not_effective"}
        )
        with self.assertRaisesRegex(UserError, "not effective"):
            nonconformity.action_close()
        self.assertEqual(nonconformity.state, "open")

    def test_action_needs_a_source(self):
        with self.assertRaisesRegex(Exception, "belongs to a complaint"):
            self.env["sunshine.quality.action"].create(
                {
                    "name": "Orphan",
                    "owner_id": self.officer.id,
                    "due_date": "2026-04-01",
                }
            )
