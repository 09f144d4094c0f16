import re

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SunshineTrainingCase


@tagged("post_install", "-at_install")
class TestGating(SunshineTrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certification = cls.certify(cls.engineer)

    def new_ticket(self, **values):
        vals = {
            "name": "SDH board alarm",
            "description": "<p>alarm</p>",
            "team_id": self.team.id,
            "product_categ_id": self.sub_line.id,
        }
        vals.update(values)
        return self.env["helpdesk.ticket"].create(vals)

    def test_only_certified_engineers_are_offered_and_accepted(self):
        ticket = self.new_ticket()
        # the certification for the line covers the line below it
        self.assertEqual(ticket.certified_user_ids, self.engineer_user)
        ticket.user_id = self.engineer_user
        self.assertEqual(ticket.user_id, self.engineer_user)
        with self.assertRaisesRegex(
            ValidationError,
            re.escape(f"{self.novice_user.name} has no valid certification for ")
            + "Test Transmission / Test SDH",
        ):
            ticket.user_id = self.novice_user
        with self.assertRaisesRegex(ValidationError, "no valid certification"):
            self.new_ticket(user_id=self.novice_user.id)
        other = self.new_ticket(product_categ_id=self.other_line.id)
        self.assertFalse(other.certified_user_ids)
        with self.assertRaisesRegex(ValidationError, "Test Switching"):
            other.user_id = self.engineer_user

    def test_an_uncertified_creator_is_not_assigned_by_default(self):
        ticket = self.new_ticket()
        self.assertFalse(ticket.user_id, "waits for dispatch")
        mine = (
            self.env["helpdesk.ticket"]
            .with_user(self.engineer_user)
            .create(
                {
                    "name": "Mine",
                    "description": "<p>x</p>",
                    "product_categ_id": self.line.id,
                }
            )
        )
        self.assertEqual(mine.user_id, self.engineer_user)

    def test_tickets_without_product_line_are_not_gated(self):
        ticket = self.new_ticket(product_categ_id=False, user_id=self.novice_user.id)
        self.assertEqual(ticket.user_id, self.novice_user)
        with self.assertRaisesRegex(ValidationError, "no valid certification"):
            ticket.product_categ_id = self.line

    def test_revoked_certification_no_longer_qualifies(self):
        self.certification._revoke("Audit failed")
        ticket = self.new_ticket()
        self.assertFalse(ticket.certified_user_ids)
        with self.assertRaisesRegex(ValidationError, "no valid certification"):
            ticket.user_id = self.engineer_user

    def test_service_manager_overrides_with_a_logged_reason(self):
        ticket = self.new_ticket()
        with self.assertRaisesRegex(UserError, "Only a service manager"):
            ticket.with_user(self.engineer_user)._assign_with_override(
                self.novice_user, "Urgent"
            )
        action = ticket.with_user(
            self.service_manager
        ).action_open_dispatch_override_wizard()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.service_manager)
            .with_context(**action["context"])
        )
        wizard.user_id = self.novice_user
        with self.assertRaisesRegex(AssertionError, "reason"):
            wizard.save()
        wizard.reason = "Only engineer on the island this week"
        wizard.save().action_confirm()
        self.assertEqual(ticket.user_id, self.novice_user)
        self.assertTrue(ticket.dispatch_override)
        self.assertEqual(
            ticket.dispatch_override_reason, "Only engineer on the island this week"
        )
        self.assertIn(
            "Only engineer on the island this week", ticket.message_ids[0].body
        )
        self.assertIn("assigned without certification", ticket.message_ids[0].body)
        # a new assignee is checked again
        ticket.user_id = self.engineer_user
        self.assertFalse(ticket.dispatch_override)
        with self.assertRaisesRegex(ValidationError, "no valid certification"):
            ticket.user_id = self.novice_user

    def test_escalation_keeps_an_overridden_assignee(self):
        parent = self.env["helpdesk.ticket.team"].create(
            {"name": "Test Office", "support_level": "2"}
        )
        self.team.parent_id = parent
        ticket = self.new_ticket()
        ticket.with_user(self.service_manager)._assign_with_override(
            self.novice_user, "Urgent"
        )
        ticket._escalate_level("SLA breached", automatic=True)
        self.assertEqual(ticket.team_id, parent)
        self.assertEqual(ticket.user_id, self.novice_user)
