from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestTicketRepair(SunshineSparesCase):
    """A ticket sends its faulty unit to the repair workshop of its centre."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse, cls.team = cls.create_centre("Repair Centre", "TREP")
        cls.fault = cls.env["sunshine.fault.code"].create(
            {"code": "T-BRD", "name": "Test Board"}
        )
        cls.lot = cls.create_lot()
        cls.storekeeper = new_test_user(
            cls.env,
            login="ticket_repair_storekeeper",
            groups="sunshine_spares.group_spares_user",
        )
        cls.warehouse.centre_user_ids = [Command.link(cls.storekeeper.id)]
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Board dead",
                "description": "<p>Board dead</p>",
                "partner_id": cls.contact.id,
                "team_id": cls.team.id,
                "lot_id": cls.lot.id,
                "fault_code_id": cls.fault.id,
            }
        )

    def test_repair_created_from_the_ticket(self):
        ticket = self.ticket.with_user(self.storekeeper)
        action = ticket.action_create_repair()
        repair = Form(
            self.env["repair.order"]
            .with_user(self.storekeeper)
            .with_context(**action["context"])
        ).save()
        self.assertRecordValues(
            repair,
            [
                {
                    "ticket_id": self.ticket.id,
                    "product_id": self.product.id,
                    "lot_id": self.lot.id,
                    "partner_id": self.customer.id,
                    "fault_code_id": self.fault.id,
                    "picking_type_id": self.warehouse.repair_type_id.id,
                }
            ],
        )
        self.assertEqual(ticket.repair_count, 1)
        self.assertEqual(
            ticket.action_view_repairs()["domain"], [("ticket_id", "=", ticket.id)]
        )
        self.assertIn(repair, self.lot.repair_order_ids)

    def test_ticket_without_serial_refused(self):
        self.ticket.lot_id = False
        with self.assertRaisesRegex(UserError, "serial number of the faulty unit"):
            self.ticket.action_create_repair()
        self.assertFalse(self.ticket.repair_count)

    def test_the_fault_report_date_decides_the_warranty_of_the_repair(self):
        # The warranty of the lot ends on 2026-02-28 (12 months from
        # the final acceptance of 2025-03-01).
        self.ticket.reported_date = "2026-02-28 03:00:00"
        repair = self.env["repair.order"].create(
            {
                "ticket_id": self.ticket.id,
                "product_id": self.product.id,
                "lot_id": self.lot.id,
                "partner_id": self.customer.id,
                "schedule_date": "2026-03-04 03:00:00",
            }
        )
        self.assertEqual(repair.warranty_status, "in_warranty")
        self.assertTrue(repair.under_warranty)
        repair.ticket_id = False
        self.assertEqual(repair.warranty_status, "out_of_warranty")

    def test_parts_of_the_repairs_are_in_the_equipment_history(self):
        fan = self.create_part("Test Repair Fan")
        stock = self.warehouse.lot_stock_id
        self.env["stock.quant"]._update_available_quantity(fan, stock, 3)
        self.env["stock.quant"]._update_available_quantity(
            self.product, stock, 1, lot_id=self.lot
        )
        repair = self.env["repair.order"].create(
            {
                "ticket_id": self.ticket.id,
                "product_id": self.product.id,
                "lot_id": self.lot.id,
                "partner_id": self.customer.id,
                "picking_type_id": self.warehouse.repair_type_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": fan.id,
                            "product_uom_qty": 2.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(self.on_hand(fan, stock), 1, "out of the centre's stock")
        lot = self.lot.with_user(self.storekeeper)
        self.assertEqual(lot.repair_part_count, 1)
        action = lot.action_view_repair_parts()
        moves = self.env["stock.move"].search(action["domain"])
        self.assertRecordValues(
            moves, [{"product_id": fan.id, "quantity": 2.0, "state": "done"}]
        )
