from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineHelpdeskCase


def dt(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


@tagged("post_install", "-at_install")
class TestDeadlines(SunshineHelpdeskCase):
    """What a dispatcher reads of the clocks: the next due time and which
    clock, the milestones on top of the form."""

    def label(self, ticket, tz="Asia/Shanghai"):
        return ticket.with_context(tz=tz).sla_due_label

    def test_due_label_names_the_clock_and_the_minute(self):
        # 10:00 in Shanghai
        with freeze_time("2026-03-02 02:00"):
            ticket = self.create_ticket()
            self.assertEqual(self.label(ticket), "Response 10:30")
            self.assertEqual(self.label(ticket, "UTC"), "Response 02:30")
        with freeze_time("2026-03-02 02:10"):
            ticket.action_respond()
            ticket.invalidate_recordset(["sla_due_label"])
            # the resolution clock is due in three days: the date is shown
            self.assertEqual(self.label(ticket), "Resolution 03-05 10:00")

    def test_due_label_of_a_breached_clock_until_it_ends(self):
        with freeze_time("2026-03-02 02:00"):
            ticket = self.create_ticket()
        with freeze_time("2026-03-02 02:31"):
            self.run_cron()
            ticket.invalidate_recordset(["sla_due_label"])
            self.assertEqual(ticket.sla_status, "breached")
            self.assertEqual(self.label(ticket), "Response 10:30")
            ticket.action_respond()
            ticket.invalidate_recordset(["sla_due_label"])
            self.assertEqual(self.label(ticket), "Resolution 03-05 10:00")

    def test_lists_and_cards_colour_the_due_time(self):
        for view_type in ("list", "kanban"):
            arch = etree.fromstring(
                self.env["helpdesk.ticket"].get_view(view_type=view_type)["arch"]
            )
            nodes = arch.xpath("//field[@name='sla_due_label']")
            self.assertTrue(nodes, view_type)
            self.assertEqual(
                nodes[0].get("decoration-danger"), "sla_status == 'breached'"
            )
            self.assertEqual(
                nodes[0].get("decoration-warning"), "sla_status == 'at_risk'"
            )
            self.assertFalse(
                arch.xpath("//field[@name='sla_deadline'][@widget='remaining_days']")
            )

    def test_form_shows_the_milestones_above_the_tabs(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        milestones = arch.xpath("//div[@name='sla_milestones']")
        self.assertTrue(milestones)
        fields = milestones[0].xpath(".//field/@name")
        for name in (
            "response_deadline",
            "first_response_date",
            "arrival_deadline",
            "onsite_arrival_date",
            "resolution_deadline",
            "resolution_date",
        ):
            self.assertIn(name, fields)
        self.assertFalse(milestones[0].xpath("ancestor::notebook"))
        self.assertFalse(
            arch.xpath("//page[@name='sla']//field[@name='response_deadline']"),
            "not on the tab any more",
        )
        with freeze_time("2026-03-02 02:00"):
            ticket = self.create_ticket()
        form = Form(ticket.with_user(self.agent))
        self.assertEqual(form.response_deadline, "2026-03-02 02:30:00")
        self.assertEqual(form.response_sla_state, "running")


@tagged("post_install", "-at_install")
class TestComplianceReport(SunshineHelpdeskCase):
    """Compliance is met ÷ (met + breached) of the clocks that ended."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-02 10:00"):
            cls.met = cls.create_ticket(name="Met in time")
            cls.breached = cls.create_ticket(name="Answered late")
            cls.unanswered = cls.create_ticket(name="Not answered")
        with freeze_time("2026-03-02 10:10"):
            cls.met.action_respond()
        with freeze_time("2026-03-02 10:40"):
            cls.env["sunshine.sla.timer"]._cron_process_due_timers()
        cls.Report = cls.env["sunshine.sla.compliance.report"]

    def test_only_ended_clocks_count(self):
        rows = self.Report.search(
            [("ticket_id", "in", (self.met | self.breached | self.unanswered).ids)]
        )
        by_ticket = {(row.ticket_id, row.clock_id.code): row.state for row in rows}
        self.assertEqual(
            by_ticket,
            {
                (self.met, "response"): "met",
                (self.breached, "response"): "breached",
                (self.unanswered, "response"): "breached",
            },
            "the resolution clocks still run: neither met nor breached",
        )

    def test_compliance_is_met_over_ended_by_team_and_severity(self):
        # 1 met, 2 breached response clocks; the escalated tickets count for
        # the centre they were given to
        groups = self.Report._read_group(
            [("ticket_id", "in", (self.met | self.breached | self.unanswered).ids)],
            ["team_id", "severity"],
            ["met_count:sum", "breached_count:sum", "compliance:avg", "__count"],
        )
        self.assertEqual(len(groups), 1)
        team, severity, met, breached, compliance, count = groups[0]
        self.assertEqual((team, severity), (self.team_centre, "critical"))
        self.assertEqual((met, breached, count), (1, 2, 3))
        self.assertAlmostEqual(compliance, 100.0 / 3)

    def test_month_of_the_end(self):
        groups = self.Report._read_group(
            [("ticket_id", "=", self.met.id)], ["date:month"], ["compliance:avg"]
        )
        self.assertEqual(groups[0][1], 100.0)

    def test_graph_never_stacks_percentages(self):
        arch = etree.fromstring(
            self.Report.get_view(
                self.env.ref(
                    "sunshine_helpdesk.sunshine_sla_compliance_report_view_graph"
                ).id,
                "graph",
            )["arch"]
        )
        self.assertEqual(arch.get("stacked"), "0")

    def test_rows_follow_the_tickets_rules(self):
        other = self.create_ticket(
            team_id=self.team_other_centre.id, user_id=self.other_agent.id
        )
        other._sla_stop(["response"])
        self.env.flush_all()  # the report is a view of the timers' table
        Report = self.Report.with_user(self.agent)
        tickets = Report.search([]).ticket_id
        self.assertIn(self.met, tickets)
        self.assertNotIn(other, tickets)
        row = self.Report.search([("ticket_id", "=", other.id)])
        self.assertEqual(row.state, "met")
        with self.assertRaises(AccessError):
            row.with_user(self.agent).read(["compliance"])


@tagged("post_install", "-at_install")
class TestTimers(SunshineHelpdeskCase):
    """The timers list names the record and shows what the user may read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.create_ticket(name="Board alarm")
        cls.other_ticket = cls.create_ticket(
            name="Fan alarm",
            team_id=cls.team_other_centre.id,
            user_id=cls.other_agent.id,
        )

    def test_timer_names_its_record_customer_and_team(self):
        timer = self.ticket.sla_timer_ids.with_user(self.agent)[:1]
        self.assertEqual(timer.res_name, f"{self.ticket.number} - Board alarm")
        self.assertEqual(timer.partner_id, self.partner)
        self.assertEqual(timer.team_id, self.team_centre)
        self.assertIn(self.ticket.number, timer.display_name)
        action = timer.action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("helpdesk.ticket", self.ticket.id),
        )

    def test_list_opens_the_record(self):
        arch = etree.fromstring(
            self.env["sunshine.sla.timer"].get_view(view_type="list")["arch"]
        )
        self.assertEqual(
            (arch.get("action"), arch.get("type")), ("action_open_record", "object")
        )
        self.assertTrue(arch.xpath("//field[@name='res_name']"))

    def test_timers_follow_the_records_rules(self):
        Timer = self.env["sunshine.sla.timer"]
        mine = Timer.with_user(self.agent).search([])
        self.assertTrue(self.ticket.sla_timer_ids)
        self.assertLessEqual(set(self.ticket.sla_timer_ids.ids), set(mine.ids))
        self.assertFalse(set(self.other_ticket.sla_timer_ids.ids) & set(mine.ids))
        with self.assertRaises(AccessError):
            self.other_ticket.sla_timer_ids.with_user(self.agent).read(["deadline"])
        # the dispatcher of the office sees both centres' timers
        seen = Timer.with_user(self.dispatcher).search([])
        self.assertLessEqual(
            set((self.ticket | self.other_ticket).sla_timer_ids.ids), set(seen.ids)
        )
        # the engine is not bound by the rule
        self.assertEqual(
            Timer.sudo().search_count([("res_id", "=", self.other_ticket.id)]),
            len(self.other_ticket.sla_timer_ids),
        )


@tagged("post_install", "-at_install")
class TestResolve(SunshineHelpdeskCase):
    def setUp(self):
        super().setUp()
        self.ticket = self.create_ticket()
        self.ticket.action_respond()

    def resolve_form(self, ticket):
        action = ticket.action_open_resolve_wizard()
        return Form(
            self.env[action["res_model"]]
            .with_user(ticket.env.user)
            .with_context(**action["context"])
        )

    def test_resolve_asks_for_the_note(self):
        form = self.resolve_form(self.ticket.with_user(self.agent))
        with self.assertRaises(AssertionError, msg="the note is required"):
            form.save()
        form.resolution_note = "<p>Board reseated, alarm cleared.</p>"
        form.save().action_confirm()
        self.assertTrue(self.ticket.resolution_date)
        self.assertIn("Board reseated", self.ticket.resolution_note)

    def test_resolve_refused_without_the_note(self):
        with self.assertRaisesRegex(UserError, "resolution note"):
            self.ticket.with_user(self.agent).action_resolve()
        self.assertFalse(self.ticket.resolution_date)

    def test_resolve_refused_unassigned(self):
        ticket = self.create_ticket(user_id=False)
        ticket.action_respond()
        ticket.resolution_note = "<p>Done</p>"
        with self.assertRaisesRegex(UserError, "assigned to nobody"):
            ticket.with_user(self.dispatcher).action_resolve()
        with self.assertRaisesRegex(UserError, "assigned to nobody"):
            ticket.with_user(self.dispatcher).action_open_resolve_wizard()
        self.assertFalse(ticket.resolution_date)

    def test_card_dragged_to_done_is_checked_as_resolve(self):
        """The kanban writes stage_id: moving a ticket to the resolving stage
        asks what Resolve asks, and writes nothing when refused."""
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertEqual(self.team_centre._sunshine_resolved_stage(), done)
        unanswered = self.create_ticket()
        unassigned = self.create_ticket(user_id=False)
        unassigned.action_respond()
        unassigned.resolution_note = "<p>Done</p>"
        for ticket, refusal in (
            (unanswered, "first response"),
            (self.ticket, "resolution note"),
            (unassigned, "assigned to nobody"),
        ):
            with self.subTest(refusal=refusal):
                with self.assertRaisesRegex(UserError, refusal):
                    ticket.with_user(self.dispatcher).write({"stage_id": done.id})
                self.assertEqual(ticket.stage_id, self.stage_new)
                self.assertFalse(ticket.resolution_date)
        self.ticket.resolution_note = "<p>Board reseated.</p>"
        self.ticket.with_user(self.agent).write({"stage_id": done.id})
        self.assertEqual(self.ticket.stage_id, done)
        self.assertTrue(self.ticket.resolution_date)
        self.assertFalse(
            self.ticket._sla_timers().filtered(lambda t: t.state == "running")
        )

    def test_cancelling_is_not_resolving(self):
        """Cancelled and Rejected close a ticket that was not solved: no
        resolution note or response is asked for."""
        cancelled = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        ticket = self.create_ticket()
        ticket.with_user(self.dispatcher).write({"stage_id": cancelled.id})
        self.assertEqual(ticket.stage_id, cancelled)

    def test_form_resolve_button_opens_the_wizard(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        names = arch.xpath("//header/button/@name")
        self.assertIn("action_open_resolve_wizard", names)
        self.assertNotIn("action_resolve", names)


@tagged("post_install", "-at_install")
class TestTicketNames(SunshineHelpdeskCase):
    def test_new_ticket_is_not_slash_false(self):
        # what the form's breadcrumb shows of a ticket being typed
        Ticket = self.env["helpdesk.ticket"].with_user(self.dispatcher)
        self.assertEqual(Ticket.new({}).display_name, "New Ticket")
        self.assertEqual(
            Ticket.new({"name": "Board alarm"}).display_name, "Board alarm"
        )
        form = Form(Ticket)
        self.assertEqual(form.number, "/")
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        self.assertTrue(arch.xpath("//h2/field[@name='name']/@placeholder"))
        ticket = self.create_ticket(name="Fan alarm")
        self.assertEqual(ticket.display_name, f"{ticket.number} - Fan alarm")

    def test_team_short_name_path_where_chosen(self):
        self.assertEqual(self.team_centre.display_name, "Test Centre")
        self.assertEqual(
            self.team_centre.with_context(sunshine_team_path=True).display_name,
            "Test HQ / Test Division / Test Office / Test Centre",
        )
        ticket = self.create_ticket()
        self.assertEqual(ticket.team_id.display_name, "Test Centre")

    def test_mode_change_has_its_own_placeholder(self):
        arch = etree.fromstring(
            self.env["sunshine.ticket.escalate.wizard"].get_view(view_type="form")[
                "arch"
            ]
        )
        placeholders = {
            node.get("invisible"): node.get("placeholder")
            for node in arch.xpath("//field[@name='reason']")
        }
        self.assertEqual(len(placeholders), 2)
        self.assertNotEqual(
            placeholders["escalation_type != 'mode'"],
            placeholders["escalation_type != 'level'"],
        )
        self.assertNotIn("next level", placeholders["escalation_type != 'mode'"])


@tagged("post_install", "-at_install")
class TestOneApp(SunshineHelpdeskCase):
    def test_service_users_see_one_desk_and_land_in_it(self):
        Menu = self.env["ir.ui.menu"]
        visible = Menu.with_user(self.agent)._visible_menu_ids()
        self.assertIn(
            self.env.ref("sunshine_helpdesk.sunshine_helpdesk_menu_root").id, visible
        )
        self.assertNotIn(
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu").id, visible
        )
        home = self.env.ref("sunshine_helpdesk.helpdesk_ticket_action_service")
        self.assertEqual(self.agent.action_id.id, home.id)
        employee = new_test_user(
            self.env, login="desk_employee", groups="base.group_user"
        )
        self.assertFalse(employee.action_id, "only service staff")
        employee.groups_id |= self.env.ref("sunshine_helpdesk.group_service_agent")
        self.assertEqual(employee.action_id.id, home.id)

    def test_no_english_demo_of_helpdesk_mgmt(self):
        company = self.env.ref("base.main_company")
        for xmlid in (
            "helpdesk_mgmt.helpdesk_team_1",
            "helpdesk_mgmt.helpdesk_ticket_1",
        ):
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record:
                self.assertFalse(record.active, xmlid)
        teams = self.env["helpdesk.ticket.team"].search(
            [("company_id", "in", [company.id, False])]
        )
        helpdesk_demo = {
            self.env.ref(f"helpdesk_mgmt.helpdesk_team_{i}", raise_if_not_found=False)
            for i in (1, 2, 3)
        }
        self.assertFalse(helpdesk_demo & set(teams))
