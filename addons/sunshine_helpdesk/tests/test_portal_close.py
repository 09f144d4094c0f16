from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import RpcCaseMixin, RpcError


@tagged("post_install", "-at_install")
class TestPortalCannotClose(RpcCaseMixin, HttpCase):
    """A customer never sets a ticket Done or Cancelled: not by the close
    buttons of helpdesk_mgmt's portal page, not by its route, not over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env.ref("sunshine_helpdesk.user_portal_customer")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Portal close attempt",
                "description": "<p>alarm</p>",
                "partner_id": cls.customer.partner_id.id,
                "team_id": cls.env.ref("sunshine_helpdesk.team_centre_changsha").id,
            }
        )
        cls.stage = cls.ticket.stage_id

    def assert_open(self):
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.stage_id, self.stage)
        self.assertFalse(self.ticket.closed_date)
        self.assertFalse(self.ticket.resolution_date)

    def test_page_offers_no_close_button(self):
        # helpdesk_mgmt's demo stages may be closed from the portal
        self.assertTrue((self.done | self.cancelled).mapped("close_from_portal"))
        self.authenticate(self.customer.login, "demo")
        page = self.url_open(f"/my/ticket/{self.ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.ticket.number, page.text)
        self.assertNotIn("/ticket/close", page.text)
        self.assertNotIn('name="stage_id"', page.text)

    def test_close_route_refused(self):
        self.authenticate(self.customer.login, "demo")
        for stage in self.done | self.cancelled:
            response = self.url_open(
                f"/ticket/close?ticket_id={self.ticket.id}&stage_id={stage.id}",
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 403)
            self.assert_open()

    def test_close_route_refused_to_staff_too(self):
        """The route would close any ticket id as the superuser."""
        self.authenticate("admin", "admin")
        response = self.url_open(
            f"/ticket/close?ticket_id={self.ticket.id}&stage_id={self.done.id}",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 403)
        self.assert_open()

    def test_rpc_write_refused(self):
        for stage in self.done | self.cancelled | self.awaiting:
            with self.assertRaises(AccessError):
                self.ticket.with_user(self.customer).write({"stage_id": stage.id})
            with self.assertRaises(RpcError) as caught:
                self.rpc(
                    self.customer,
                    "helpdesk.ticket",
                    "write",
                    [self.ticket.id],
                    {"stage_id": stage.id},
                    password="demo",
                )
            self.assertIn("AccessError", caught.exception.name)
            self.assert_open()

    def test_refused_on_behalf_of_the_customer(self):
        """Code that writes as the superuser for the customer (as
        helpdesk_mgmt's portal routes do) moves no stage either."""
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.customer).sudo().write(
                {"stage_id": self.done.id}
            )
        self.assert_open()
        # the service desk still closes it
        self.ticket.write({"stage_id": self.done.id})
        self.assertTrue(self.ticket.closed_date)

    def test_another_company_ticket_out_of_reach(self):
        other = self.env["helpdesk.ticket"].create(
            {
                "name": "PORTAL-CLOSE 他人工单",
                "description": "<p>x</p>",
                "partner_id": self.env.ref(
                    "sunshine_helpdesk.partner_guangdong_mobile_contact"
                ).id,
                "team_id": self.env.ref("sunshine_helpdesk.team_centre_guangzhou").id,
            }
        )
        Ticket = self.env["helpdesk.ticket"].with_user(self.customer)
        self.assertFalse(Ticket.search([("id", "=", other.id)]))
        self.assertTrue(Ticket.search([("id", "=", self.ticket.id)]))
        self.authenticate(self.customer.login, "demo")
        page = self.url_open(f"/my/ticket/{other.id}", allow_redirects=False)
        self.assertIn(page.status_code, (302, 303))
        self.assertTrue(page.headers["Location"].endswith("/my"))
        listing = self.url_open("/my/tickets")
        self.assertIn(self.ticket.number, listing.text)
        self.assertNotIn(other.number, listing.text)

    def test_stage_form_offers_no_portal_close(self):
        form = self.env["helpdesk.ticket.stage"].get_view(view_type="form")
        self.assertRegex(form["arch"], r'<field name="close_from_portal"[^>]*invisible')
