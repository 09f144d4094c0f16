from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.sunshine_helpdesk.tests.common import RpcCaseMixin

from .common import SunshineCaseCase


@tagged("post_install", "-at_install")
class TestProtectedFields(RpcCaseMixin, SunshineCaseCase, HttpCase):
    """States, stamps and counters of a case are set by its actions only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = (
            cls.env["sunshine.case"]
            .with_user(cls.engineer)
            .create(
                {"name": "RPC draft", "symptom": "<p>a</p>", "solution": "<p>b</p>"}
            )
        )
        cls.ticket = cls.create_ticket()

    def test_engineer_cannot_publish_or_count_over_rpc(self):
        for values in (
            {"state": "published"},
            {"is_public": True},
            {"use_count": 99},
            {"helpful_count": 99},
            {"reviewer_id": self.engineer.id},
            {"author_id": self.other_engineer.id},
            {"source_ticket_id": self.ticket.id},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    self.engineer, "sunshine.case", "write", [self.draft.id], values
                )
        # what the engineer writes on a draft goes through
        self.rpc(
            self.engineer,
            "sunshine.case",
            "write",
            [self.draft.id],
            {"cause": "<p>c</p>"},
        )
        self.draft.invalidate_recordset()
        self.assertRecordValues(
            self.draft,
            [{"state": "draft", "is_public": False, "use_count": 0}],
        )
        self.assertIn("c", self.draft.cause)

    def test_create_published_refused(self):
        values = {"name": "Forged case", "symptom": "<p>a</p>"}
        self.assertRpcRefused(
            self.engineer, "sunshine.case", "create", [dict(values, state="published")]
        )
        self.assertRpcRefused(
            self.engineer,
            "sunshine.case",
            "create",
            [values],
            context={"default_is_public": True},
        )
        self.assertFalse(
            self.env["sunshine.case"].search([("name", "=", "Forged case")]),
            "nothing half-written",
        )

    def test_reviewer_uses_the_buttons_too(self):
        message = self.assertRpcRefused(
            self.reviewer,
            "sunshine.case",
            "write",
            [self.draft.id],
            {"state": "published"},
        )
        # the reviewer reads Chinese; the label may come in either language
        self.assertRegex(message, "Status|状态")
        self.rpc(self.reviewer, "sunshine.case", "action_publish", [self.draft.id])
        self.draft.invalidate_recordset()
        self.assertEqual(self.draft.state, "published")

    def test_uses_are_recorded_by_the_actions(self):
        self.draft._sunshine_as_action().write({"state": "published"})
        self.assertRpcRefused(
            self.engineer,
            "sunshine.case.use",
            "create",
            [{"case_id": self.draft.id, "ticket_id": self.ticket.id}],
        )
        self.rpc(
            self.engineer,
            "sunshine.case",
            "action_apply_on_ticket",
            [self.draft.id],
            context={"sunshine_case_ticket_id": self.ticket.id},
        )
        use = self.ticket.case_use_ids
        self.assertEqual(use.user_id, self.engineer)
        self.assertRpcRefused(
            self.reviewer, "sunshine.case.use", "write", [use.id], {"helpful": True}
        )
        self.rpc(self.engineer, "sunshine.case.use", "action_mark_helpful", [use.id])
        self.draft.invalidate_recordset()
        self.assertEqual(self.draft.helpful_count, 1)

    def test_even_superuser_code_needs_the_action(self):
        with self.assertRaises(AccessError):
            self.draft.sudo().write({"state": "obsolete"})
        self.draft.sudo()._sunshine_as_action().write({"state": "obsolete"})
        self.assertEqual(self.draft.state, "obsolete")
