from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from odoo.addons.sunshine_training.tests.common import SunshineTrainingCase


@tagged("post_install", "-at_install")
class TestDispatchBySerial(SunshineTrainingCase):
    """A ticket about a unit is dispatched by its model's product line,
    whether or not the ticket has a line of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certify(cls.engineer)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Test Grid Co.", "is_company": True}
        )
        cls.model = cls.env["product.product"].create(
            {
                "name": "Test SDH terminal",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": cls.sub_line.id,
            }
        )
        cls.lot = cls.env["stock.lot"].create(
            {
                "name": "TEST-SDH-1",
                "product_id": cls.model.id,
                "customer_id": cls.customer.id,
            }
        )

    def new_ticket(self, **values):
        return self.env["helpdesk.ticket"].create(
            dict(
                {
                    "name": "SDH board alarm",
                    "description": "<p>alarm</p>",
                    "team_id": self.team.id,
                    "lot_id": self.lot.id,
                },
                **values,
            )
        )

    def test_serial_gives_line_and_customer(self):
        ticket = self.new_ticket()
        self.assertEqual(ticket.product_categ_id, self.sub_line)
        self.assertEqual(ticket.partner_id, self.customer)

    def test_gating_without_a_line_of_the_ticket(self):
        ticket = self.new_ticket()
        ticket.product_categ_id = False
        self.assertEqual(ticket.dispatch_categ_id, self.sub_line)
        self.assertEqual(ticket.certified_user_ids, self.engineer_user)
        with self.assertRaisesRegex(ValidationError, "no valid certification"):
            ticket.user_id = self.novice_user
        ticket.user_id = self.engineer_user
        self.assertEqual(ticket.user_id, self.engineer_user)
        with self.assertRaisesRegex(ValidationError, "no valid certification"):
            self.new_ticket(product_categ_id=False, user_id=self.novice_user.id)

    def test_new_ticket_form_fills_from_the_serial_without_warning(self):
        with self.assertNoLogs("odoo.osv.expression", "WARNING"):
            form = Form(self.env["helpdesk.ticket"].with_user(self.service_manager))
            form.name = "SDH board alarm"
            form.description = "<p>alarm</p>"
            form.team_id = self.team
            form.lot_id = self.lot
            self.assertEqual(form.product_categ_id, self.sub_line)
            self.assertEqual(form.partner_id, self.customer)
            self.assertEqual(form.dispatch_categ_id, self.sub_line)
            form.product_categ_id = self.env["product.category"]
            self.assertEqual(form.dispatch_categ_id, self.sub_line)
            form.user_id = self.engineer_user
            ticket = form.save()
        self.assertEqual(ticket.user_id, self.engineer_user)
        with self.assertNoLogs("odoo.osv.expression", "WARNING"):
            Form(ticket.with_user(self.service_manager))
