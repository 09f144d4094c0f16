from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sunshine_helpdesk.tests.common import RpcCaseMixin

from .callback_common import SunshineCallbackCase


@tagged("post_install", "-at_install")
class TestCallbackAccess(SunshineCallbackCase):
    """Each role's rights: callers their office's calls and issues,
    supervisors read their offices', quality staff everything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_lot("T-ACC-A", initial_acceptance_date="2026-01-05")
        cls.create_lot(
            "T-ACC-B", customer=cls.customer_b, initial_acceptance_date="2026-01-05"
        )
        cls.plan("2026-05-31")
        cls.call_a = cls.Callback.search([("team_id", "=", cls.team_a.id)])
        cls.call_b = cls.Callback.search([("team_id", "=", cls.team_b.id)])
        Issue = cls.env["sunshine.callback.issue"]
        cls.issue_a = Issue.create(
            {
                "title": "Issue A",
                "callback_id": cls.call_a.id,
                "partner_id": cls.customer_a.id,
                "department_id": cls.department.id,
            }
        )
        cls.issue_b = Issue.create(
            {
                "title": "Issue B",
                "callback_id": cls.call_b.id,
                "partner_id": cls.customer_b.id,
                "department_id": cls.department.id,
            }
        )

    def visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_caller_works_their_office_only(self):
        calls = self.visible(self.caller_a, "sunshine.callback")
        self.assertEqual(calls, self.call_a)
        self.assertEqual(
            self.visible(self.caller_a, "sunshine.callback.issue"), self.issue_a
        )
        self.call_a.with_user(self.caller_a).write({"notes": "Spoke to the engineer."})
        # the office and customer are the planning's, corrected by quality staff
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.caller_a).write({"team_id": self.team_b.id})
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.caller_a).write(
                {"partner_id": self.customer_b.id}
            )
        self.call_a.with_user(self.officer).write({"team_id": self.team_b.id})
        self.assertEqual(self.call_a.team_id, self.team_b)
        self.call_a.with_user(self.officer).write({"team_id": self.team_a.id})
        with self.assertRaises(AccessError):
            self.call_b.with_user(self.caller_a).write({"notes": "Not mine"})
        with self.assertRaises(AccessError):
            self.call_b.with_user(self.caller_a).action_done()
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.caller_a).unlink()
        with self.assertRaises(AccessError):
            self.issue_b.with_user(self.caller_a).read(["title"])
        # no campaign, no rule changes
        with self.assertRaises(AccessError):
            self.env["sunshine.survey.campaign"].with_user(self.caller_a).search([])
        with self.assertRaises(AccessError):
            self.rule_accepted.with_user(self.caller_a).write({"name": "x"})

    def test_supervisor_reads_the_offices_below(self):
        self.assertEqual(
            self.visible(self.supervisor, "sunshine.callback"),
            self.call_a | self.call_b,
        )
        self.assertEqual(
            self.visible(self.supervisor, "sunshine.callback.issue"),
            self.issue_a | self.issue_b,
        )
        with self.assertRaises(AccessError):
            self.call_a.with_user(self.supervisor).write({"notes": "x"})
        with self.assertRaises(AccessError):
            self.issue_a.with_user(self.supervisor).write({"title": "x"})

    def test_quality_staff_everything_and_handler_their_department(self):
        calls = self.visible(self.officer, "sunshine.callback")
        self.assertLessEqual(self.call_a | self.call_b, calls)
        self.call_b.with_user(self.officer).write({"user_id": self.caller_b.id})
        self.assertEqual(
            self.visible(self.handler, "sunshine.callback.issue"),
            self.issue_a | self.issue_b,
        )
        self.issue_a.with_user(self.handler).solution = "<p>Fix.</p>"
        with self.assertRaises(AccessError):
            self.visible(self.handler, "sunshine.callback")
        other = self.env["hr.department"].create({"name": "Other dept"})
        self.issue_b.department_id = other
        self.assertEqual(
            self.visible(self.handler, "sunshine.callback.issue"), self.issue_a
        )

    def test_only_quality_staff_cancel_a_call(self):
        with self.assertRaises(AccessError) as caught:
            self.call_a.with_user(self.caller_a).action_cancel()
        self.assertIn("Only quality staff cancel a call", str(caught.exception))
        self.assertEqual(self.call_a.state, "planned")
        self.call_a.with_user(self.officer).action_cancel()
        self.assertEqual(self.call_a.state, "cancelled")

    def test_caller_hands_a_call_to_a_caller_of_its_office_only(self):
        colleague = new_test_user(
            self.env,
            login="cb_caller_a2",
            groups="sunshine_quality.group_callback_caller",
        )
        self.team_a.user_ids = [Command.link(colleague.id)]
        call = self.call_a.with_user(self.caller_a)
        for user in (self.caller_b, self.employee):
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError) as caught,
            ):
                call.write({"user_id": user.id})
            self.assertIn("a caller of its office only", str(caught.exception))
        self.assertFalse(self.call_a.user_id)
        call.write({"user_id": colleague.id})
        self.assertEqual(self.call_a.user_id, colleague)
        # quality staff give it to anyone
        self.call_a.with_user(self.officer).write({"user_id": self.caller_b.id})
        self.assertEqual(self.call_a.user_id, self.caller_b)
        self.call_a.with_user(self.officer).write({"user_id": self.caller_a.id})
        call.action_done()
        # a call done keeps its caller, for everyone; its notes stay open
        for user in (self.caller_a, self.officer):
            with self.subTest(user=user.login), self.assertRaises(UserError) as caught:
                self.call_a.with_user(user).write({"user_id": colleague.id})
            self.assertIn("caller and score cannot change", str(caught.exception))
        self.assertEqual(self.call_a.user_id, self.caller_a)
        call.write({"notes": "The customer called back: all fine."})
        self.assertEqual(self.call_a.notes, "The customer called back: all fine.")

    def test_issue_routing_is_quality_staffs(self):
        other = self.env["hr.department"].create({"name": "Other dept"})
        for user, vals in (
            (self.handler, {"department_id": other.id}),
            (self.handler, {"team_id": self.team_b.id}),
            (self.handler, {"user_id": self.handler.id}),
            (self.caller_a, {"department_id": other.id}),
            (self.caller_a, {"team_id": self.team_b.id}),
            (self.caller_a, {"user_id": self.caller_b.id}),
            # the office follows the call: another office's call moves it
            (self.caller_a, {"callback_id": self.call_b.id}),
        ):
            with (
                self.subTest(user=user.login, vals=vals),
                self.assertRaises(AccessError) as caught,
            ):
                self.issue_a.with_user(user).write(vals)
            self.assertIn("quality staff send it elsewhere", str(caught.exception))
        self.assertRecordValues(
            self.issue_a,
            [
                {
                    "department_id": self.department.id,
                    "team_id": self.team_a.id,
                    "callback_id": self.call_a.id,
                }
            ],
        )
        # their own work goes through; quality staff send it elsewhere
        self.issue_a.with_user(self.caller_a).write({"title": "Issue A, precise"})
        self.issue_a.with_user(self.officer).write(
            {"department_id": other.id, "team_id": self.team_b.id}
        )
        self.assertRecordValues(
            self.issue_a, [{"department_id": other.id, "team_id": self.team_b.id}]
        )

    def test_caller_raises_an_issue_for_themselves_in_their_office(self):
        Issue = self.env["sunshine.callback.issue"].with_user(self.caller_a)
        values = {
            "title": "Raised in the call",
            "callback_id": self.call_a.id,
            "partner_id": self.customer_a.id,
            "department_id": self.department.id,
        }
        for forged in ({"user_id": self.caller_b.id}, {"team_id": self.team_b.id}):
            with self.subTest(forged=forged), self.assertRaises(AccessError) as caught:
                Issue.create({**values, **forged})
            self.assertIn("quality staff send it elsewhere", str(caught.exception))
        issue = Issue.create(values)
        self.assertRecordValues(
            issue, [{"user_id": self.caller_a.id, "team_id": self.team_a.id}]
        )
        # quality staff raise one for another caller
        by_officer = (
            self.env["sunshine.callback.issue"]
            .with_user(self.officer)
            .create({**values, "user_id": self.caller_b.id})
        )
        self.assertEqual(by_officer.user_id, self.caller_b)

    def test_employee_sees_nothing(self):
        for model in ("sunshine.callback", "sunshine.callback.issue"):
            with self.assertRaises(AccessError):
                self.visible(self.employee, model)

    def test_protected_fields_refused(self):
        for user in (self.caller_a, self.officer):
            for vals in (
                {"state": "done"},
                {"done_rate": 100.0},
                {"period_start": "2026-01-01"},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(AccessError),
                ):
                    self.call_a.with_user(user).write(vals)
            with self.assertRaises(AccessError):
                self.issue_a.with_user(user).write({"is_key_issue": True})
            with self.assertRaises(AccessError):
                self.issue_a.with_user(user).write({"state": "closed"})


@tagged("post_install", "-at_install")
class TestCallbackRpc(RpcCaseMixin, HttpCase, SunshineCallbackCase):
    """The refusals over JSON-RPC, as any client of the server meets them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_lot("T-RPC-A", initial_acceptance_date="2026-01-05")
        cls.plan("2026-05-31")
        cls.call = cls.Callback.search([("team_id", "=", cls.team_a.id)])
        cls.issue = cls.env["sunshine.callback.issue"].create(
            {
                "title": "RPC issue",
                "callback_id": cls.call.id,
                "partner_id": cls.customer_a.id,
                "department_id": cls.department.id,
            }
        )

    def test_rpc_refusals(self):
        for user in (self.caller_a, self.officer):
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user,
                    "sunshine.callback",
                    "write",
                    [self.call.id],
                    {"state": "done"},
                )
                self.assertRpcRefused(
                    user,
                    "sunshine.callback",
                    "create",
                    {
                        "rule_id": self.rule_accepted.id,
                        "subject_res_id": 999999,
                        "period_start": "2026-04-01",
                        "partner_id": self.customer_a.id,
                        "planned_date": "2026-04-02",
                    },
                )
                self.assertRpcRefused(
                    user,
                    "sunshine.callback.issue",
                    "write",
                    [self.issue.id],
                    {"state": "closed", "closed_date": "2026-05-01 10:00:00"},
                )
        message = self.assertRpcRefused(
            self.caller_a,
            "sunshine.callback",
            "write",
            [self.call.id],
            {"satisfaction_score": 9},
            error="odoo.exceptions.ValidationError",
        )
        self.assertIn("from 1 to 5", message)
        self.assertRpcRefused(
            self.supervisor,
            "sunshine.callback",
            "write",
            [self.call.id],
            {"notes": "x"},
        )
        campaign = self.env["sunshine.survey.campaign"].create(
            {
                "theme": "RPC",
                "survey_id": self.env["survey.survey"].create({"title": "RPC"}).id,
                "period_start": "2026-04-01",
                "department_id": self.department.id,
            }
        )
        campaign.action_generate_lines()
        line = campaign.line_ids[:1]
        for vals in (
            {"state": "answered"},
            {"satisfaction_score": 5.0},
            {"invited_date": "2026-04-02 10:00:00"},
        ):
            self.assertRpcRefused(
                self.officer, "sunshine.survey.campaign.line", "write", [line.id], vals
            )
        self.assertRpcRefused(
            self.caller_a, "sunshine.survey.campaign.line", "read", [line.id], ["state"]
        )
        # a caller cannot cancel a call (it would leave the coverage), nor
        # give it to another office's caller
        message = self.assertRpcRefused(
            self.caller_a, "sunshine.callback", "action_cancel", [self.call.id]
        )
        self.assertIn("Only quality staff cancel a call", message)
        self.assertRpcRefused(
            self.caller_a,
            "sunshine.callback",
            "write",
            [self.call.id],
            {"user_id": self.caller_b.id},
        )
        # nor a handler close their own issue, nor a survey user forge a link
        self.issue.solution = "<p>Fix.</p>"
        self.issue.action_receive_solution()
        self.assertRpcRefused(
            self.handler, "sunshine.callback.issue", "action_relay", [self.issue.id]
        )
        self.assertRpcRefused(
            self.officer,
            "survey.user_input",
            "create",
            {"survey_id": campaign.survey_id.id, "sunshine_campaign_line_id": line.id},
        )
        self.assertEqual(self.issue.state, "solution_received")
        # the caller's own work goes through
        self.rpc(self.caller_a, "sunshine.callback", "action_done", [self.call.id])
        self.assertEqual(self.call.state, "done")
