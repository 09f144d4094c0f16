from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sunshine_helpdesk.tests.common import RpcCaseMixin

from .common import SunshineTrainingCase

ACCESS_ERROR = "odoo.exceptions.AccessError"
USER_ERROR = "odoo.exceptions.UserError"
VALIDATION_ERROR = "odoo.exceptions.ValidationError"
TICKET = "helpdesk.ticket"
CERTIFICATION = "sunshine.certification"
ATTENDEE = "sunshine.training.attendee"
SESSION = "sunshine.training.session"
OVERRIDE_WIZARD = "sunshine.dispatch.override.wizard"


@tagged("post_install", "-at_install")
class TestTrainingRpcSecurity(RpcCaseMixin, SunshineTrainingCase, HttpCase):
    """The certification gate and the training evidence hold over the
    external API (issue 15, items 1, 8, 9, 10 and 13)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.customer = cls.env["res.partner"].create({"name": "Gate Customer"})
        cls.portal_user = new_test_user(
            cls.env,
            login="tr_portal",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        (
            cls.trainer
            | cls.hr_officer
            | cls.service_manager
            | cls.manager_user
            | cls.engineer_user
            | cls.novice_user
            | cls.portal_user
        ).lang = "en_US"
        cls.team.user_ids |= cls.manager_user
        cls.certification = cls.certify(cls.engineer)
        cls.ticket = cls.env[TICKET].create(
            {
                "name": "SDH board alarm",
                "description": "<p>alarm</p>",
                "team_id": cls.team.id,
                "product_categ_id": cls.sub_line.id,
                "user_id": cls.engineer_user.id,
            }
        )

    def reload(self, records):
        records.invalidate_recordset()
        return records

    # ------------------------------------------------------------------
    # Item 1: the certification gate
    # ------------------------------------------------------------------
    def test_override_flag_refused_to_everyone_but_the_wizard(self):
        forged = {
            "user_id": self.novice_user.id,
            "dispatch_override": True,
            "dispatch_override_reason": "Trust me",
        }
        for user in (self.manager_user, self.novice_user, self.service_manager):
            with self.subTest(user=user.login):
                message = self.assertRpcRefused(
                    user, TICKET, "write", [self.ticket.id], forged
                )
                self.assertIn("set by its actions only", message)
        self.assertRpcRefused(
            self.novice_user,
            TICKET,
            "write",
            [self.ticket.id],
            {"dispatch_override": True},
        )
        message = self.assertRpcRefused(
            self.manager_user,
            TICKET,
            "write",
            [self.ticket.id],
            {"user_id": self.novice_user.id},
            error=VALIDATION_ERROR,
        )
        self.assertIn("no valid certification", message)
        self.assertRpcRefused(
            self.manager_user,
            TICKET,
            "create",
            [
                {
                    "name": "Forged override",
                    "description": "<p>x</p>",
                    "team_id": self.team.id,
                    "product_categ_id": self.line.id,
                    "user_id": self.novice_user.id,
                    "dispatch_override": True,
                }
            ],
        )
        self.assertFalse(self.env[TICKET].search([("name", "=", "Forged override")]))
        ticket = self.reload(self.ticket)
        self.assertEqual(ticket.user_id, self.engineer_user)
        self.assertFalse(ticket.dispatch_override or ticket.dispatch_override_reason)
        self.assertFalse(
            ticket.message_ids.filtered(
                lambda m: (
                    m.subtype_id
                    == self.env.ref("sunshine_training.mt_dispatch_override")
                )
            )
        )

    def test_override_wizard_as_service_manager_with_a_reason(self):
        # a dispatcher has no wizard
        self.assertRpcRefused(
            self.manager_user,
            OVERRIDE_WIZARD,
            "create",
            [
                {
                    "ticket_id": self.ticket.id,
                    "user_id": self.novice_user.id,
                    "reason": "Urgent",
                }
            ],
        )
        blank = self.rpc(
            self.service_manager,
            OVERRIDE_WIZARD,
            "create",
            [
                {
                    "ticket_id": self.ticket.id,
                    "user_id": self.novice_user.id,
                    "reason": " ",
                }
            ],
        )[0]
        message = self.assertRpcRefused(
            self.service_manager,
            OVERRIDE_WIZARD,
            "action_confirm",
            [blank],
            error=USER_ERROR,
        )
        self.assertIn("reason", message)
        wizard = self.rpc(
            self.service_manager,
            OVERRIDE_WIZARD,
            "create",
            [
                {
                    "ticket_id": self.ticket.id,
                    "user_id": self.novice_user.id,
                    "reason": "Only engineer on the island",
                }
            ],
        )[0]
        self.rpc(self.service_manager, OVERRIDE_WIZARD, "action_confirm", [wizard])
        ticket = self.reload(self.ticket)
        self.assertRecordValues(
            ticket,
            [
                {
                    "user_id": self.novice_user.id,
                    "dispatch_override": True,
                    "dispatch_override_reason": "Only engineer on the island",
                }
            ],
        )
        note = ticket.message_ids.filtered(
            lambda m: (
                m.subtype_id == self.env.ref("sunshine_training.mt_dispatch_override")
            )
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Only engineer on the island", note.body)
        self.assertEqual(note.author_id, self.service_manager.partner_id)
        # the override note stays: neither the dispatcher nor the engineer
        # deletes or rewrites it
        for user in (self.manager_user, self.novice_user):
            with self.subTest(user=user.login):
                self.assertRpcRefused(user, "mail.message", "unlink", note.ids)
                self.assertRpcRefused(
                    user, "mail.message", "write", note.ids, {"body": "<p>-</p>"}
                )
        self.assertTrue(note.exists())

    def test_portal_user_is_no_override_assignee(self):
        wizard = self.rpc(
            self.service_manager,
            OVERRIDE_WIZARD,
            "create",
            [
                {
                    "ticket_id": self.ticket.id,
                    "user_id": self.portal_user.id,
                    "reason": "The customer fixes it himself",
                }
            ],
        )
        message = self.assertRpcRefused(
            self.service_manager,
            OVERRIDE_WIZARD,
            "action_confirm",
            wizard,
            error=USER_ERROR,
        )
        self.assertIn("not an internal user", message)
        ticket = self.reload(self.ticket)
        self.assertEqual(ticket.user_id, self.engineer_user)
        self.assertFalse(ticket.dispatch_override)

    # ------------------------------------------------------------------
    # Item 8: the training evidence
    # ------------------------------------------------------------------
    def test_certification_evidence_refused_to_the_trainer(self):
        self.certification._revoke("Failed the audit")
        for values in (
            {"state": "valid"},
            {"revoke_reason": False},
            {"revoked_by_id": False},
            {"revoked_date": False},
            {"expiry_date": "2099-12-31"},
            {"issue_date": "2020-01-01"},
            {"employee_id": self.novice.id},
            {"product_categ_id": self.other_line.id},
        ):
            with self.subTest(values=values):
                message = self.assertRpcRefused(
                    self.trainer, CERTIFICATION, "write", self.certification.ids, values
                )
                self.assertIn("set by its actions only", message)
        self.assertRpcRefused(
            self.hr_officer,
            CERTIFICATION,
            "write",
            self.certification.ids,
            {"state": "valid"},
        )
        self.assertRecordValues(
            self.reload(self.certification),
            [
                {
                    "state": "revoked",
                    "revoke_reason": "Failed the audit",
                    "expiry_date": self.certification.expiry_date,
                    "employee_id": self.engineer.id,
                }
            ],
        )

    def test_certification_created_by_results_only(self):
        session = self.create_session()
        message = self.assertRpcRefused(
            self.trainer,
            CERTIFICATION,
            "create",
            [
                {
                    "employee_id": self.novice.id,
                    "product_categ_id": self.line.id,
                    "course_id": self.course.id,
                    "session_id": session.id,
                    "issue_date": "2026-03-04",
                    "expiry_date": "2099-12-31",
                }
            ],
        )
        self.assertIn("created by their actions only", message)
        self.assertFalse(
            self.env[CERTIFICATION].search([("employee_id", "=", self.novice.id)])
        )

    def test_results_fixed_once_the_session_is_done(self):
        session = self.create_session()
        attendee_id = self.rpc(
            self.trainer,
            ATTENDEE,
            "create",
            [
                {
                    "session_id": session.id,
                    "employee_id": self.novice.id,
                    "attended": True,
                    "score": 50,
                }
            ],
        )[0]
        # open while the session runs
        self.rpc(self.trainer, ATTENDEE, "write", [attendee_id], {"score": 85})
        # the state moves by its buttons only
        message = self.assertRpcRefused(
            self.trainer, SESSION, "write", session.ids, {"state": "done"}
        )
        self.assertIn("set by its actions only", message)
        self.assertEqual(self.reload(session).state, "planned")
        self.rpc(self.trainer, SESSION, "action_done", session.ids)
        session = self.reload(session)
        self.assertEqual(session.state, "done")
        certification = session.certification_ids
        self.assertEqual(certification.employee_id, self.novice)
        for values in ({"score": 100}, {"attended": False}, {"employee_id": False}):
            with self.subTest(values=values):
                message = self.assertRpcRefused(
                    self.trainer, ATTENDEE, "write", [attendee_id], values
                )
                self.assertIn("is evidence", message)
        self.assertRpcRefused(self.trainer, ATTENDEE, "unlink", [attendee_id])
        self.assertRpcRefused(
            self.trainer,
            ATTENDEE,
            "create",
            [
                {
                    "session_id": session.id,
                    "employee_id": self.engineer.id,
                    "attended": True,
                    "score": 99,
                }
            ],
        )
        self.assertRpcRefused(
            self.trainer, SESSION, "write", session.ids, {"state": "planned"}
        )
        self.assertRpcRefused(
            self.trainer,
            SESSION,
            "write",
            session.ids,
            {"course_id": self.env["sunshine.training.course"].search([], limit=1).id},
        )
        attendee = self.env[ATTENDEE].browse(attendee_id)
        self.assertRecordValues(
            attendee,
            [
                {
                    "score": 85,
                    "attended": True,
                    "employee_id": self.novice.id,
                    "certification_id": certification.id,
                }
            ],
        )
        self.assertEqual(len(session.attendee_ids), 1)
        # a free note on the result stays possible
        self.rpc(self.trainer, ATTENDEE, "write", [attendee_id], {"note": "Very good"})
        self.assertEqual(self.reload(attendee).note, "Very good")

    def test_evidence_refused_in_chinese(self):
        self.trainer.lang = "zh_CN"
        message = self.assertRpcRefused(
            self.trainer,
            CERTIFICATION,
            "create",
            [{"employee_id": self.novice.id, "product_categ_id": self.line.id}],
        )
        self.assertIn("只能由其操作创建", message)
        message = self.assertRpcRefused(
            self.trainer,
            SESSION,
            "write",
            self.certification.session_id.ids,
            {"course_id": False},
        )
        self.assertIn("已结束", message)

    def test_certified_attendee_not_deleted_even_before_the_session_closes(self):
        session = self.create_session()
        attendee = self.env[ATTENDEE].create(
            {
                "session_id": session.id,
                "employee_id": self.novice.id,
                "attended": True,
                "score": 90,
            }
        )
        self.rpc(self.trainer, ATTENDEE, "action_certify", attendee.ids)
        self.assertTrue(self.reload(attendee).certification_id)
        self.assertRpcRefused(self.trainer, ATTENDEE, "unlink", attendee.ids)
        self.assertRpcRefused(
            self.trainer, ATTENDEE, "write", attendee.ids, {"score": 10}
        )
        self.assertRpcRefused(
            self.trainer, ATTENDEE, "write", attendee.ids, {"certification_id": False}
        )
        self.assertTrue(attendee.exists())
        self.assertEqual(self.reload(attendee).score, 90)

    def test_revocation_through_the_wizard_and_its_note_kept(self):
        Wizard = "sunshine.certification.revoke.wizard"
        wizard = self.rpc(
            self.trainer,
            Wizard,
            "create",
            [{"certification_id": self.certification.id, "reason": "Audit failed"}],
        )
        self.rpc(self.trainer, Wizard, "action_confirm", wizard)
        certification = self.reload(self.certification)
        self.assertEqual(certification.state, "revoked")
        self.assertEqual(certification.revoked_by_id, self.trainer)
        note = certification.message_ids.filtered(
            lambda m: (
                m.subtype_id
                == self.env.ref("sunshine_training.mt_certification_revoked")
            )
        )
        self.assertEqual(len(note), 1)
        self.assertRpcRefused(self.trainer, "mail.message", "unlink", note.ids)
        self.assertTrue(note.exists())
        # and a trainer cannot undo it
        self.assertRpcRefused(
            self.trainer,
            CERTIFICATION,
            "write",
            certification.ids,
            {"state": "valid", "revoke_reason": False, "revoked_by_id": False},
        )
        self.assertEqual(self.reload(certification).state, "revoked")

    # ------------------------------------------------------------------
    # Item 13: bad input
    # ------------------------------------------------------------------
    def test_attendee_needs_an_engineer_or_a_customer(self):
        session = self.create_session()
        message = self.assertRpcRefused(
            self.trainer,
            ATTENDEE,
            "create",
            [{"session_id": session.id, "attended": True, "score": 80}],
            error=VALIDATION_ERROR,
        )
        self.assertIn("Choose the engineer or the customer contact", message)
        self.assertFalse(self.reload(session).attendee_ids)

    def test_actions_on_no_or_two_records_say_so(self):
        other = self.certify(self.novice)
        session = self.create_session()
        attendees = self.env[ATTENDEE].create(
            [
                {"session_id": session.id, "employee_id": employee.id}
                for employee in (self.engineer, self.novice)
            ]
        )
        second_course = self.env["sunshine.training.course"].create(
            {"name": "Second course", "product_categ_id": self.other_line.id}
        )
        second_ticket = self.env[TICKET].create(
            {"name": "Second", "description": "<p>x</p>", "team_id": self.team.id}
        )
        calls = [
            (self.trainer, ATTENDEE, "action_certify", attendees.ids),
            (
                self.trainer,
                CERTIFICATION,
                "action_open_revoke_wizard",
                (self.certification | other).ids,
            ),
            (
                self.service_manager,
                TICKET,
                "action_open_dispatch_override_wizard",
                (self.ticket | second_ticket).ids,
            ),
            (
                self.trainer,
                "sunshine.training.course",
                "action_view_sessions",
                (self.course | second_course).ids,
            ),
            (
                self.hr_officer,
                "hr.employee",
                "action_view_certifications",
                (self.engineer | self.novice).ids,
            ),
        ]
        for user, model, method, ids in calls:
            for call_ids in ([], ids):
                with self.subTest(method=method, count=len(call_ids)):
                    message = self.assertRpcRefused(
                        user, model, method, call_ids, error=USER_ERROR
                    )
                    self.assertIn("exactly one", message)
        for model, user in (
            ("sunshine.certification.revoke.wizard", self.trainer),
            (OVERRIDE_WIZARD, self.service_manager),
        ):
            with self.subTest(model=model):
                self.assertRpcRefused(
                    user, model, "action_confirm", [], error=USER_ERROR
                )
        self.assertFalse(attendees.certification_id)
