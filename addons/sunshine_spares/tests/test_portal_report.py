import re
from datetime import date

from lxml import html

from odoo import http
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalFaultReport(HttpCase):
    """The demo customer reports a fault of one of its units on the portal:
    the ticket goes to the unit's maintenance centre with its clocks; the
    unit's page shows its warranty and tickets; another customer's units
    stay out of reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env.ref("sunshine_helpdesk.user_portal_customer")
        cls.customer.lang = "zh_CN"
        cls.company = cls.customer.partner_id.commercial_partner_id
        cls.other_company = cls.env.ref("sunshine_helpdesk.partner_guangdong_mobile")
        # the unit's centre is not the centre of the customer's region: the
        # ticket follows the unit
        cls.centre = cls.env.ref("sunshine_helpdesk.team_centre_guangzhou")
        cls.product = cls.env["product.product"].create(
            {
                "name": "Portal Fault Switch",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        term = cls.env["sunshine.warranty.term"].create(
            {"name": "Portal 2 years", "duration_months": 24, "start_event": "delivery"}
        )
        Lot = cls.env["stock.lot"]
        cls.unit = Lot.create(
            {
                "name": "PORTAL-FAULT-MINE",
                "product_id": cls.product.id,
                "customer_id": cls.company.id,
                "site": "长沙 测试机房",
                "centre_team_id": cls.centre.id,
                "warranty_term_id": term.id,
                "delivery_date": date(2025, 4, 15),
            }
        )
        cls.foreign_unit = Lot.create(
            {
                "name": "PORTAL-FAULT-THEIRS",
                "product_id": cls.product.id,
                "customer_id": cls.other_company.id,
                "centre_team_id": cls.centre.id,
            }
        )
        cls.service_type = cls.env.ref("sunshine_helpdesk.service_type_onsite_support")

    def setUp(self):
        super().setUp()
        self.authenticate(self.customer.login, "demo")

    def submit(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "subject": "PORTAL-FAULT 光路告警",
            "description": "光路板每小时告警一次。",
            "lot_id": self.unit.id,
            "severity": "major",
            "service_type_id": self.service_type.id,
        }
        data.update(values)
        return self.url_open("/submitted/ticket", data=data, allow_redirects=False)

    def options(self, page, name):
        """The values offered by the select ``name`` of ``page``."""
        select = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.DOTALL)
        self.assertTrue(select, f"no {name} select")
        return re.findall(r'<option value="([^"]*)"', select.group(0))

    def reported(self):
        return self.env["helpdesk.ticket"].search(
            [("name", "=", "PORTAL-FAULT 光路告警")]
        )

    def test_form_asks_for_unit_severity_and_service_type(self):
        form = self.url_open("/new/ticket")
        self.assertEqual(form.status_code, 200)
        units = self.options(form.text, "lot_id")
        self.assertIn(str(self.unit.id), units)
        self.assertNotIn(str(self.foreign_unit.id), units)
        self.assertIn("PORTAL-FAULT-MINE", form.text)
        self.assertNotIn("PORTAL-FAULT-THEIRS", form.text)
        self.assertEqual(
            self.options(form.text, "severity"),
            ["critical", "major", "minor", "consultation"],
        )
        services = self.options(form.text, "service_type_id")
        self.assertIn(str(self.service_type.id), services)
        # the callbacks and complaints are not reported as faults
        callback = self.env.ref("sunshine_helpdesk.service_type_callback")
        self.assertNotIn(str(callback.id), services)
        for term in ("故障等级", "服务类型", "请选择出现故障的设备", "简要描述"):
            self.assertIn(term, form.text)
        self.assertNotIn("Choose the unit at fault", form.text)

    def test_form_preselects_the_unit(self):
        form = self.url_open(f"/new/ticket?lot_id={self.unit.id}")
        self.assertEqual(form.status_code, 200)
        self.assertRegex(
            form.text, rf'<option value="{self.unit.id}" selected(="[^"]*")?>'
        )

    def test_form_preselects_no_unit_of_another_customer(self):
        form = self.url_open(f"/new/ticket?lot_id={self.foreign_unit.id}")
        self.assertEqual(form.status_code, 200)
        self.assertNotIn("PORTAL-FAULT-THEIRS", form.text)
        self.assertNotIn(str(self.foreign_unit.id), self.options(form.text, "lot_id"))
        self.assertNotRegex(form.text, r"<option value=\"\d+\" selected")

    def test_report_of_a_unit_without_centre_waits_for_a_dispatcher(self):
        self.unit.centre_team_id = False
        self.assertFalse(self.unit._sunshine_centre_team())
        self.assertIn(self.submit().status_code, (302, 303))
        ticket = self.reported()
        self.assertEqual(ticket.lot_id, self.unit)
        self.assertFalse(ticket.team_id)
        self.assertTrue(ticket.response_deadline, "its clocks run all the same")

    def test_report_lands_in_the_unit_centre_with_its_clocks(self):
        response = self.submit()
        self.assertIn(response.status_code, (302, 303))
        ticket = self.reported()
        self.assertEqual(len(ticket), 1)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/ticket/{ticket.id}")
        )
        self.assertEqual(ticket.lot_id, self.unit)
        self.assertEqual(ticket.team_id, self.centre)
        self.assertEqual(ticket.origin_team_id, self.centre)
        self.assertEqual(ticket.stage_id, self.centre._get_applicable_stages()[:1])
        self.assertEqual(ticket.partner_id, self.customer.partner_id)
        self.assertEqual(ticket.severity, "major")
        self.assertEqual(ticket.service_type_id, self.service_type)
        self.assertEqual(ticket.service_mode, "onsite")
        self.assertEqual(ticket.product_categ_id, self.product.categ_id)
        self.assertEqual(ticket.warranty_status, "in_warranty")
        clocks = set(ticket._sla_timers().mapped("clock_code"))
        self.assertEqual(clocks, {"response", "arrival", "resolution"})
        self.assertTrue(ticket.response_deadline)
        self.assertTrue(ticket.resolution_deadline)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/equipment/{self.unit.id}", page.text)
        listing = self.url_open("/my/tickets")
        self.assertIn(ticket.number, listing.text)
        self.assertIn("PORTAL-FAULT-MINE", listing.text)

    def test_ticket_list_rows_keep_their_columns(self):
        """A ticket without a unit still has its (empty) unit cell: every row
        has a cell under each heading."""
        Ticket = self.env["helpdesk.ticket"]
        with_unit, without_unit = Ticket.create(
            [
                {
                    "name": "PORTAL-LIST with unit",
                    "description": "<p>光路告警</p>",
                    "partner_id": self.customer.partner_id.id,
                    "team_id": self.centre.id,
                    "lot_id": self.unit.id,
                },
                {
                    "name": "PORTAL-LIST without unit",
                    "description": "<p>咨询</p>",
                    "partner_id": self.customer.partner_id.id,
                    "team_id": self.centre.id,
                },
            ]
        )
        listing = self.url_open("/my/tickets")
        self.assertEqual(listing.status_code, 200)
        table = html.fromstring(listing.text).xpath("//table[.//th[@name='th_unit']]")
        self.assertTrue(table, "the ticket list has its unit column")
        headings = table[0].xpath("./thead/tr/th")
        rows = {
            "".join(row.xpath("./td[2]//text()")).strip(): row.xpath("./td")
            for row in table[0].xpath("./tbody/tr")
        }
        for ticket in with_unit | without_unit:
            with self.subTest(ticket=ticket.name):
                self.assertEqual(len(rows[ticket.number]), len(headings))
        unit_column = [th.get("name") for th in headings].index("th_unit")
        self.assertEqual(
            rows[with_unit.number][unit_column].text_content().strip(),
            self.unit.name,
        )
        self.assertEqual(
            rows[without_unit.number][unit_column].text_content().strip(), ""
        )

    def test_foreign_serial_refused(self):
        response = self.submit(lot_id=self.foreign_unit.id)
        self.assertEqual(response.status_code, 403)
        response = self.submit(lot_id="not-a-serial")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.reported())

    def test_unknown_severity_or_service_type_refused(self):
        self.assertEqual(self.submit(severity="apocalyptic").status_code, 400)
        other = self.env.ref("sunshine_helpdesk.service_type_callback")
        self.assertEqual(self.submit(service_type_id=other.id).status_code, 400)
        self.assertFalse(self.reported())

    def test_unit_page_warranty_tickets_and_report_button(self):
        Ticket = self.env["helpdesk.ticket"]
        mine = Ticket.create(
            {
                "name": "PORTAL-UNIT 旧故障",
                "description": "<p>旧故障</p>",
                "partner_id": self.customer.partner_id.id,
                "lot_id": self.unit.id,
                "team_id": self.centre.id,
            }
        )
        # a ticket about the unit the customer may not read (reported by
        # another company) stays out of the page
        hidden = Ticket.create(
            {
                "name": "PORTAL-UNIT 他人工单",
                "description": "<p>x</p>",
                "partner_id": self.other_company.id,
                "lot_id": self.unit.id,
                "team_id": self.centre.id,
            }
        )
        listing = self.url_open("/my/equipment")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f'href="/my/equipment/{self.unit.id}"', listing.text)
        page = self.url_open(f"/my/equipment/{self.unit.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("PORTAL-FAULT-MINE", page.text)
        self.assertIn("保修期内", page.text)
        self.assertRegex(page.text, r'o_warranty_end">2027\D+04\D+14')
        self.assertIn(self.centre.with_context(lang="zh_CN").name, page.text)
        self.assertIn(mine.number, page.text)
        self.assertIn(f'href="/my/ticket/{mine.id}"', page.text)
        self.assertNotIn(hidden.number, page.text)
        self.assertIn(f'href="/new/ticket?lot_id={self.unit.id}"', page.text)
        self.assertIn("报修", page.text)

    def test_other_customer_unit_not_found(self):
        page = self.url_open(f"/my/equipment/{self.foreign_unit.id}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("PORTAL-FAULT-THEIRS", page.text)
        page = self.url_open("/my/equipment/999999999")
        self.assertEqual(page.status_code, 404)

    def test_tour_customer_reports_a_fault_of_a_unit(self):
        """In a browser: the equipment list, the unit's page, 报修, the form
        with the unit chosen, the ticket's page."""
        unit = self.unit.copy({"name": "PORTAL-TOUR-UNIT"})
        service = self.env["sunshine.service.type"].create(
            {"name": "Tour Fault Service", "code": "T_PORTAL_TOUR", "group": "hardware"}
        )
        # browser_js logs in with the login as password
        self.customer.password = self.customer.login
        self.start_tour(
            "/my/equipment",
            "sunshine_spares_portal_report_tour",
            login=self.customer.login,
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "PORTAL-TOUR fan alarm")]
        )
        self.assertRecordValues(
            ticket,
            [
                {
                    "lot_id": unit.id,
                    "team_id": self.centre.id,
                    "severity": "critical",
                    "service_type_id": service.id,
                    "partner_id": self.customer.partner_id.id,
                }
            ],
        )
        self.assertTrue(ticket.response_deadline)
