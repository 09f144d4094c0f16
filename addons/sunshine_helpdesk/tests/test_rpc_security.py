from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from ..hooks import fill_origin_team
from .common import RpcCaseMixin, SunshineHelpdeskCase

ACCESS_ERROR = "odoo.exceptions.AccessError"
USER_ERROR = "odoo.exceptions.UserError"
VALIDATION_ERROR = "odoo.exceptions.ValidationError"
TICKET = "helpdesk.ticket"


@tagged("post_install", "-at_install")
class TestTicketRpcSecurity(RpcCaseMixin, SunshineHelpdeskCase, HttpCase):
    """What a role may not do on a ticket is refused over the external API,
    and the actions that may do it still work (issue 15, items 6, 7, 9, 10
    and 13)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Portal Contact", "parent_id": cls.partner.id}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="sec_portal",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        # these tests read the English messages; test_messages_in_chinese
        # reads the Chinese ones
        cls.env["res.lang"]._activate_lang("en_US")
        (
            cls.agent | cls.other_agent | cls.dispatcher | cls.manager | cls.portal_user
        ).lang = "en_US"
        cls.ticket = cls.create_ticket()
        cls.other_ticket = cls.create_ticket(
            team_id=cls.team_other_centre.id, user_id=cls.other_agent.id
        )

    def reload(self, records):
        records.invalidate_recordset()
        return records

    # ------------------------------------------------------------------
    # Item 6: stamps, team, reported date
    # ------------------------------------------------------------------
    def test_milestone_stamps_and_origin_team_refused(self):
        stamps = {
            "first_response_date": "2026-01-01 00:00:00",
            "onsite_decided_date": "2026-01-01 00:00:00",
            "onsite_arrival_date": "2026-01-01 00:00:00",
            "resolution_date": "2026-01-01 00:00:00",
            "origin_team_id": self.team_other_centre.id,
        }
        for name, value in stamps.items():
            with self.subTest(field=name):
                message = self.assertRpcRefused(
                    self.agent, TICKET, "write", [self.ticket.id], {name: value}
                )
                self.assertIn("set by its actions only", message)
                self.assertIn(self.ticket._fields[name].string, message)
        self.assertRpcRefused(
            self.manager,
            TICKET,
            "write",
            [self.ticket.id],
            {"resolution_date": "2026-01-01 00:00:00"},
        )
        self.assertRecordValues(
            self.reload(self.ticket),
            [
                {
                    "first_response_date": False,
                    "onsite_decided_date": False,
                    "onsite_arrival_date": False,
                    "resolution_date": False,
                    "origin_team_id": self.team_centre.id,
                }
            ],
        )
        # the actions stamp them
        self.rpc(self.agent, TICKET, "action_respond", [self.ticket.id])
        self.assertTrue(self.reload(self.ticket).first_response_date)

    def test_create_with_a_stamp_refused(self):
        values = {
            "name": "Forged stamps",
            "description": "<p>x</p>",
            "team_id": self.team_centre.id,
        }
        self.assertRpcRefused(
            self.agent,
            TICKET,
            "create",
            [dict(values, first_response_date="2026-01-01 00:00:00")],
        )
        self.assertRpcRefused(
            self.agent,
            TICKET,
            "create",
            [dict(values, origin_team_id=self.team_hq.id)],
        )
        self.assertFalse(self.env[TICKET].search([("name", "=", "Forged stamps")]))
        ticket_id = self.rpc(self.agent, TICKET, "create", [values])[0]
        ticket = self.env[TICKET].browse(ticket_id)
        self.assertEqual(ticket.origin_team_id, self.team_centre)
        self.assertTrue(ticket.response_deadline, "the clocks started")

    def test_team_moves_by_escalation_only(self):
        # up a level, or sideways to another centre: refused to everyone
        for user, team in (
            (self.agent, self.team_office),
            (self.agent, self.team_other_centre),
            (self.dispatcher, self.team_other_centre),
            (self.manager, self.team_hq),
        ):
            with self.subTest(user=user.login, team=team.name):
                message = self.assertRpcRefused(
                    user,
                    TICKET,
                    "write",
                    [self.ticket.id],
                    {"team_id": team.id},
                    error=USER_ERROR,
                )
                self.assertIn("only by an escalation", message)
        self.assertRpcRefused(
            self.agent,
            TICKET,
            "write",
            [self.ticket.id],
            {"team_id": False},
            error=USER_ERROR,
        )
        ticket = self.reload(self.ticket)
        self.assertEqual(ticket.team_id, self.team_centre)
        self.assertFalse(ticket.escalation_ids)
        # the escalation wizard moves it, with its record
        wizard_id = self.rpc(
            self.agent,
            "sunshine.ticket.escalate.wizard",
            "create",
            [{"ticket_id": ticket.id, "reason": "Needs the office"}],
        )[0]
        self.rpc(
            self.agent, "sunshine.ticket.escalate.wizard", "action_confirm", [wizard_id]
        )
        ticket = self.reload(ticket)
        self.assertEqual(ticket.team_id, self.team_office)
        self.assertEqual(ticket.origin_team_id, self.team_centre)
        self.assertEqual(ticket.escalation_ids.to_team_id, self.team_office)

    def test_dispatcher_gives_a_new_ticket_its_team(self):
        ticket = self.create_ticket(team_id=False, user_id=False)
        self.assertFalse(ticket.team_id)
        message = self.assertRpcRefused(
            self.agent, TICKET, "write", [ticket.id], {"team_id": self.team_centre.id}
        )
        self.assertIn("Only a dispatcher", message)
        self.assertFalse(self.reload(ticket).team_id)
        self.rpc(
            self.dispatcher,
            TICKET,
            "write",
            [ticket.id],
            {"team_id": self.team_other_centre.id},
        )
        ticket = self.reload(ticket)
        self.assertEqual(ticket.team_id, self.team_other_centre)
        self.assertEqual(ticket.origin_team_id, self.team_other_centre)
        # dispatched: from now on it moves by escalation only
        self.assertRpcRefused(
            self.dispatcher,
            TICKET,
            "write",
            [ticket.id],
            {"team_id": self.team_centre.id},
            error=USER_ERROR,
        )

    def test_service_mode_moves_on_by_its_action(self):
        self.assertRpcRefused(
            self.agent,
            TICKET,
            "write",
            [self.ticket.id],
            {"service_mode": "onsite"},
            error=USER_ERROR,
        )
        ticket = self.reload(self.ticket)
        self.assertEqual(ticket.service_mode, "phone")
        self.assertFalse(ticket.arrival_deadline)

    def test_reported_date_never_in_the_future(self):
        future = fields.Datetime.to_string(
            fields.Datetime.now() + timedelta(days=365 * 4)
        )
        message = self.assertRpcRefused(
            self.agent,
            TICKET,
            "create",
            [
                {
                    "name": "From the future",
                    "description": "<p>x</p>",
                    "team_id": self.team_centre.id,
                    "reported_date": future,
                }
            ],
            error=VALIDATION_ERROR,
        )
        self.assertIn("cannot be reported in the future", message)
        self.assertFalse(self.env[TICKET].search([("name", "=", "From the future")]))
        self.assertRpcRefused(
            self.manager,
            TICKET,
            "write",
            [self.ticket.id],
            {"reported_date": future},
            error=VALIDATION_ERROR,
        )

    def test_reported_date_fixed_once_a_clock_runs(self):
        reported = self.ticket.reported_date
        self.assertTrue(self.ticket.sla_timer_ids)
        earlier = fields.Datetime.to_string(reported - timedelta(hours=3))
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login):
                message = self.assertRpcRefused(
                    user,
                    TICKET,
                    "write",
                    [self.ticket.id],
                    {"reported_date": earlier},
                    error=USER_ERROR,
                )
                self.assertIn("Correct Reported Date", message)
        self.assertEqual(self.reload(self.ticket).reported_date, reported)
        # a dispatcher may not open the correction
        self.assertRpcRefused(
            self.dispatcher,
            "sunshine.ticket.reported.date.wizard",
            "create",
            [{"ticket_id": self.ticket.id, "reported_date": earlier, "reason": "x"}],
        )
        # the service manager corrects it with a reason, logged
        Wizard = "sunshine.ticket.reported.date.wizard"
        action = self.rpc(
            self.manager, TICKET, "action_open_reported_date_wizard", [self.ticket.id]
        )
        self.assertEqual(action["res_model"], Wizard)
        blank = self.rpc(
            self.manager,
            Wizard,
            "create",
            [{"ticket_id": self.ticket.id, "reported_date": earlier, "reason": " "}],
        )[0]
        self.assertRpcRefused(
            self.manager, Wizard, "action_confirm", [blank], error=USER_ERROR
        )
        wizard_id = self.rpc(
            self.manager,
            Wizard,
            "create",
            [
                {
                    "ticket_id": self.ticket.id,
                    "reported_date": earlier,
                    "reason": "The call was logged three hours late",
                }
            ],
        )[0]
        self.rpc(self.manager, Wizard, "action_confirm", [wizard_id])
        ticket = self.reload(self.ticket)
        self.assertEqual(fields.Datetime.to_string(ticket.reported_date), earlier)
        note = ticket.message_ids[0]
        self.assertEqual(
            note.subtype_id,
            self.env.ref("sunshine_helpdesk.mt_reported_date_corrected"),
        )
        self.assertIn("The call was logged three hours late", note.body)
        self.assertEqual(note.author_id, self.manager.partner_id)

    # ------------------------------------------------------------------
    # Item 9: internal assignees only
    # ------------------------------------------------------------------
    def test_portal_user_never_assigned(self):
        message = self.assertRpcRefused(
            self.dispatcher,
            TICKET,
            "write",
            [self.ticket.id],
            {"user_id": self.portal_user.id},
            error=VALIDATION_ERROR,
        )
        self.assertIn("not an internal user", message)
        self.assertEqual(self.reload(self.ticket).user_id, self.agent)
        self.assertRpcRefused(
            self.agent,
            TICKET,
            "create",
            [
                {
                    "name": "For the customer",
                    "description": "<p>x</p>",
                    "team_id": self.team_centre.id,
                    "user_id": self.portal_user.id,
                }
            ],
            error=VALIDATION_ERROR,
        )
        self.assertFalse(self.env[TICKET].search([("name", "=", "For the customer")]))

    # ------------------------------------------------------------------
    # Item 7: escalations
    # ------------------------------------------------------------------
    def test_escalations_created_by_the_action_only(self):
        forged = {
            "ticket_id": self.other_ticket.id,
            "escalation_type": "level",
            "automatic": True,
            "reason": "Forged",
            "date": "2020-01-01 00:00:00",
            "from_team_id": self.team_other_centre.id,
            "to_team_id": self.team_office.id,
        }
        Escalation = "sunshine.ticket.escalation"
        for ticket in (self.other_ticket, self.ticket):
            with self.subTest(ticket=ticket.number):
                message = self.assertRpcRefused(
                    self.agent,
                    Escalation,
                    "create",
                    [dict(forged, ticket_id=ticket.id)],
                )
                self.assertIn("created by their actions only", message)
        self.assertRpcRefused(self.manager, Escalation, "create", [forged])
        self.assertFalse(self.env[Escalation].search([("reason", "=", "Forged")]))

    def test_escalations_read_under_the_ticket_rules(self):
        self.ticket._escalate_level("Own ticket escalated")
        self.other_ticket._escalate_level("Other centre's ticket escalated")
        mine = self.ticket.escalation_ids
        theirs = self.other_ticket.escalation_ids
        Escalation = "sunshine.ticket.escalation"
        found = self.rpc(self.agent, Escalation, "search_read", [], fields=["reason"])
        self.assertEqual(
            {row["id"] for row in found} & set((mine | theirs).ids), set(mine.ids)
        )
        message = self.assertRpcRefused(
            self.agent, Escalation, "read", theirs.ids, ["reason"]
        )
        self.assertIn("sunshine.ticket.escalation", message)
        self.assertEqual(
            self.rpc(
                self.agent, Escalation, "search_count", [("id", "in", theirs.ids)]
            ),
            0,
        )
        # the ticket form counts what its reader may see
        self.assertEqual(
            self.rpc(
                self.agent, TICKET, "read", [self.ticket.id], ["escalation_count"]
            )[0]["escalation_count"],
            1,
        )
        # an archived ticket keeps its history
        self.ticket.active = False
        self.assertEqual(
            self.rpc(self.agent, Escalation, "search", [("id", "in", mine.ids)]),
            mine.ids,
        )
        # the dispatcher above both centres reads both
        found = self.rpc(
            self.dispatcher,
            Escalation,
            "search",
            [("id", "in", (mine | theirs).ids)],
        )
        self.assertEqual(set(found), set((mine | theirs).ids))

    def test_escalation_history_never_edited(self):
        self.ticket._escalate_level("Needs the office")
        escalation = self.ticket.escalation_ids
        Escalation = "sunshine.ticket.escalation"
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login):
                self.assertRpcRefused(
                    user,
                    Escalation,
                    "write",
                    escalation.ids,
                    {"reason": "Rewritten", "automatic": True},
                )
                self.assertRpcRefused(user, Escalation, "unlink", escalation.ids)
        self.assertRecordValues(
            self.reload(escalation),
            [{"reason": "Needs the office", "automatic": False}],
        )

    # ------------------------------------------------------------------
    # Item 10: the audit trail
    # ------------------------------------------------------------------
    def test_audit_messages_kept_from_non_managers(self):
        self.ticket.sudo().message_post(
            body="SLA breached: response",
            subtype_xmlid="sunshine_helpdesk.mt_sla_breach",
        )
        self.ticket.sudo().message_post(
            body="SLA at risk: resolution",
            subtype_xmlid="sunshine_helpdesk.mt_sla_warning",
        )
        self.ticket.with_user(self.agent)._escalate_level("Needs the office")
        audit = self.ticket.message_ids.filtered(
            lambda m: (
                m.subtype_id.get_external_id()[m.subtype_id.id]
                in (
                    "sunshine_helpdesk.mt_sla_breach",
                    "sunshine_helpdesk.mt_sla_warning",
                    "sunshine_helpdesk.mt_ticket_escalation",
                )
            )
        )
        self.assertEqual(len(audit), 3)
        for message in audit:
            with self.subTest(message=message.body):
                refusal = self.assertRpcRefused(
                    self.agent, "mail.message", "unlink", message.ids
                )
                self.assertIn("audit trail", refusal)
                self.assertRpcRefused(
                    self.agent,
                    "mail.message",
                    "write",
                    message.ids,
                    {"body": "<p>nothing happened</p>"},
                )
        self.assertRpcRefused(self.dispatcher, "mail.message", "unlink", audit[:1].ids)
        self.assertEqual(len(audit.exists()), 3)
        # nor forged by posting a notice by hand
        self.assertRpcRefused(
            self.agent,
            TICKET,
            "message_post",
            [self.ticket.id],
            body="SLA breached by the customer",
            subtype_xmlid="sunshine_helpdesk.mt_sla_breach",
        )
        self.assertFalse(
            self.ticket.message_ids.filtered(
                lambda m: "by the customer" in (m.body or "")
            )
        )
        # a service manager may correct the trail
        self.rpc(self.manager, "mail.message", "unlink", audit[:1].ids)
        self.assertFalse(audit[:1].exists())

    def test_own_comments_stay_editable(self):
        message_id = self.rpc(
            self.agent,
            TICKET,
            "message_post",
            [self.ticket.id],
            body="Called the customer",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        message = self.env["mail.message"].browse(message_id)
        self.rpc(
            self.agent,
            "mail.message",
            "write",
            [message_id],
            {"body": "<p>Called the customer twice</p>"},
        )
        self.assertIn("twice", self.reload(message).body)
        self.rpc(self.agent, "mail.message", "unlink", [message_id])
        self.assertFalse(message.exists())

    # ------------------------------------------------------------------
    # Item 13: actions on one record
    # ------------------------------------------------------------------
    def test_actions_on_no_or_two_tickets_say_so(self):
        two = (self.ticket | self.create_ticket()).ids
        for method in (
            "action_respond",
            "action_check_in",
            "action_resolve",
            "action_open_resolve_wizard",
            "action_open_escalation_wizard",
            "action_view_escalations",
            "action_open_reported_date_wizard",
        ):
            for ids in ([], two):
                with self.subTest(method=method, count=len(ids)):
                    message = self.assertRpcRefused(
                        self.manager, TICKET, method, ids, error=USER_ERROR
                    )
                    self.assertIn("exactly one", message)
        self.assertFalse(self.reload(self.ticket).first_response_date)

    # ------------------------------------------------------------------
    # helpdesk_mgmt's own flows keep working
    # ------------------------------------------------------------------
    def test_helpdesk_flows_still_work(self):
        # stage changes by the agent, with the clocks paused and resumed
        self.rpc(
            self.agent,
            TICKET,
            "write",
            [self.ticket.id],
            {"stage_id": self.stage_awaiting.id},
        )
        self.assertEqual(self.reload(self.ticket).sla_timer_ids[0].state, "paused")
        self.rpc(
            self.agent,
            TICKET,
            "write",
            [self.ticket.id],
            {"stage_id": self.stage_progress.id},
        )
        self.assertEqual(self.reload(self.ticket).sla_timer_ids[0].state, "running")
        # "assign to me" on a ticket without team gives it the agent's team
        unassigned = self.create_ticket(team_id=False, user_id=False)
        self.rpc(self.agent, TICKET, "assign_to_me", [unassigned.id])
        unassigned = self.reload(unassigned)
        self.assertEqual(unassigned.user_id, self.agent)
        self.assertEqual(unassigned.team_id, self.team_centre)
        # a mail to the service desk opens a ticket for the team
        email = (
            "From: Customer <customer@example.com>\r\n"
            "To: support@example.com\r\n"
            "Subject: Board alarm by mail\r\n"
            "Message-ID: <sunshine-security-test@example.com>\r\n"
            "Content-Type: text/plain\r\n\r\nThe board alarms.\r\n"
        )
        ticket_id = (
            self.env["mail.thread"]
            .with_context(fetchmail_cron_running=True)
            .message_process(
                TICKET, email, custom_values={"team_id": self.team_centre.id}
            )
        )
        by_mail = self.env[TICKET].browse(ticket_id)
        self.assertEqual(by_mail.name, "Board alarm by mail")
        self.assertEqual(by_mail.origin_team_id, self.team_centre)
        self.assertTrue(by_mail.response_deadline)

    def test_older_tickets_get_their_origin_team(self):
        """At the install (and by the 18.0.1.1.0 migration): tickets from
        before Sunshine, or escalated before the origin was kept."""
        escalated = self.create_ticket()
        escalated._escalate_level("Needs the office")
        tickets = self.ticket | escalated
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET origin_team_id = NULL WHERE id IN %s",
            [tuple(tickets.ids)],
        )
        fill_origin_team(self.env.cr)
        tickets.invalidate_recordset()
        self.assertEqual(self.ticket.origin_team_id, self.team_centre)
        self.assertEqual(escalated.team_id, self.team_office)
        self.assertEqual(escalated.origin_team_id, self.team_centre)

    def test_messages_in_chinese(self):
        self.agent.lang = "zh_CN"
        message = self.assertRpcRefused(
            self.agent,
            TICKET,
            "write",
            [self.ticket.id],
            {"team_id": self.team_other_centre.id},
            error=USER_ERROR,
        )
        self.assertIn("只能通过升级到上一支持级别", message)
        message = self.assertRpcRefused(
            self.agent, TICKET, "action_respond", [], error=USER_ERROR
        )
        self.assertIn("此操作只能针对一条", message)

    def test_portal_ticket_then_dispatch(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self._rpc_login = self.portal_user.login
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": "Portal: board alarm",
                "description": "The board alarms every hour.",
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env[TICKET].search([("name", "=", "Portal: board alarm")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertTrue(ticket.response_deadline)
        self.rpc(
            self.dispatcher,
            TICKET,
            "write",
            ticket.ids,
            {"team_id": self.team_centre.id, "user_id": self.agent.id},
        )
        ticket = self.reload(ticket)
        self.assertEqual(ticket.origin_team_id, self.team_centre)
        self.assertEqual(ticket.user_id, self.agent)
