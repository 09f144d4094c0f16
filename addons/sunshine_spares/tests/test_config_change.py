from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestConfigChange(SunshineSparesCase):
    """Changes made on site are part of the equipment's service history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot()
        cls.other_lot = cls.create_lot("TEST-SN-OTHER")
        cls.agent = new_test_user(
            cls.env,
            login="config_agent",
            groups="sunshine_helpdesk.group_service_agent",
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="config_warehouse",
            groups="sunshine_spares.group_spares_user",
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Board fault",
                "description": "<p>Board fault</p>",
                "partner_id": cls.contact.id,
                "lot_id": cls.lot.id,
            }
        )
        cls.assign_uncertified(cls.ticket, cls.agent)

    def test_change_recorded_on_a_ticket_is_in_the_equipment_history(self):
        ticket_form = Form(self.ticket.with_user(self.agent))
        with ticket_form.config_change_ids.new() as change:
            change.kind = "software"
            change.name = "Software upgraded"
            change.previous_value = "V2.1"
            change.new_value = "V2.3"
        ticket_form.save()
        change = self.lot.config_change_ids
        self.assertRecordValues(
            change,
            [
                {
                    "lot_id": self.lot.id,
                    "ticket_id": self.ticket.id,
                    "kind": "software",
                    "new_value": "V2.3",
                    "user_id": self.agent.id,
                }
            ],
        )
        self.assertFalse(self.other_lot.config_change_ids)

    def test_ticket_of_another_equipment_refused(self):
        # assertRaises, not assertRaisesRegex: Odoo's rolls back to a savepoint.
        with self.assertRaises(ValidationError) as refused:
            self.env["sunshine.lot.config.change"].create(
                {
                    "lot_id": self.other_lot.id,
                    "ticket_id": self.ticket.id,
                    "name": "Fan replaced",
                }
            )
        self.assertIn("record the change on the equipment", str(refused.exception))
        self.assertFalse(
            self.env["sunshine.lot.config.change"].search_count(
                [("lot_id", "=", self.other_lot.id)]
            )
        )

    def test_warehouse_user_reads_but_does_not_record(self):
        Change = self.env["sunshine.lot.config.change"]
        change = Change.create({"lot_id": self.lot.id, "name": "Fan replaced"})
        self.assertEqual(change.with_user(self.warehouse_user).name, "Fan replaced")
        with self.assertRaises(AccessError):
            Change.with_user(self.warehouse_user).create(
                {"lot_id": self.lot.id, "name": "Board replaced"}
            )
        with self.assertRaises(AccessError):
            change.with_user(self.agent).unlink()
