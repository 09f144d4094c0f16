from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .inspection_common import SunshineInspectionCase


@tagged("post_install", "-at_install")
class TestInspectionSignature(SunshineInspectionCase):
    """The customer signs the report on site: no finishing without the
    signature, and a signed report is locked for every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot("T-SIGN", commissioning_date="2025-01-01")

    def setUp(self):
        super().setUp()
        self.inspection = self.create_inspection(self.lot)

    def test_the_request_is_consented_before_the_start(self):
        inspection = self.inspection.with_user(self.engineer)
        with self.assertRaisesRegex(UserError, "consented"):
            inspection.action_start()
        inspection.action_record_consent()
        self.assertEqual(inspection.state, "confirmed")
        self.assertEqual(inspection.consent_channel, "staff")
        self.assertEqual(inspection.consent_by, self.customer.display_name)
        self.assertEqual(inspection.consent_user_id, self.engineer)
        inspection.action_start()
        self.assertEqual(inspection.state, "in_progress")
        self.assertTrue(inspection.start_date)

    def test_moving_a_confirmed_date_asks_the_customer_again(self):
        self.inspection.with_user(self.officer).action_record_consent()
        self.inspection.with_user(self.officer).planned_date = date(2026, 12, 1)
        self.assertEqual(self.inspection.state, "planned")
        self.assertFalse(self.inspection.consent_date)

    def test_finishing_without_a_signature_is_refused(self):
        inspection = self.inspection.with_user(self.engineer)
        inspection.action_record_consent()
        inspection.action_start()
        self.fill_checklist(inspection)
        with self.assertRaisesRegex(UserError, "not signed"):
            inspection.action_done()
        inspection.signed_by = "Test Signer"
        with self.assertRaisesRegex(UserError, "not signed"):
            inspection.action_done()
        inspection.write({"signed_by": " ", "signature": self.SIGNATURE})
        with self.assertRaisesRegex(UserError, "not signed"):
            inspection.action_done()
        self.assertEqual(inspection.state, "in_progress")
        self.assertFalse(inspection.signed_on)

    def test_every_item_is_answered_before_signing(self):
        inspection = self.inspection.with_user(self.engineer)
        inspection.action_record_consent()
        inspection.action_start()
        inspection.write({"signed_by": "Test Signer", "signature": self.SIGNATURE})
        with self.assertRaisesRegex(UserError, "every checklist item"):
            inspection.action_done()

    def test_signature_only_while_in_progress(self):
        with self.assertRaisesRegex(UserError, "in progress"):
            self.inspection.with_user(self.engineer).write(
                {"signed_by": "Early", "signature": self.SIGNATURE}
            )

    def test_signing_archives_the_report_on_inspection_and_serial(self):
        self.sign(self.inspection)
        inspection = self.inspection
        self.assertEqual(inspection.state, "done")
        self.assertTrue(inspection.signed_on)
        self.assertTrue(inspection.is_locked)
        self.assertEqual(inspection.done_count, 1)
        attachment = inspection.report_attachment_id
        self.assertEqual(
            (attachment.res_model, attachment.res_id), (inspection._name, inspection.id)
        )
        on_lot = self.env["ir.attachment"].search(
            [("res_model", "=", "stock.lot"), ("res_id", "=", self.lot.id)]
        )
        self.assertEqual(len(on_lot), 1)
        self.assertEqual(on_lot.name, attachment.name)
        self.assertEqual(on_lot.raw, attachment.raw)

    def test_signed_report_is_locked_for_every_role(self):
        self.sign(self.inspection)
        line = self.inspection.line_ids[0]
        Line = self.env["sunshine.inspection.line"]
        for user in (self.engineer, self.officer, self.manager):
            # the manager has every right: what refuses is the lock; for the
            # others it may be the access rights (AccessError is a UserError)
            refusal = "signed" if user == self.manager else ""
            with self.subTest(user=user.login):
                inspection = self.inspection.with_user(user)
                for vals in (
                    {"findings": "<p>rewritten</p>"},
                    {"signed_by": "Someone Else"},
                    {"signature": self.SIGNATURE},
                    {"planned_date": "2026-12-30"},
                ):
                    with self.assertRaisesRegex(UserError, refusal):
                        inspection.write(vals)
                with self.assertRaisesRegex(UserError, refusal):
                    line.with_user(user).write({"result": "fault"})
                with self.assertRaisesRegex(UserError, refusal):
                    line.with_user(user).unlink()
                # items are created with their inspection only, for any role
                with self.assertRaises(AccessError):
                    Line.with_user(user).create(
                        {"inspection_id": inspection.id, "name": "Added later"}
                    )
                with self.assertRaisesRegex(UserError, refusal):
                    inspection.unlink()
                for vals in ({"state": "in_progress"}, {"signed_on": False}):
                    with self.assertRaises(AccessError):
                        inspection.write(vals)
        # even the superuser cannot rewrite nor delete it
        with self.assertRaisesRegex(UserError, "signed"):
            self.inspection.sudo().write({"findings": "<p>rewritten</p>"})
        with self.assertRaisesRegex(UserError, "signed"):
            self.inspection.sudo().unlink()
        self.assertEqual(self.inspection.signed_by, "Test Signer")
        self.assertEqual(line.result, "ok")
        # the chatter stays open
        self.inspection.with_user(self.officer).message_post(body="A note")

    def test_protected_fields_refused_to_every_role(self):
        for user in (self.engineer, self.officer, self.manager):
            with self.subTest(user=user.login):
                for vals in (
                    {"state": "done"},
                    {"signed_on": "2026-11-20 10:00:00"},
                    {"consent_by": "Forged"},
                    {"period_start": "2026-07-01"},
                    {"report_attachment_id": False},
                    {"done_count": 1},
                ):
                    with self.assertRaises(AccessError):
                        self.inspection.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.Inspection.with_user(self.officer).create(
                {
                    "lot_id": self.create_lot("T-FORGED").id,
                    "planned_date": date(2026, 12, 1),
                    "state": "done",
                }
            )

    def test_checklist_is_the_templates_copy_for_every_role(self):
        """The items are the template's words, as the customer signs them:
        no role creates, rewrites or brings its own; the engineer fills in
        the results."""
        line = self.inspection.line_ids[0]
        lot = self.create_lot("T-OWN-LIST")
        for user in (self.engineer, self.officer, self.manager):
            with self.subTest(user=user.login):
                for vals in (
                    {"name": "Easier item"},
                    {"expected_value": "anything"},
                    {"method": "none"},
                    {"section": "general"},
                    {"category": "power"},
                ):
                    with self.assertRaises(AccessError):
                        line.with_user(user).write(vals)
                with self.assertRaises(AccessError):
                    self.env["sunshine.inspection.line"].with_user(user).create(
                        {"inspection_id": self.inspection.id, "name": "Extra"}
                    )
                with self.assertRaises(AccessError):
                    self.inspection.with_user(user).write(
                        {"line_ids": [Command.create({"name": "Extra"})]}
                    )
                with self.assertRaises(AccessError):
                    self.inspection.with_user(user).write(
                        {"template_id": self.template.id}
                    )
        for vals in (
            {"line_ids": [Command.create({"name": "My own item", "result": "ok"})]},
            {"template_id": self.template.id},
        ):
            with self.assertRaises(AccessError):
                self.Inspection.with_user(self.officer).create(
                    {"lot_id": lot.id, "planned_date": date(2026, 12, 1), **vals}
                )
        self.assertFalse(self.Inspection.search([("lot_id", "=", lot.id)]))
        line.with_user(self.engineer).write({"result": "ok", "measured_value": "48V"})
        self.assertEqual(line.result, "ok")

    def test_cancel_and_notice_are_the_quality_staffs(self):
        for action in ("action_cancel", "action_send_notice"):
            with self.subTest(action=action):
                with self.assertRaises(AccessError) as caught:
                    getattr(self.inspection.with_user(self.engineer), action)()
                self.assertIn("quality staff", str(caught.exception))
        self.assertEqual(self.inspection.state, "planned")
        self.inspection.with_user(self.officer).action_send_notice()
        self.inspection.with_user(self.officer).action_cancel()
        self.assertEqual(self.inspection.state, "cancelled")

    def test_engineer_cannot_replan(self):
        for vals in (
            {"planned_date": date(2026, 12, 24)},
            {"engineer_ids": [Command.link(self.engineer_b.id)]},
            {"team_id": self.centre_b.id},
        ):
            with self.assertRaises(AccessError):
                self.inspection.with_user(self.engineer).write(vals)

    def test_the_unit_stays(self):
        with self.assertRaisesRegex(UserError, "stays on its unit"):
            self.inspection.with_user(self.officer).lot_id = self.create_lot("T-OTHER")

    def test_configuration_change_goes_to_the_serial_history(self):
        inspection = self.inspection.with_user(self.engineer)
        inspection.action_record_consent()
        inspection.action_start()
        action = inspection.action_record_config_change()
        change = (
            self.env["sunshine.lot.config.change"]
            .with_user(self.engineer)
            .with_context(**action["context"])
            .create({"name": "Board replaced", "kind": "hardware", "new_value": "B2"})
        )
        self.assertEqual(change.lot_id, self.lot)
        self.assertEqual(change.inspection_id, self.inspection)
        self.assertIn(change, self.lot.config_change_ids)
        self.assertEqual(self.inspection.config_change_ids, change)
        # once signed, the report's changes are kept as signed, for every role
        self.sign(self.inspection)
        Change = self.env["sunshine.lot.config.change"]
        for user in (self.engineer, self.officer, self.manager):
            with self.subTest(user=user.login):
                # assertRaises rolls back to a savepoint, as a refused RPC call
                with self.assertRaises(UserError) as caught:
                    change.with_user(user).write({"new_value": "B3"})
                self.assertIn("not in progress", str(caught.exception))
                with self.assertRaises(UserError) as caught:
                    Change.with_user(user).create(
                        {
                            "lot_id": self.lot.id,
                            "inspection_id": self.inspection.id,
                            "name": "Added after signing",
                        }
                    )
                self.assertIn("not in progress", str(caught.exception))
        # deleting needs the administrator's right, and is refused all the same
        with self.assertRaises(UserError) as caught:
            change.sudo().unlink()
        self.assertIn("not in progress", str(caught.exception))
        self.inspection.invalidate_recordset()
        self.assertEqual(self.inspection.config_change_ids, change)
        self.assertEqual(change.new_value, "B2")

    def test_no_configuration_change_before_the_start(self):
        with self.assertRaisesRegex(UserError, "not in progress"):
            self.env["sunshine.lot.config.change"].with_user(self.engineer).create(
                {
                    "lot_id": self.lot.id,
                    "inspection_id": self.inspection.id,
                    "name": "Before the visit",
                }
            )
