from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SunshineHelpdeskCase


@tagged("post_install", "-at_install")
class TestBadInput(SunshineHelpdeskCase):
    def policy_values(self, **values):
        vals = {
            "name": "Bad policy",
            "clock_id": self.policy_response.clock_id.id,
            "duration_minutes": 30,
            "calendar_id": self.policy_response.calendar_id.id,
        }
        vals.update(values)
        return vals

    def assert_no_policy(self, name="Bad policy"):
        self.assertFalse(
            self.env["sunshine.sla.policy"].search([("name", "=", name)]),
            "nothing half written",
        )

    def test_duration_must_be_positive(self):
        Policy = self.env["sunshine.sla.policy"]
        for minutes in (0, -30):
            # the savepoint plays the request's rollback
            with (
                self.assertRaisesRegex(ValidationError, "more than zero minutes"),
                self.env.cr.savepoint(),
            ):
                Policy.create(self.policy_values(duration_minutes=minutes))
        self.assert_no_policy()
        with self.assertRaisesRegex(ValidationError, "more than zero minutes"):
            self.policy_response.duration_minutes = 0

    def test_warning_threshold_within_the_duration(self):
        with self.assertRaisesRegex(ValidationError, "between 1 % and 99 %"):
            self.env["sunshine.sla.policy"].create(
                self.policy_values(warning_percent=100)
            )

    @mute_logger("odoo.sql_db")
    def test_policy_needs_a_clock_and_a_calendar(self):
        for missing in ("clock_id", "calendar_id"):
            with (
                self.subTest(missing=missing),
                self.assertRaises(IntegrityError),
                self.env.cr.savepoint(),
            ):
                self.env["sunshine.sla.policy"].create(
                    self.policy_values(**{missing: False})
                )
        self.assert_no_policy()

    def test_policy_form_requires_clock_and_calendar(self):
        form = Form(self.env["sunshine.sla.policy"])
        form.name = "Incomplete"
        form.duration_minutes = 30
        with self.assertRaisesRegex(AssertionError, "clock_id"):
            form.save()

    def test_policy_conditions_must_exist_on_the_model(self):
        with (
            self.assertRaisesRegex(ValidationError, "not a valid domain"),
            self.env.cr.savepoint(),
        ):
            self.env["sunshine.sla.policy"].create(
                self.policy_values(domain="[('no_such_field', '=', 1)]")
            )
        self.assert_no_policy()

    def test_milestones_in_order(self):
        ticket = self.create_ticket()
        with self.assertRaisesRegex(UserError, "not an on-site service"):
            ticket.action_check_in()
        with self.assertRaisesRegex(UserError, "first response"):
            ticket.action_resolve()
        ticket._change_service_mode("onsite", "Needs a board")
        with self.assertRaisesRegex(UserError, "first response"):
            ticket.action_check_in()
        ticket.action_respond()
        with self.assertRaisesRegex(UserError, "already recorded"):
            ticket.action_respond()
        with self.assertRaisesRegex(UserError, "check in on site"):
            ticket.action_resolve()
        self.assertFalse(ticket.onsite_arrival_date or ticket.resolution_date)
        ticket.action_check_in()
        ticket.resolution_note = "<p>Board reseated</p>"
        ticket.action_resolve()
        self.assertTrue(ticket.resolution_date)

    def test_service_mode_only_moves_forward_with_a_reason(self):
        ticket = self.create_ticket(service_mode="remote")
        with self.assertRaisesRegex(UserError, "reason"):
            ticket._change_service_mode("onsite", "")
        with self.assertRaisesRegex(UserError, "further mode"):
            ticket._change_service_mode("phone", "Back to the phone")
        with self.assertRaisesRegex(UserError, "Choose the service mode"):
            ticket._change_service_mode(False, "No mode")
        self.assertEqual(ticket.service_mode, "remote")
        self.assertFalse(ticket.escalation_ids)

    def test_escalation_wizard(self):
        ticket = self.create_ticket()
        action = ticket.action_open_escalation_wizard()
        wizard_form = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        )
        self.assertEqual(wizard_form.next_team_id, self.team_office)
        with self.assertRaisesRegex(AssertionError, "reason"):
            wizard_form.save()
        wizard_form.reason = "Board replaced twice, still failing"
        wizard_form.save().action_confirm()
        self.assertEqual(ticket.team_id, self.team_office)
        self.assertEqual(
            ticket.escalation_ids.reason, "Board replaced twice, still failing"
        )

    def test_mode_wizard_proposes_the_next_mode(self):
        ticket = self.create_ticket()
        action = ticket.with_context(
            escalation_type="mode"
        ).action_open_escalation_wizard()
        wizard_form = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        )
        self.assertEqual(wizard_form.new_service_mode, "remote")
        wizard_form.reason = "Customer cannot run the diagnostics"
        wizard_form.save().action_confirm()
        self.assertEqual(ticket.service_mode, "remote")

    def test_service_type_gives_mode_and_channel(self):
        service_type = self.env["sunshine.service.type"].create(
            {
                "name": "On-site test service",
                "code": "TEST_ONSITE",
                "service_mode": "onsite",
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
            }
        )
        with Form(self.env["helpdesk.ticket"]) as form:
            form.name = "Form ticket"
            form.description = "<p>x</p>"
            form.team_id = self.team_centre
            form.service_type_id = service_type
            self.assertEqual(form.service_mode, "onsite")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Created by code",
                "description": "<p>x</p>",
                "service_type_id": service_type.id,
            }
        )
        self.assertEqual(ticket.service_mode, "onsite")
        self.assertTrue(ticket.arrival_deadline, "on-site clock started at creation")
        self.assertEqual(service_type.channel_id, ticket.channel_id)
