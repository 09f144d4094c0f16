from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SunshineCaseCase


@tagged("post_install", "-at_install")
class TestReview(SunshineCaseCase):
    """A reviewer reviews, publishes, makes public and retires a case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = (
            cls.env["sunshine.case"]
            .with_user(cls.engineer)
            .create(
                {
                    "name": "SDH 时钟板失步",
                    "symptom": "<p>时钟板上报SYNC_LOS。</p>",
                    "solution": "<p>设置时钟源优先级。</p>",
                }
            )
        )

    def test_review_publish_public_retire(self):
        case = self.case.with_user(self.reviewer)
        case.action_review()
        self.assertRecordValues(
            case, [{"state": "reviewed", "reviewer_id": self.reviewer.id}]
        )
        self.assertTrue(case.reviewed_date)
        case.action_publish()
        self.assertEqual(case.state, "published")
        self.assertTrue(case.published_date)
        case.action_make_public()
        self.assertTrue(case.is_public)
        case.action_make_internal()
        self.assertFalse(case.is_public)
        case.action_obsolete()
        self.assertEqual(case.state, "obsolete")
        case.action_reset_draft()
        self.assertEqual(case.state, "draft")

    def test_hq_engineering_publishes_a_draft_at_once(self):
        """HQ engineering reviewers need not be service managers."""
        case = self.case.with_user(self.hq_reviewer)
        case.action_publish()
        self.assertRecordValues(
            case, [{"state": "published", "reviewer_id": self.hq_reviewer.id}]
        )
        # the author is told
        self.assertIn(self.engineer.partner_id, case.message_ids[0].partner_ids)

    def test_engineers_do_not_review(self):
        for action in (
            "action_review",
            "action_publish",
            "action_make_public",
            "action_obsolete",
        ):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(self.case.with_user(self.engineer), action)()
        self.assertRecordValues(self.case, [{"state": "draft", "is_public": False}])

    def test_bad_input(self):
        case = self.case.with_user(self.reviewer)
        with self.assertRaisesRegex(UserError, "is Draft"):
            case.action_obsolete()
        with self.assertRaisesRegex(UserError, "is Draft"):
            case.action_reset_draft()
        case.write({"solution": "<p><br></p>"})
        with self.assertRaisesRegex(UserError, "Fill in Solution"):
            case.action_review()
        with self.assertRaisesRegex(UserError, "Fill in Solution"):
            case.action_publish()
        case.write({"solution": "<p>设置时钟源优先级。</p>"})
        case.action_publish()
        with self.assertRaisesRegex(UserError, "is Published"):
            case.action_review()
        with self.assertRaisesRegex(UserError, "is Published"):
            case.action_publish()
        with self.assertRaisesRegex(UserError, "already internal"):
            case.action_make_internal()
        case.action_make_public()
        with self.assertRaisesRegex(UserError, "already public"):
            case.action_make_public()
