from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    def test_customer_sees_due_times_not_timers(self):
        company = self.env["res.partner"].create(
            {"name": "Portal Customer Co.", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Portal Contact", "parent_id": company.id}
        )
        self.env["res.lang"]._activate_lang("en_US")
        user = new_test_user(
            self.env,
            login="sla_portal_page",
            password="sla_portal_page",
            groups="base.group_portal",
            partner_id=contact.id,
            lang="en_US",
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Portal alarm",
                "description": "<p>alarm</p>",
                "partner_id": contact.id,
                "team_id": self.env.ref("sunshine_helpdesk.team_centre_changsha").id,
            }
        )
        self.assertTrue(ticket.response_deadline)
        self.authenticate(user.login, user.login)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Response Due:", page.text)
        self.assertIn("Resolution Due:", page.text)
        self.assertNotIn("sunshine.sla.timer", page.text)
