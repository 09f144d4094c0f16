from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

# Looked for by static/src/js/tours/sunshine_spares_tour.js; keep both in step.
TICKET_NAME = "Tour: fan failure at the substation"
PART_NAME = "Tour Cooling Fan"
QUANTITY = 2


@tagged("post_install", "-at_install")
class TestTour(HttpCase):
    def test_warehouse_user_issues_a_part_on_a_ticket(self):
        """A warehouse user of the Changsha centre, and nothing else, opens a
        ticket of the centre, sees its requested part and issues it: the
        part leaves the centre's stock."""
        changsha = self.env.ref("sunshine_helpdesk.team_centre_changsha")
        warehouse = changsha.warehouse_id
        self.assertTrue(warehouse, "the Changsha centre has its demo warehouse")
        stock = warehouse.lot_stock_id
        self.assertFalse(
            self.env["helpdesk.ticket"].search_count([("name", "=", TICKET_NAME)]),
            "the tour needs a ticket title of its own",
        )
        part = self.env["product.product"].create(
            {"name": PART_NAME, "type": "consu", "is_storable": True}
        )
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(part, stock, 5)
        quants = Quant.search(
            [("product_id", "=", part.id), ("location_id", "=", stock.id)]
        )
        self.assertEqual(sum(quants.mapped("quantity")), 5)
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": TICKET_NAME,
                "description": "<p>The cabinet fan stopped.</p>",
                "team_id": changsha.id,
                "partner_id": self.env.ref(
                    "sunshine_helpdesk.partner_hunan_power_contact"
                ).id,
                "part_ids": [
                    Command.create({"product_id": part.id, "quantity": QUANTITY})
                ],
            }
        )
        line = ticket.part_ids
        self.assertRecordValues(
            line, [{"state": "draft", "warehouse_id": warehouse.id}]
        )
        storekeeper = new_test_user(
            self.env,
            login="tour_storekeeper",
            password="tour_storekeeper",
            groups="sunshine_spares.group_spares_user",
        )
        # on the centre's warehouse staff, not an agent of its team
        warehouse.centre_user_ids = [Command.link(storekeeper.id)]

        self.start_tour("/odoo", "sunshine_spares_issue_tour", login=storekeeper.login)

        self.env.invalidate_all()
        self.assertEqual(line.state, "issued")
        quants = Quant.search(
            [("product_id", "=", part.id), ("location_id", "=", stock.id)]
        )
        self.assertEqual(sum(quants.mapped("quantity")), 5 - QUANTITY)
        move = self.env["stock.move"].search(
            [
                ("product_id", "=", part.id),
                ("location_id", "=", stock.id),
                ("state", "=", "done"),
            ]
        )
        self.assertEqual(len(move), 1)
        self.assertEqual(line.move_id, move)
        self.assertEqual(move.quantity, QUANTITY)
        self.assertEqual(move.picking_id.picking_type_id, warehouse.out_type_id)
