from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestCentreAccess(SunshineSparesCase):
    """Warehouse users act in the maintenance centres on whose staff they are."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wh_a, cls.team_a = cls.create_centre("Test Centre A", "TCA")
        cls.wh_b, cls.team_b = cls.create_centre("Test Centre B", "TCB")
        cls.fan = cls.create_part("Test Centre Fan")
        Quant = cls.env["stock.quant"]
        for warehouse in cls.wh_a | cls.wh_b:
            Quant._update_available_quantity(cls.fan, warehouse.lot_stock_id, 5)
        cls.keeper_a = new_test_user(
            cls.env, login="centre_keeper_a", groups="sunshine_spares.group_spares_user"
        )
        # an agent of team B who is also on the warehouse staff of centre A
        cls.agent_keeper = new_test_user(
            cls.env,
            login="centre_agent_keeper",
            groups="sunshine_spares.group_spares_user,"
            "sunshine_helpdesk.group_service_agent",
        )
        cls.spares_manager = new_test_user(
            cls.env,
            login="centre_spares_manager",
            groups="sunshine_spares.group_spares_manager",
        )
        cls.wh_a.centre_user_ids = [
            Command.link(cls.keeper_a.id),
            Command.link(cls.agent_keeper.id),
        ]
        cls.team_b.user_ids = [Command.link(cls.agent_keeper.id)]
        cls.ticket_a = cls.new_ticket(cls.team_a, "Fan failure in A")
        cls.ticket_b = cls.new_ticket(cls.team_b, "Fan failure in B")

    @classmethod
    def new_ticket(cls, team, name):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": f"<p>{name}</p>",
                "team_id": team.id,
                "partner_id": cls.customer.id,
                "part_ids": [Command.create({"product_id": cls.fan.id, "quantity": 2})],
            }
        )

    def create_delivered_lot(self, name, days_ago):
        """A serial delivered ``days_ago`` days ago, not yet commissioned."""
        today = fields.Date.context_today(self.env.user)
        return self.create_lot(
            name,
            delivery_date=today - timedelta(days=days_ago),
            commissioning_date=False,
            initial_acceptance_date=False,
            final_acceptance_date=False,
        )

    def receipt(self, warehouse, user=None):
        """A confirmed receipt of 3 fans into ``warehouse``."""
        Picking = self.env["stock.picking"].with_user(user or self.env.user)
        picking = Picking.create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.fan.name,
                            "product_id": self.fan.id,
                            "product_uom_qty": 3,
                            "location_id": self.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        return picking

    def test_keeper_issues_the_parts_of_a_ticket_of_their_centre(self):
        self.ticket_a.with_user(self.keeper_a).action_issue_parts()
        self.assertEqual(self.ticket_a.part_ids.state, "issued")
        self.assertEqual(self.on_hand(self.fan, self.wh_a.lot_stock_id), 3)
        self.assertEqual(
            self.ticket_a.part_ids.move_id.picking_id.picking_type_id,
            self.wh_a.out_type_id,
        )

    def test_another_centre_is_refused_and_its_stock_unchanged(self):
        pickings_before = self.env["stock.picking"].search_count([])
        part_b = self.ticket_b.part_ids
        # the keeper of A does not even see the ticket of B
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.ticket_b.with_user(self.keeper_a).action_issue_parts()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            part_b.with_user(self.keeper_a).quantity = 1
        # the agent of B sees it, and is told whose stock it is
        with self.assertRaises(AccessError) as caught, self.env.cr.savepoint():
            self.ticket_b.with_user(self.agent_keeper).action_issue_parts()
        self.assertIn("Test Centre B", str(caught.exception))
        self.assertEqual(part_b.state, "draft")
        self.assertEqual(self.on_hand(self.fan, self.wh_b.lot_stock_id), 5)
        self.assertEqual(self.env["stock.picking"].search_count([]), pickings_before)

    def test_keeper_moves_stock_of_their_centre_only(self):
        own = self.receipt(self.wh_a, self.keeper_a)
        own.move_ids.quantity = 3
        own.move_ids.picked = True
        own.with_user(self.keeper_a).button_validate()
        self.assertEqual(own.state, "done")
        self.assertEqual(self.on_hand(self.fan, self.wh_a.lot_stock_id), 8)

        foreign = self.receipt(self.wh_b)
        foreign.move_ids.quantity = 3
        foreign.move_ids.picked = True
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            foreign.with_user(self.keeper_a).button_validate()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            foreign.with_user(self.keeper_a).write({"origin": "Not mine"})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.receipt(self.wh_b, self.keeper_a)
        self.assertEqual(foreign.state, "assigned")
        self.assertEqual(self.on_hand(self.fan, self.wh_b.lot_stock_id), 5)
        # they still see the other centres' transfers
        self.assertEqual(foreign.with_user(self.keeper_a).name, foreign.name)

    def test_keeper_adjusts_the_stock_of_their_centre_only(self):
        Quant = self.env["stock.quant"].with_user(self.keeper_a)
        own = Quant.search(
            [
                ("product_id", "=", self.fan.id),
                ("location_id", "=", self.wh_a.lot_stock_id.id),
            ]
        ).with_context(inventory_mode=True)
        own.inventory_quantity = 4
        own.action_apply_inventory()
        self.assertEqual(self.on_hand(self.fan, self.wh_a.lot_stock_id), 4)
        foreign = Quant.search(
            [
                ("product_id", "=", self.fan.id),
                ("location_id", "=", self.wh_b.lot_stock_id.id),
            ]
        ).with_context(inventory_mode=True)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            foreign.inventory_quantity = 1
            foreign.action_apply_inventory()
        self.assertEqual(self.on_hand(self.fan, self.wh_b.lot_stock_id), 5)

    def test_keeper_repairs_in_their_centre_only(self):
        Repair = self.env["repair.order"]
        repair_b = Repair.create(
            {"product_id": self.fan.id, "picking_type_id": self.wh_b.repair_type_id.id}
        )
        with self.assertRaises(AccessError):
            repair_b.with_user(self.keeper_a).action_validate()
        self.assertEqual(repair_b.state, "draft")
        with self.assertRaises(AccessError):
            Repair.with_user(self.keeper_a).create(
                {
                    "product_id": self.fan.id,
                    "picking_type_id": self.wh_b.repair_type_id.id,
                }
            )
        repair_a = Repair.with_user(self.keeper_a).create(
            {"product_id": self.fan.id, "picking_type_id": self.wh_a.repair_type_id.id}
        )
        repair_a.action_validate()
        self.assertEqual(repair_a.state, "confirmed")

    def test_keeper_scraps_in_their_centre_only(self):
        Scrap = self.env["stock.scrap"].with_user(self.keeper_a)
        with self.assertRaises(AccessError):
            Scrap.create(
                {
                    "product_id": self.fan.id,
                    "scrap_qty": 1,
                    "location_id": self.wh_b.lot_stock_id.id,
                }
            )
        scrap = Scrap.create(
            {
                "product_id": self.fan.id,
                "scrap_qty": 1,
                "location_id": self.wh_a.lot_stock_id.id,
            }
        )
        scrap.action_validate()
        self.assertEqual(self.on_hand(self.fan, self.wh_a.lot_stock_id), 4)
        self.assertEqual(self.on_hand(self.fan, self.wh_b.lot_stock_id), 5)

    def test_return_into_own_centre_only(self):
        lot = self.create_delivered_lot("TEST-SN-CENTRE", days_ago=0)
        customers = self.customer.property_stock_customer
        self.env["stock.quant"]._update_available_quantity(
            self.product, customers, 1, lot_id=lot
        )
        action = lot.with_user(self.keeper_a).action_no_reason_return()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.keeper_a)
            .with_context(**action["context"])
        )
        self.assertEqual([w.id for w in form.allowed_warehouse_ids], self.wh_a.ids)
        self.assertEqual(form.warehouse_id, self.wh_a)
        wizard = form.save()
        wizard.warehouse_id = self.wh_b
        with self.assertRaises(AccessError) as caught, self.env.cr.savepoint():
            wizard.action_confirm()
        self.assertIn("Test Centre B", str(caught.exception))
        self.assertEqual(self.on_hand(self.product, customers, lot), 1)
        self.assertEqual(self.on_hand(self.product, self.wh_b.lot_stock_id, lot), 0)
        wizard.warehouse_id = self.wh_a
        wizard.action_confirm()
        self.assertEqual(self.on_hand(self.product, self.wh_a.lot_stock_id, lot), 1)
        self.assertFalse(lot.customer_id)

    def test_agent_keeper_still_requests_parts_on_other_tickets(self):
        form = Form(self.ticket_b.with_user(self.agent_keeper))
        with form.part_ids.new() as line:
            line.product_id = self.fan
            line.quantity = 1
        form.save()
        self.assertEqual(len(self.ticket_b.part_ids), 2)
        self.assertEqual(self.ticket_b.part_ids.warehouse_id, self.wh_b)
        self.ticket_b.part_ids[0].with_user(self.agent_keeper).quantity = 3
        self.assertEqual(self.ticket_b.part_ids[0].quantity, 3)

    def test_spares_manager_acts_in_every_centre(self):
        for ticket in self.ticket_a | self.ticket_b:
            ticket.with_user(self.spares_manager).action_issue_parts()
        self.assertEqual(self.on_hand(self.fan, self.wh_b.lot_stock_id), 3)
        foreign = self.receipt(self.wh_b, self.spares_manager)
        foreign.move_ids.quantity = 3
        foreign.move_ids.picked = True
        foreign.with_user(self.spares_manager).button_validate()
        self.assertEqual(self.on_hand(self.fan, self.wh_b.lot_stock_id), 6)

    def test_keeper_reads_the_tickets_of_their_centre_only(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.keeper_a)
        tickets = Ticket.search([("id", "in", (self.ticket_a | self.ticket_b).ids)])
        self.assertEqual(tickets, self.ticket_a)
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.keeper_a).read(["name"])
        # the form opens, read-only: the keeper is no agent of the ticket
        form = Form(self.ticket_a.with_user(self.keeper_a))
        self.assertEqual(form.part_ids._records[0]["product_id"], self.fan.id)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.ticket_a.with_user(self.keeper_a).name = "Renamed"
        self.assertFalse(
            self.keeper_a.has_group("helpdesk_mgmt.group_helpdesk_user_own")
        )
        # the ticket escalated to an office without stock keeps its centre
        office = self.env["helpdesk.ticket.team"].create(
            {"name": "Test Office", "support_level": "2"}
        )
        self.ticket_a.team_id = office
        self.assertEqual(Ticket.search([("id", "=", self.ticket_a.id)]), self.ticket_a)

    def test_staff_changes_apply_at_once(self):
        keeper_b = new_test_user(
            self.env,
            login="centre_keeper_b",
            groups="sunshine_spares.group_spares_user",
        )
        Ticket = self.env["helpdesk.ticket"].with_user(keeper_b)
        self.assertFalse(Ticket.search([("id", "=", self.ticket_b.id)]))
        self.wh_b.centre_user_ids = [Command.link(keeper_b.id)]
        self.assertEqual(Ticket.search([("id", "=", self.ticket_b.id)]), self.ticket_b)
        keeper_b.centre_warehouse_ids = [Command.clear()]
        self.assertFalse(Ticket.search([("id", "=", self.ticket_b.id)]))
        self.assertFalse(self.wh_b.centre_user_ids)

    def test_delivered_yesterday_from_another_centre_defaults_to_own(self):
        lot = self.create_delivered_lot("TEST-SN-CENTRE-B", days_ago=1)
        self.env["stock.picking"]._sunshine_transfer(
            self.wh_b.in_type_id,
            self.env.ref("stock.stock_location_suppliers"),
            self.wh_b.lot_stock_id,
            [(self.product, lot, 1.0)],
        )
        self.env["stock.picking"]._sunshine_transfer(
            self.wh_b.out_type_id,
            self.wh_b.lot_stock_id,
            self.customer.property_stock_customer,
            [(self.product, lot, 1.0)],
        )
        wizard = (
            self.env["sunshine.lot.return"]
            .with_user(self.keeper_a)
            .create({"lot_id": lot.id})
        )
        self.assertEqual(wizard.warehouse_id, self.wh_a)
        manager_wizard = (
            self.env["sunshine.lot.return"]
            .with_user(self.spares_manager)
            .create({"lot_id": lot.id})
        )
        self.assertEqual(manager_wizard.warehouse_id, self.wh_b)
