from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SunshineCaseCase


@tagged("post_install", "-at_install")
class TestAccess(SunshineCaseCase):
    """Engineers write drafts and read published cases; reviewers do all;
    customers read the public published cases; other staff nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Case = cls.env["sunshine.case"]
        cls.own_draft = Case.with_user(cls.engineer).create(
            {"name": "Own draft", "symptom": "<p>a</p>", "solution": "<p>b</p>"}
        )
        cls.other_draft = Case.with_user(cls.other_engineer).create(
            {"name": "Colleague's draft"}
        )

        def make(name, state, public=False):
            return Case._sunshine_as_action().create(
                {
                    "name": name,
                    "state": state,
                    "is_public": public,
                    "author_id": cls.other_engineer.id,
                }
            )

        cls.reviewed = make("Reviewed", "reviewed")
        cls.published = make("Published", "published")
        cls.public = make("Public", "published", public=True)
        cls.public_draft = make("Public draft", "draft", public=True)
        cls.obsolete = make("Obsolete", "obsolete", public=True)
        cls.all_cases = (
            cls.own_draft
            | cls.other_draft
            | cls.reviewed
            | cls.published
            | cls.public
            | cls.public_draft
            | cls.obsolete
        )

    def visible(self, user):
        return (
            self.env["sunshine.case"]
            .with_user(user)
            .search([("id", "in", self.all_cases.ids)])
        )

    def test_engineer_reads_published_and_own(self):
        self.assertEqual(
            self.visible(self.engineer), self.own_draft | self.published | self.public
        )
        with self.assertRaises(AccessError):
            self.other_draft.with_user(self.engineer).read(["name"])

    def test_engineer_writes_own_drafts_only(self):
        self.own_draft.with_user(self.engineer).write({"cause": "<p>c</p>"})
        for case in (self.other_draft, self.published, self.reviewed):
            with self.subTest(case=case.name), self.assertRaises(AccessError):
                case.with_user(self.engineer).write({"cause": "<p>c</p>"})
        with self.assertRaises(AccessError):
            self.published.with_user(self.engineer).unlink()
        self.own_draft.with_user(self.reviewer).action_review()
        with self.assertRaises(AccessError):
            self.own_draft.with_user(self.engineer).write({"cause": "<p>d</p>"})

    def test_engineer_cannot_record_uses_directly(self):
        ticket = self.create_ticket()
        Use = self.env["sunshine.case.use"].with_user(self.engineer)
        with self.assertRaises(AccessError):
            Use.create({"case_id": self.published.id, "ticket_id": ticket.id})
        self.env["sunshine.case.use"]._sunshine_apply(ticket, self.published)
        with self.assertRaises(AccessError):
            ticket.case_use_ids.with_user(self.engineer).unlink()

    def test_reviewer_reads_and_edits_every_case(self):
        for reviewer in (self.reviewer, self.hq_reviewer):
            with self.subTest(reviewer=reviewer.login):
                self.assertEqual(self.visible(reviewer), self.all_cases)
                self.published.with_user(reviewer).write({"cause": "<p>c</p>"})
        self.other_draft.with_user(self.reviewer).unlink()

    def test_portal_reads_public_published_only(self):
        self.assertEqual(self.visible(self.portal_user), self.public)
        for case in (self.published, self.public_draft, self.obsolete):
            with self.subTest(case=case.name), self.assertRaises(AccessError):
                case.with_user(self.portal_user).read(["solution"])
        with self.assertRaises(AccessError):
            self.public.with_user(self.portal_user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["sunshine.case.use"].with_user(self.portal_user).search([])

    def test_staff_without_case_role_see_no_case(self):
        Case = self.env["sunshine.case"].with_user(self.warehouse_user)
        with self.assertRaises(AccessError):
            Case.search([])
        # their ticket form loads without the case fields
        views = (
            self.env["helpdesk.ticket"]
            .with_user(self.warehouse_user)
            .get_views([(False, "form")])
        )
        fields = views["models"]["helpdesk.ticket"]["fields"]
        self.assertNotIn("suggested_case_ids", fields)
        self.assertNotIn("case_use_ids", fields)
        self.assertIn("resolution_note", fields)
