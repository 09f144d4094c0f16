from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestReplacement(SunshineSparesCase):
    """A serial repaired twice for the same fault is replaced on its third."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse, cls.team = cls.create_centre("Test Centre", "TCEN")
        cls.stock = cls.warehouse.lot_stock_id
        FaultCode = cls.env["sunshine.fault.code"]
        cls.power_fault = FaultCode.create({"code": "T-PWR", "name": "Test Power"})
        cls.fan_fault = FaultCode.create({"code": "T-FAN", "name": "Test Fan"})
        cls.lot = cls.create_lot()
        cls.new_unit = cls.env["stock.lot"].create(
            {"name": "TEST-SN-NEW", "product_id": cls.product.id}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.stock, 1, lot_id=cls.new_unit
        )
        # Warehouse staff of the centre only: not an agent of the ticket.
        cls.storekeeper = new_test_user(
            cls.env,
            login="replacement_storekeeper",
            groups="sunshine_spares.group_spares_user",
        )
        cls.warehouse.centre_user_ids = [Command.link(cls.storekeeper.id)]

    def repair(self, fault):
        # The unit is repaired in stock.
        repair = self.repair_of(self.lot, fault_code_id=fault.id)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def ticket(self, fault):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Power failure again",
                "description": "<p>Power failure again</p>",
                "partner_id": self.contact.id,
                "team_id": self.team.id,
                "lot_id": self.lot.id,
                "fault_code_id": fault.id,
            }
        )

    def test_third_failure_with_the_same_fault_is_replaced(self):
        self.repair(self.power_fault)
        ticket = self.ticket(self.power_fault)
        self.assertFalse(ticket.replacement_required, "one repair only")
        self.repair(self.power_fault)
        self.assertTrue(ticket.replacement_required, "recomputed by the repair")
        self.assertTrue(self.ticket(self.power_fault).replacement_required)

        ticket.with_user(self.storekeeper).action_propose_replacement()

        # Proposed: both transfers ready, the new unit reserved, nothing moved.
        delivery = ticket.replacement_delivery_id
        self.assertRecordValues(
            delivery,
            [
                {
                    "state": "assigned",
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "location_id": self.stock.id,
                    "partner_id": self.contact.id,
                }
            ],
        )
        self.assertEqual(ticket.replacement_lot_id, self.new_unit)
        self.assertEqual(delivery.move_line_ids.lot_id, self.new_unit)
        self.assertEqual(self.on_hand(self.product, self.stock, self.new_unit), 1)
        returned = ticket.replacement_return_id
        defective = self.warehouse.defective_location_id
        self.assertRecordValues(
            returned,
            [
                {
                    "state": "assigned",
                    "picking_type_id": self.warehouse.in_type_id.id,
                    "location_dest_id": defective.id,
                }
            ],
        )
        self.assertEqual(returned.move_line_ids.lot_id, self.lot)
        self.assertFalse(self.new_unit.customer_id)
        message = ticket.message_ids[0]
        self.assertIn(delivery.name, message.body)
        self.assertIn(returned.name, message.body)
        with self.assertRaisesRegex(UserError, "already proposed"):
            ticket.action_propose_replacement()

        # The faulty unit comes back first: it stays in the installed base
        # until its replacement is delivered.
        returned.with_user(self.storekeeper).button_validate()
        self.assertEqual(returned.state, "done")
        self.assertEqual(self.on_hand(self.product, defective, self.lot), 1)
        self.assertEqual(self.lot.customer_id, self.customer)

        # The storekeeper takes another unit off the shelf than the one
        # proposed; the price locked for the equipment follows it.
        other_unit = self.env["stock.lot"].create(
            {"name": "TEST-SN-NEW-2", "product_id": self.product.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product, self.stock, 1, lot_id=other_unit
        )
        delivery.move_line_ids.lot_id = other_unit
        fuse = self.create_part("Test Replacement Fuse")
        lock = self.env["sunshine.lot.part.price"].create(
            {"lot_id": self.lot.id, "product_id": fuse.id, "price": 12.5}
        )
        delivery.with_user(self.storekeeper).button_validate()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(self.on_hand(self.product, self.stock, other_unit), 0)
        self.assertEqual(self.on_hand(self.product, self.stock, self.new_unit), 1)
        self.assertEqual(ticket.replacement_lot_id, other_unit)
        self.assertFalse(self.new_unit.customer_id)
        self.assertEqual(lock.lot_id, other_unit)
        self.assertRecordValues(
            other_unit,
            [
                {
                    "customer_id": self.customer.id,
                    "regional_representative_id": self.representative.id,
                    "warranty_term_id": self.term.id,
                    "final_acceptance_date": self.lot.final_acceptance_date,
                    "warranty_end_date": self.lot.warranty_end_date,
                }
            ],
        )
        self.assertFalse(self.lot.customer_id)
        self.assertFalse(self.lot.regional_representative_id)
        self.assertIn(self.lot.name, ticket.message_ids[0].body)
        self.assertIn(other_unit.name, ticket.message_ids[0].body)

    def test_another_fault_or_one_repair_is_not_replaced(self):
        self.repair(self.power_fault)
        self.repair(self.fan_fault)
        self.assertFalse(self.ticket(self.power_fault).replacement_required)
        self.assertFalse(self.ticket(self.fan_fault).replacement_required)
        self.repair(self.fan_fault)
        self.assertFalse(self.ticket(self.power_fault).replacement_required)
        self.assertTrue(self.ticket(self.fan_fault).replacement_required)
        no_fault = self.ticket(self.fan_fault)
        no_fault.fault_code_id = False
        self.assertFalse(no_fault.replacement_required)

    def test_refused_when_not_required(self):
        self.repair(self.power_fault)
        ticket = self.ticket(self.power_fault)
        with self.assertRaisesRegex(UserError, "at least 2 times"):
            ticket.with_user(self.storekeeper).action_propose_replacement()
        self.assertFalse(ticket.replacement_delivery_id)
        self.assertEqual(self.on_hand(self.product, self.stock, self.new_unit), 1)

    def test_refused_to_the_staff_of_another_centre(self):
        self.repair(self.power_fault)
        self.repair(self.power_fault)
        ticket = self.ticket(self.power_fault)
        other_warehouse, _team = self.create_centre("Other Centre", "TOTH")
        # An agent of the ticket's team, but warehouse staff of another centre.
        outsider = new_test_user(
            self.env,
            login="replacement_outsider",
            groups="sunshine_spares.group_spares_user,"
            "sunshine_helpdesk.group_service_agent",
        )
        self.team.user_ids = [Command.link(outsider.id)]
        other_warehouse.centre_user_ids = [Command.link(outsider.id)]
        pickings_before = self.env["stock.picking"].search_count([])
        with self.assertRaisesRegex(AccessError, "Test Centre"):
            ticket.with_user(outsider).with_context(
                lang="en_US"
            ).action_propose_replacement()
        self.assertFalse(ticket.replacement_delivery_id)
        self.assertEqual(self.env["stock.picking"].search_count([]), pickings_before)
