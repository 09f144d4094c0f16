from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SunshineCaseCase


@tagged("post_install", "-at_install")
class TestUse(SunshineCaseCase):
    """Applying a case on a ticket links and counts it; so does helpful."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = cls.create_cases()
        cls.case = cls.cases["pwr_rect_fail"]
        cls.ticket = cls.create_ticket(
            "整流模块红灯", "<p>一个整流模块红灯亮，没有输出电流。</p>"
        )

    def apply(self, user, case=None, ticket=None):
        case = (case or self.case).with_user(user)
        ticket = ticket or self.ticket
        return case.with_context(
            sunshine_case_ticket_id=ticket.id
        ).action_apply_on_ticket()

    def test_apply_then_helpful(self):
        self.assertIn(self.case, self.ticket.suggested_case_ids)
        self.apply(self.engineer)
        use = self.ticket.case_use_ids
        self.assertRecordValues(
            use,
            [
                {
                    "case_id": self.case.id,
                    "user_id": self.engineer.id,
                    "helpful": False,
                    "product_categ_id": self.lines["power"].id,
                }
            ],
        )
        self.assertRecordValues(self.case, [{"use_count": 1, "helpful_count": 0}])
        self.assertIn(self.case.number, self.ticket.message_ids[0].body)
        use.with_user(self.engineer).action_mark_helpful()
        self.assertRecordValues(use, [{"helpful": True}])
        self.assertTrue(use.helpful_date)
        self.assertRecordValues(self.case, [{"use_count": 1, "helpful_count": 1}])
        # the case shows the tickets it solved
        self.assertEqual(self.case.use_ids.ticket_id, self.ticket)
        action = self.case.action_view_tickets()
        tickets = self.env["helpdesk.ticket"].search(action["domain"])
        self.assertEqual(tickets, self.ticket)

    def test_counts_add_up_over_tickets(self):
        other = self.create_ticket("整流模块故障", "<p>模块无输出。</p>")
        self.apply(self.engineer)
        self.apply(self.engineer, ticket=other)
        other.case_use_ids.with_user(self.engineer).action_mark_helpful()
        self.assertRecordValues(self.case, [{"use_count": 2, "helpful_count": 1}])
        Ticket = self.env["helpdesk.ticket"]
        used = self.case.action_view_tickets()
        self.assertEqual(Ticket.search(used["domain"]), self.ticket | other)
        helped = self.case.with_context(
            sunshine_case_helpful=True
        ).action_view_tickets()
        self.assertEqual(Ticket.search(helped["domain"]), other)

    def test_bad_input(self):
        self.apply(self.engineer)
        with self.assertRaisesRegex(UserError, "already applied"):
            self.apply(self.engineer)
        use = self.ticket.case_use_ids.with_user(self.engineer)
        use.action_mark_helpful()
        with self.assertRaisesRegex(UserError, "already marked helpful"):
            use.action_mark_helpful()
        draft = self.cases["pwr_fuse"]
        draft._sunshine_as_action().write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "not published"):
            self.apply(self.reviewer, case=draft)
        with self.assertRaisesRegex(UserError, "Open the ticket"):
            self.case.with_user(self.engineer).action_apply_on_ticket()
        self.assertRecordValues(self.case, [{"use_count": 1, "helpful_count": 1}])

    def test_only_who_may_write_the_ticket(self):
        """An engineer of another centre reads the case, not the ticket."""
        stranger = new_test_user(
            self.env,
            login="case_stranger",
            groups="sunshine_helpdesk.group_service_agent",
        )
        with self.assertRaises(AccessError):
            self.apply(stranger)
        self.apply(self.engineer)
        use = self.ticket.case_use_ids
        with self.assertRaises(AccessError):
            use.with_user(stranger).action_mark_helpful()
        self.assertFalse(use.helpful)
        self.assertRecordValues(self.case, [{"use_count": 1, "helpful_count": 0}])
