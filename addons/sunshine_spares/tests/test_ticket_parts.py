from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestTicketParts(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse, cls.team = cls.create_centre("Test Centre", "TCEN")
        cls.other_warehouse, cls.other_team = cls.create_centre("Test Other", "TOTH")
        cls.stock = cls.warehouse.lot_stock_id
        cls.card = cls.create_part("Test Line Card", tracking="serial")
        cls.fan = cls.create_part("Test Fan")
        Lot = cls.env["stock.lot"]
        cls.card_lot = Lot.create({"name": "TEST-CARD-1", "product_id": cls.card.id})
        cls.card_other = Lot.create({"name": "TEST-CARD-2", "product_id": cls.card.id})
        cls.card_faulty = Lot.create({"name": "TEST-CARD-F", "product_id": cls.card.id})
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.card, cls.stock, 1, lot_id=cls.card_lot)
        Quant._update_available_quantity(cls.fan, cls.stock, 5)
        Quant._update_available_quantity(
            cls.card, cls.other_warehouse.lot_stock_id, 1, lot_id=cls.card_other
        )
        Quant._update_available_quantity(cls.fan, cls.other_warehouse.lot_stock_id, 4)
        cls.equipment = cls.create_lot()
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Board failure",
                "description": "<p>Board failure</p>",
                "team_id": cls.team.id,
                "partner_id": cls.customer.id,
                "lot_id": cls.equipment.id,
            }
        )
        cls.warehouse_user = new_test_user(
            cls.env,
            login="parts_warehouse",
            groups="sunshine_spares.group_spares_user,"
            "sunshine_helpdesk.group_service_agent",
        )
        cls.agent = new_test_user(
            cls.env,
            login="parts_agent",
            groups="sunshine_helpdesk.group_service_agent",
        )
        cls.team.user_ids = [Command.link(cls.warehouse_user.id)]
        cls.warehouse.centre_user_ids = [Command.link(cls.warehouse_user.id)]
        cls.team.user_ids = [Command.link(cls.agent.id)]

    def add_parts(self, user=None, **fan_values):
        form = Form(self.ticket.with_user(user or self.env.user))
        with form.part_ids.new() as line:
            line.product_id = self.card
            line.lot_id = self.card_lot
            line.return_defective = True
            line.defective_lot_id = self.card_faulty
        with form.part_ids.new() as line:
            line.product_id = self.fan
            for name, value in fan_values.items():
                setattr(line, name, value)
        form.save()
        return self.ticket.part_ids

    def test_issued_parts_leave_the_centre_and_show_on_the_serial(self):
        parts = self.add_parts(quantity=2)
        self.assertEqual(parts.warehouse_id, self.warehouse, "the ticket team's centre")
        self.assertEqual(parts.mapped("state"), ["draft", "draft"])
        self.ticket.with_user(self.warehouse_user).action_issue_parts()
        self.assertEqual(parts.mapped("state"), ["issued", "issued"])
        customers = self.customer.property_stock_customer
        self.assertEqual(self.on_hand(self.fan, self.stock), 3)
        self.assertEqual(self.on_hand(self.card, self.stock, self.card_lot), 0)
        self.assertEqual(self.on_hand(self.card, customers, self.card_lot), 1)
        # the other centre is untouched
        other_stock = self.other_warehouse.lot_stock_id
        self.assertEqual(self.on_hand(self.fan, other_stock), 4)
        self.assertEqual(self.on_hand(self.card, other_stock, self.card_other), 1)
        for part in parts:
            self.assertEqual(part.move_id.state, "done")
            self.assertEqual(part.move_id.location_id, self.stock)
            self.assertEqual(
                part.move_id.picking_id.picking_type_id, self.warehouse.out_type_id
            )
        self.assertEqual(parts[0].move_id.move_line_ids.lot_id, self.card_lot)
        # the defective card went to the centre's defective-parts location
        defective = self.warehouse.defective_location_id
        self.assertEqual(defective.usage, "internal")
        self.assertEqual(self.on_hand(self.card, defective, self.card_faulty), 1)
        self.assertEqual(parts[0].return_move_id.state, "done")
        self.assertFalse(parts[1].return_move_id)
        # the equipment's history and the part serial's traceability
        self.assertEqual(self.equipment.part_ids, parts)
        self.assertEqual(self.equipment.part_count, 2)
        action = self.equipment.action_view_parts()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), parts)
        done_lines = self.env["stock.move.line"].search(
            [("lot_id", "=", self.card_lot.id), ("state", "=", "done")]
        )
        self.assertEqual(done_lines.move_id, parts[0].move_id)

    def test_more_than_on_hand_is_refused_and_stock_unchanged(self):
        parts = self.add_parts(quantity=6)
        pickings_before = self.env["stock.picking"].search_count([])
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            self.ticket.action_issue_parts()
        self.assertIn("Only 5.0 Units of Test Fan are on hand", str(caught.exception))
        self.assertEqual(self.on_hand(self.fan, self.stock), 5)
        self.assertEqual(self.on_hand(self.card, self.stock, self.card_lot), 1)
        self.assertEqual(self.env["stock.picking"].search_count([]), pickings_before)
        self.assertEqual(parts.mapped("state"), ["draft", "draft"])

    def test_serial_of_another_centre_is_refused(self):
        self.ticket.part_ids = [
            Command.create({"product_id": self.card.id, "lot_id": self.card_other.id})
        ]
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.ticket.action_issue_parts()
        other_stock = self.other_warehouse.lot_stock_id
        self.assertEqual(self.on_hand(self.card, other_stock, self.card_other), 1)
        self.assertEqual(self.ticket.part_ids.state, "draft")

    def test_tracked_part_without_serial_is_refused(self):
        self.ticket.part_ids = [Command.create({"product_id": self.card.id})]
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.ticket.action_issue_parts()
        self.assertEqual(self.on_hand(self.card, self.stock, self.card_lot), 1)

    def test_agent_requests_but_does_not_issue(self):
        parts = self.add_parts(user=self.agent)
        self.assertEqual(parts.create_uid, self.agent)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.ticket.with_user(self.agent).action_issue_parts()
        self.assertEqual(self.on_hand(self.fan, self.stock), 5)
        self.assertEqual(parts.mapped("state"), ["draft", "draft"])

    def test_issued_part_is_locked(self):
        parts = self.add_parts()
        self.ticket.action_issue_parts()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            parts[1].quantity = 3
        with self.assertRaises(UserError), self.env.cr.savepoint():
            parts.unlink()
        self.assertEqual(parts[1].quantity, 1)

    def test_only_issuing_marks_a_part_issued(self):
        parts = self.add_parts(user=self.agent)
        Part = self.env["sunshine.ticket.part"].with_user(self.agent)
        with self.assertRaises(AccessError):
            Part.create(
                {
                    "ticket_id": self.ticket.id,
                    "product_id": self.fan.id,
                    "state": "issued",
                }
            )
        with self.assertRaises(AccessError):
            parts[1].with_user(self.agent).state = "issued"
        self.ticket.with_user(self.warehouse_user).action_issue_parts()
        # back to requested, to issue it again: refused
        with self.assertRaises(AccessError):
            parts[1].with_user(self.agent).write({"state": "draft", "move_id": False})
        self.assertEqual(parts.mapped("state"), ["issued", "issued"])
        self.assertEqual(self.on_hand(self.fan, self.stock), 4)

    def test_agents_see_the_parts_of_the_tickets_they_work_on(self):
        parts = self.add_parts(user=self.agent)
        stranger = new_test_user(
            self.env,
            login="parts_stranger",
            groups="sunshine_helpdesk.group_service_agent",
        )
        self.other_team.user_ids = [Command.link(stranger.id)]
        Part = self.env["sunshine.ticket.part"]
        self.assertEqual(
            Part.with_user(self.agent).search([("id", "in", parts.ids)]), parts
        )
        self.assertFalse(Part.with_user(stranger).search([("id", "in", parts.ids)]))
        with self.assertRaises(AccessError):
            parts[1].with_user(stranger).quantity = 3

    def test_parts_kept_on_shelves_are_taken_from_their_shelf(self):
        Location = self.env["stock.location"]
        shelf = Location.create({"name": "Shelf A", "location_id": self.stock.id})
        other_shelf = Location.create({"name": "Shelf B", "location_id": self.stock.id})
        Quant = self.env["stock.quant"]
        # the fans of the centre: 5 on the stock itself (setUp), 3 on shelf A
        # and 2 on shelf B; the card lies on shelf B.
        Quant._update_available_quantity(self.fan, shelf, 3)
        Quant._update_available_quantity(self.fan, other_shelf, 2)
        Quant._update_available_quantity(
            self.card, self.stock, -1, lot_id=self.card_lot
        )
        Quant._update_available_quantity(
            self.card, other_shelf, 1, lot_id=self.card_lot
        )
        self.add_parts(quantity=9)
        self.ticket.with_user(self.warehouse_user).action_issue_parts()
        self.assertEqual(self.on_hand(self.fan, self.stock), 0)
        self.assertEqual(self.on_hand(self.fan, shelf), 0)
        self.assertEqual(self.on_hand(self.fan, other_shelf), 1)
        self.assertEqual(self.on_hand(self.card, other_shelf, self.card_lot), 0)
        self.assertEqual(self.on_hand(self.card, self.stock, self.card_lot), 0)
        negative = Quant.search(
            [("location_id", "child_of", self.stock.id), ("quantity", "<", 0)]
        )
        self.assertFalse(negative, "nothing is taken from where it is not")

    def test_parts_in_a_package_are_reserved_by_odoo(self):
        """The reservation is Odoo's: a serial kept in a package on a shelf
        is taken from its package, as the removal strategy says."""
        shelf = self.env["stock.location"].create(
            {"name": "Shelf P", "location_id": self.stock.id}
        )
        package = self.env["stock.quant.package"].create({"name": "TEST-PACK"})
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(
            self.card, self.stock, -1, lot_id=self.card_lot
        )
        Quant._update_available_quantity(
            self.card, shelf, 1, lot_id=self.card_lot, package_id=package
        )
        self.ticket.part_ids = [
            Command.create({"product_id": self.card.id, "lot_id": self.card_lot.id})
        ]
        self.ticket.with_user(self.warehouse_user).action_issue_parts()
        line = self.ticket.part_ids.move_id.move_line_ids
        self.assertRecordValues(
            line,
            [
                {
                    "lot_id": self.card_lot.id,
                    "location_id": shelf.id,
                    "package_id": package.id,
                    "state": "done",
                }
            ],
        )
        self.assertEqual(self.on_hand(self.card, shelf, self.card_lot), 0)
        self.assertFalse(
            Quant.search(
                [("location_id", "child_of", self.stock.id), ("quantity", "<", 0)]
            )
        )
