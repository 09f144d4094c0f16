from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestTicketFlow(SunshineSparesCase):
    """A ticket about a unit: what its serial fills in, which parts come
    first, and what stops a resolution or acts on a closed ticket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line = cls.env["product.category"].create({"name": "Test Terminals"})
        cls.product.categ_id = cls.line
        cls.warehouse, cls.team = cls.create_centre("Flow Centre", "TFLW")
        cls.lot = cls.create_lot("TEST-FLOW-1")
        cls.fault = cls.env["sunshine.fault.code"].create(
            {"code": "T-FLW", "name": "Test Flow Fault"}
        )
        cls.board = cls.create_part("Test Flow Board")
        cls.fan = cls.create_part("Test Flow Fan")
        cls.cable = cls.create_part("Test Flow Cable")
        cls.env["sunshine.spare.part.list"].create(
            {
                "product_id": cls.product.id,
                "line_ids": [
                    Command.create({"product_id": cls.fan.id, "sequence": 1}),
                    Command.create({"product_id": cls.board.id, "sequence": 2}),
                ],
            }
        )
        cls.engineer = new_test_user(
            cls.env,
            login="flow_engineer",
            groups="sunshine_helpdesk.group_service_agent,stock.group_stock_user",
        )
        cls.storekeeper = new_test_user(
            cls.env,
            login="flow_storekeeper",
            groups="sunshine_spares.group_spares_user,"
            "sunshine_helpdesk.group_service_agent",
        )
        cls.team.user_ids = [Command.link(cls.engineer.id)]
        cls.warehouse.centre_user_ids = [Command.link(cls.storekeeper.id)]

    def new_ticket(self, **values):
        ticket = self.env["helpdesk.ticket"].create(
            dict(
                {
                    "name": "Board alarm",
                    "description": "<p>Board alarm</p>",
                    "team_id": self.team.id,
                    "lot_id": self.lot.id,
                },
                **values,
            )
        )
        self.assign_uncertified(ticket, self.engineer)
        ticket.action_respond()
        return ticket

    def test_serial_fills_product_line_and_customer(self):
        form = Form(self.env["helpdesk.ticket"])
        form.name = "Board alarm"
        form.lot_id = self.lot
        self.assertEqual(form.product_categ_id, self.line)
        self.assertEqual(form.partner_id, self.customer)
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "By mail", "description": "<p>x</p>", "lot_id": self.lot.id}
        )
        self.assertEqual(ticket.product_categ_id, self.line)
        self.assertEqual(ticket.partner_id, self.customer)

    def test_part_picker_offers_the_models_list_first(self):
        Product = self.env["product.product"]
        offered = [
            product_id
            for product_id, _name in Product.with_context(
                sunshine_part_list_equipment_id=self.product.id
            ).name_search("Test Flow", limit=10)
        ]
        self.assertEqual(offered[:2], [self.fan.id, self.board.id])
        self.assertIn(self.cable.id, offered[2:])
        # a limit is shared between the listed parts and the others
        self.assertEqual(
            len(
                Product.with_context(
                    sunshine_part_list_equipment_id=self.product.id
                ).name_search("Test Flow", limit=1)
            ),
            1,
        )
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        picker = arch.xpath("//field[@name='part_ids']//field[@name='product_id']")
        self.assertIn("sunshine_part_list_equipment_id", picker[0].get("context"))

    def test_requested_parts_not_issued_stop_the_resolution(self):
        ticket = self.new_ticket(fault_code_id=self.fault.id)
        ticket.write(
            {
                "resolution_note": "<p>Fan replaced</p>",
                "part_ids": [Command.create({"product_id": self.fan.id})],
            }
        )
        with self.assertRaisesRegex(UserError, "requested parts that were not issued"):
            ticket.with_user(self.engineer).action_resolve()
        with self.assertRaisesRegex(UserError, "Test Flow Fan"):
            ticket.with_user(self.engineer).action_open_resolve_wizard()
        self.assertFalse(ticket.resolution_date)
        ticket.part_ids.unlink()
        ticket.with_user(self.engineer).action_resolve()
        self.assertTrue(ticket.resolution_date)

    def test_resolve_asks_for_the_fault_of_the_unit(self):
        ticket = self.new_ticket()
        action = ticket.with_user(self.engineer).action_open_resolve_wizard()
        Wizard = self.env[action["res_model"]].with_user(self.engineer)
        form = Form(Wizard.with_context(**action["context"]))
        form.resolution_note = "<p>Board reseated</p>"
        with self.assertRaises(AssertionError, msg="the fault is required"):
            form.save()
        form.fault_code_id = self.fault
        form.save().action_confirm()
        self.assertTrue(ticket.resolution_date)
        self.assertEqual(ticket.fault_code_id, self.fault)
        self.assertIn("Board reseated", ticket.resolution_note)
        # by the external API too
        other = self.new_ticket()
        other.resolution_note = "<p>Board reseated</p>"
        with self.assertRaisesRegex(UserError, "Choose the fault"):
            other.with_user(self.engineer).action_resolve()

    def test_closed_ticket_issues_no_part_and_sends_nothing_to_repair(self):
        ticket = self.new_ticket(fault_code_id=self.fault.id)
        ticket.resolution_note = "<p>Board reseated</p>"
        ticket.action_resolve()
        self.assertTrue(ticket.closed)
        ticket.part_ids = [Command.create({"product_id": self.board.id})]
        with self.assertRaisesRegex(UserError, "is closed"):
            ticket.with_user(self.storekeeper).action_issue_parts()
        with self.assertRaisesRegex(UserError, "is closed"):
            ticket.with_user(self.engineer).action_create_repair()
        self.assertEqual(ticket.part_ids.state, "draft")
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        for name in ("action_issue_parts", "action_create_repair"):
            button = arch.xpath(f"//header/button[@name='{name}']")[0]
            self.assertIn("closed", button.get("invisible"), name)
