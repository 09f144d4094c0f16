from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import T0, SunshineQualityCase

RAW_EMAIL = """Return-Path: <{email_from}>
To: {to}
From: {email_from}
Subject: {subject}
Date: Mon, 02 Mar 2026 09:00:00 +0000
Message-ID: <complaint-{subject_id}@grid.example.com>
Content-Type: text/plain; charset="utf-8"

{body}
"""


@tagged("post_install", "-at_install")
class TestIntake(SunshineQualityCase):
    def test_back_office_form(self):
        with freeze_time(T0):
            with Form(self.Complaint.with_user(self.officer)) as form:
                form.subject = "Alarm not answered at night"
                form.partner_id = self.contact
                form.channel = "phone"
                form.category_id = self.category_response
            complaint = form.record
        self.assertEqual(complaint.partner_id, self.customer, "the commercial entity")
        self.assertEqual(complaint.contact_id, self.contact)
        self.assertRegex(complaint.name, r"^TS2026-\d{5}$")
        self.assertEqual(complaint.state, "received")
        self.assertEqual(complaint.received_date, T0)
        self.assertEqual(
            complaint.reply_deadline.strftime("%H:%M"), "11:00", "2 hours, 7x24"
        )
        self.assertEqual(
            complaint.resolution_deadline.strftime("%m-%d %H:%M"), "03-17 09:00"
        )
        self.assertIn(self.contact, complaint.message_partner_ids)

    def test_no_customer_refused(self):
        with self.assertRaisesRegex(ValidationError, "needs the customer"):
            self.Complaint.with_user(self.officer).create(
                {"subject": "Anonymous", "channel": "phone"}
            )
        self.assertFalse(self.Complaint.search([("subject", "=", "Anonymous")]))

    def test_received_in_the_future_refused_and_date_kept(self):
        with freeze_time(T0):
            with self.assertRaisesRegex(ValidationError, "in the future"):
                self.create_complaint(received_date="2026-03-02 10:00:00")
            complaint = self.create_complaint(received_date="2026-03-02 08:30:00")
        self.assertEqual(complaint.reply_deadline.strftime("%H:%M"), "10:30")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            complaint.with_user(self.officer).received_date = "2026-03-02 08:45:00"

    def test_contact_of_another_customer_refused(self):
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self.create_complaint(contact_id=self.other_contact.id)

    @mute_logger("odoo.addons.mail.mail_thread")
    def test_mail_alias_creates_complaint_of_the_sender(self):
        alias = self.env.ref("sunshine_quality.mail_alias_complaint")
        self.assertEqual(alias.alias_contact, "partners")
        domain = alias.alias_domain_id.name or "example.com"
        if not alias.alias_domain_id:
            alias_domain = self.env["mail.alias.domain"].create({"name": domain})
            alias.alias_domain_id = alias_domain
        raw = RAW_EMAIL.format(
            email_from=self.contact.email,
            to=f"complaint@{domain}",
            subject="Spare part delivered broken",
            subject_id=1,
            body="The power module arrived broken.",
        )
        with freeze_time(T0):
            thread_id = self.env["mail.thread"].message_process(False, raw)
        complaint = self.Complaint.browse(thread_id)
        self.assertEqual(complaint._name, "sunshine.complaint")
        self.assertRecordValues(
            complaint,
            [
                {
                    "subject": "Spare part delivered broken",
                    "partner_id": self.customer.id,
                    "contact_id": self.contact.id,
                    "channel": "email",
                    "state": "received",
                }
            ],
        )
        self.assertIn("arrived broken", complaint.description)
        self.assertTrue(complaint.reply_deadline, "the clocks run from the e-mail")
        # an unknown sender is not a customer: the alias refuses it
        unknown = RAW_EMAIL.format(
            email_from="stranger@nowhere.example.com",
            to=f"complaint@{domain}",
            subject="Spam",
            subject_id=2,
            body="Buy now",
        )
        before = self.Complaint.search_count([])
        self.env["mail.thread"].message_process(False, unknown)
        self.assertEqual(self.Complaint.search_count([]), before)

    def test_raise_complaint_from_ticket(self):
        centre = self.env["helpdesk.ticket.team"].create(
            {"name": "Quality Test Centre", "user_ids": [(4, self.agent.id)]}
        )
        categ = self.env["product.category"].create({"name": "Test Transmission"})
        product = self.env["product.product"].create(
            {
                "name": "Test SDH",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": categ.id,
            }
        )
        lot = self.env["stock.lot"].create(
            {
                "name": "Q-SN-1",
                "product_id": product.id,
                "customer_id": self.customer.id,
            }
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Link down again",
                "description": "<p>down</p>",
                "team_id": centre.id,
                "partner_id": self.contact.id,
                "lot_id": lot.id,
                "product_categ_id": categ.id,
            }
        )
        action = ticket.with_user(self.agent).action_raise_complaint()
        with freeze_time(T0):
            with Form(
                self.env["sunshine.complaint"]
                .with_user(self.agent)
                .with_context(**action["context"])
            ) as form:
                form.description = "<p>Third time this month.</p>"
            complaint = form.record
        self.assertRecordValues(
            complaint,
            [
                {
                    "ticket_id": ticket.id,
                    "partner_id": self.customer.id,
                    "contact_id": self.contact.id,
                    "lot_id": lot.id,
                    "product_categ_id": categ.id,
                    "subject": "Link down again",
                }
            ],
        )
        self.assertEqual(ticket.complaint_count, 1)
        # the agent reads what they raised but does not work the complaint
        self.assertEqual(complaint.with_user(self.agent).subject, "Link down again")
        with self.assertRaises(AccessError):
            complaint.with_user(self.agent).write({"subject": "Edited"})

    def test_never_deleted_archived_by_manager_only(self):
        complaint = self.create_complaint()
        with self.assertRaisesRegex(UserError, "never deleted"):
            complaint.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            complaint.sudo().unlink()
        with self.assertRaisesRegex(AccessError, "quality manager"):
            complaint.with_user(self.officer).action_archive()
        complaint.with_user(self.manager).action_archive()
        self.assertFalse(complaint.active)
        self.assertTrue(complaint.exists())
