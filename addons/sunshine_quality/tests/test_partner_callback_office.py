from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPartnerCallbackOffice(TransactionCase):
    """A customer's callback office decides who calls them and who reads
    their calls: only the quality staff choose it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the messages are matched in English
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.office = cls.env["helpdesk.ticket.team"].create({"name": "T Office"})
        cls.other_office = cls.env["helpdesk.ticket.team"].create(
            {"name": "T Other Office"}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "T Callback Customer",
                "is_company": True,
                "sunshine_callback_team_id": cls.office.id,
            }
        )
        contacts = "base.group_partner_manager"
        groups = {
            "partner_manager": f"base.group_user,{contacts}",
            "agent": f"sunshine_helpdesk.group_service_agent,{contacts}",
            "caller": f"sunshine_quality.group_callback_caller,{contacts}",
            "officer": f"sunshine_quality.group_quality_user,{contacts}",
        }
        cls.users = {
            name: new_test_user(
                cls.env, login=f"t_cbo_{name}", groups=group, lang="en_US"
            )
            for name, group in groups.items()
        }

    def test_only_quality_staff_choose_the_office(self):
        for name in ("partner_manager", "agent", "caller"):
            user = self.users[name]
            with self.subTest(user=name):
                customer = self.customer.with_user(user)
                with self.assertRaises(AccessError) as caught:
                    customer.write({"sunshine_callback_team_id": self.other_office.id})
                self.assertIn("quality staff", str(caught.exception))
                with self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).create(
                        {
                            "name": "T New Customer",
                            "sunshine_callback_team_id": self.other_office.id,
                        }
                    )
                # the rest of the customer stays theirs to edit
                customer.write({"phone": "+86 731 0000 0000"})
        self.assertEqual(self.customer.sunshine_callback_team_id, self.office)
        self.customer.with_user(self.users["officer"]).write(
            {"sunshine_callback_team_id": self.other_office.id}
        )
        self.assertEqual(self.customer.sunshine_callback_team_id, self.other_office)
