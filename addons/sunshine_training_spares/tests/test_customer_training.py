from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerTraining(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Grid Co.", "is_company": True})
        cls.other_customer = Partner.create({"name": "Mobile Co.", "is_company": True})
        product = cls.env["product.product"].create(
            {"name": "Test terminal", "is_storable": True, "tracking": "serial"}
        )
        Lot = cls.env["stock.lot"]
        cls.lot = Lot.create(
            {"name": "SN-T-1", "product_id": product.id, "customer_id": cls.customer.id}
        )
        cls.foreign_lot = Lot.create(
            {
                "name": "SN-T-2",
                "product_id": product.id,
                "customer_id": cls.other_customer.id,
            }
        )
        cls.course = cls.env["sunshine.training.course"].create(
            {"name": "Operator training", "audience": "customer", "pass_mark": 0}
        )

    def create_session(self, lots):
        return self.env["sunshine.training.session"].create(
            {
                "course_id": self.course.id,
                "date_start": "2026-05-04 01:00:00",
                "date_end": "2026-05-04 09:00:00",
                "location_type": "customer",
                "customer_id": self.customer.id,
                "lot_ids": [(6, 0, lots.ids)],
            }
        )

    def test_session_on_the_customers_equipment(self):
        session = self.create_session(self.lot)
        self.assertEqual(self.lot.training_session_count, 1)
        self.assertEqual(self.foreign_lot.training_session_count, 0)
        action = self.lot.action_view_training_sessions()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), session
        )

    def test_equipment_of_another_customer_is_refused(self):
        with (
            self.assertRaisesRegex(
                ValidationError, "SN-T-2 belongs to another customer"
            ),
            self.env.cr.savepoint(),
        ):
            self.create_session(self.lot | self.foreign_lot)
