from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

# Looked for by static/src/js/tours/sunshine_spares_tour.js; keep both in step.
TICKET_NAME = "Tour: fan failure at the substation"
PART_NAME = "Tour Cooling Fan"
QUANTITY = 2
# Looked for by static/src/js/tours/sunshine_spares_repair_charge_tour.js.
REPAIR_FEE_PRODUCT = "Tour Repair Fee"
REPAIR_PART_NAME = "Tour Line Board"


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


@tagged("post_install", "-at_install")
class TestRepairChargeTour(HttpCase):
    def test_repair_after_warranty_is_quoted_with_fee_and_locked_price(self):
        """A repair user opens the repair of a serial out of warranty: it
        shows the fee and the part's locked price, and its quotation
        charges both."""
        service_type = self.env["sunshine.service.type"].create(
            {"name": "Tour Repair", "code": "TOUR_REPAIR"}
        )
        service_type.product_id = self.env["product.product"].create(
            {"name": REPAIR_FEE_PRODUCT, "type": "service"}
        )
        term = self.env["sunshine.warranty.term"].create(
            {
                "name": "Tour 1 year from delivery",
                "duration_months": 12,
                "start_event": "delivery",
                "repaired_part_months": 0,
                "fee_ids": [
                    Command.create({"service_type_id": service_type.id, "price": 900})
                ],
            }
        )
        equipment = self.env["product.product"].create(
            {
                "name": "Tour Terminal",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        board = self.env["product.product"].create(
            {
                "name": REPAIR_PART_NAME,
                "type": "consu",
                "is_storable": True,
                "list_price": 800.0,
            }
        )
        self.env["sunshine.spare.part.list"].create(
            {
                "product_id": equipment.id,
                "supply_years": 10,
                "line_ids": [Command.create({"product_id": board.id})],
            }
        )
        customer = self.env.ref("sunshine_helpdesk.partner_hunan_power")
        lot = self.env["stock.lot"].create(
            {
                "name": "TOUR-SN-0001",
                "product_id": equipment.id,
                "customer_id": customer.id,
                "warranty_term_id": term.id,
                "delivery_date": fields.Date.today() - relativedelta(years=2),
            }
        )
        board.lst_price = 950.0
        repair = self.env["repair.order"].create(
            {
                "product_id": equipment.id,
                "lot_id": lot.id,
                "partner_id": customer.id,
                "service_type_id": service_type.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": board.id,
                            "product_uom_qty": 1.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        self.assertFalse(repair.under_warranty)
        repairer = new_test_user(
            self.env,
            login="tour_repairer",
            password="tour_repairer",
            groups="stock.group_stock_user,sales_team.group_sale_salesman",
        )

        self.start_tour(
            f"/odoo/action-repair.action_repair_order_tree/{repair.id}",
            "sunshine_spares_repair_charge_tour",
            login=repairer.login,
        )

        self.env.invalidate_all()
        lines = repair.sale_order_id.order_line
        self.assertEqual(
            sorted(lines.mapped(lambda line: (line.product_id.name, line.price_unit))),
            [(REPAIR_PART_NAME, 800.0), (REPAIR_FEE_PRODUCT, 900.0)],
        )
