from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sunshine_helpdesk.tests.common import RpcCaseMixin

from .common import SunshineSparesCase

ACCESS = "odoo.exceptions.AccessError"
USER = "odoo.exceptions.UserError"
VALIDATION = "odoo.exceptions.ValidationError"


class SparesRpcCase(RpcCaseMixin, SunshineSparesCase, HttpCase):
    """The demo centres of Changsha and Guangzhou, a warehouse user on the
    staff of each, an agent of the Changsha team; all called over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.changsha = cls.env.ref("sunshine_spares.stock_warehouse_changsha")
        cls.guangzhou = cls.env.ref("sunshine_spares.stock_warehouse_guangzhou")
        cls.team = cls.env.ref("sunshine_helpdesk.team_centre_changsha")
        cls.keeper_cs = new_test_user(
            cls.env,
            login="rpc_keeper_cs",
            groups="sunshine_spares.group_spares_user",
            lang="en_US",
        )
        cls.keeper_gz = new_test_user(
            cls.env,
            login="rpc_keeper_gz",
            groups="sunshine_spares.group_spares_user",
            lang="en_US",
        )
        cls.agent = new_test_user(
            cls.env,
            login="rpc_agent",
            groups="sunshine_helpdesk.group_service_agent",
            lang="en_US",
        )
        cls.changsha.centre_user_ids = [Command.link(cls.keeper_cs.id)]
        cls.guangzhou.centre_user_ids = [Command.link(cls.keeper_gz.id)]
        cls.team.user_ids = [Command.link(cls.agent.id)]
        cls.fan = cls.create_part("Test RPC Fan")
        Quant = cls.env["stock.quant"]
        for warehouse in cls.changsha | cls.guangzhou:
            Quant._update_available_quantity(cls.fan, warehouse.lot_stock_id, 5)
        cls.customers = cls.customer.property_stock_customer

    def rpc(self, user, model, method, *args, password=None, **kwargs):
        """As the web client calls: the user's language in the context."""
        context = dict(kwargs.pop("context", {}))
        context.setdefault("lang", user.lang)
        return super().rpc(
            user, model, method, *args, password=password, context=context, **kwargs
        )

    def on_hand_fans(self, warehouse):
        return self.on_hand(self.fan, warehouse.lot_stock_id)

    def delivered_lot(self, name, warehouse):
        """A serial delivered to the customer from ``warehouse``."""
        lot = self.env["stock.lot"].create(
            {
                "name": name,
                "product_id": self.product.id,
                "warranty_term_id": self.term.id,
            }
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product, warehouse.lot_stock_id, 1, lot_id=lot
        )
        self.env["stock.picking"]._sunshine_transfer(
            warehouse.out_type_id,
            warehouse.lot_stock_id,
            self.customers,
            [(self.product, lot, 1.0)],
            partner_id=self.customer.id,
        )
        self.assertEqual(lot.customer_id, self.customer)
        return lot


@tagged("post_install", "-at_install")
class TestCentreStockOverRpc(SparesRpcCase):
    """Issue 15 (2): a centre's stock is moved by its own staff only."""

    def picking_values(self, picking_type, source, destination, quantity=2):
        return {
            "picking_type_id": picking_type.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "move_ids": [
                Command.create(
                    {
                        "name": self.fan.name,
                        "product_id": self.fan.id,
                        "product_uom_qty": quantity,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                    }
                )
            ],
        }

    def test_own_operation_type_on_another_centres_stock_is_refused(self):
        values = self.picking_values(
            self.changsha.out_type_id, self.guangzhou.lot_stock_id, self.customers
        )
        pickings_before = self.env["stock.picking"].search_count([])
        message = self.assertRpcRefused(
            self.keeper_cs, "stock.picking", "create", [values]
        )
        self.assertIn(self.guangzhou.name, message)
        self.assertEqual(self.env["stock.picking"].search_count([]), pickings_before)
        # made by someone else, the keeper cannot validate it either
        picking = self.env["stock.picking"].create(values)
        picking.action_confirm()
        picking.move_ids.picked = True
        self.assertRpcRefused(
            self.keeper_cs, "stock.picking", "button_validate", [picking.id]
        )
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.on_hand_fans(self.guangzhou), 5)

    def test_a_move_line_rewritten_to_another_centre_is_refused(self):
        picking_id = self.rpc(
            self.keeper_cs,
            "stock.picking",
            "create",
            self.picking_values(
                self.changsha.out_type_id,
                self.changsha.lot_stock_id,
                self.customers,
            ),
        )
        self.rpc(self.keeper_cs, "stock.picking", "action_confirm", [picking_id])
        picking = self.env["stock.picking"].browse(picking_id)
        line = picking.move_line_ids
        self.assertEqual(line.location_id, self.changsha.lot_stock_id)
        for model, record in (
            ("stock.move.line", line),
            ("stock.move", picking.move_ids),
        ):
            with self.subTest(model=model):
                message = self.assertRpcRefused(
                    self.keeper_cs,
                    model,
                    "write",
                    [record.id],
                    {"location_id": self.guangzhou.lot_stock_id.id},
                )
                self.assertIn(self.guangzhou.name, message)
        self.env.invalidate_all()
        self.assertEqual(line.location_id, self.changsha.lot_stock_id)
        self.assertEqual(picking.move_ids.location_id, self.changsha.lot_stock_id)
        self.assertRpcRefused(
            self.keeper_cs,
            "stock.picking",
            "write",
            [picking_id],
            {"location_id": self.guangzhou.lot_stock_id.id},
        )
        # the allowed path: their own delivery, validated
        self.rpc(
            self.keeper_cs,
            "stock.move",
            "write",
            picking.move_ids.ids,
            {"picked": True},
        )
        self.rpc(self.keeper_cs, "stock.picking", "button_validate", [picking_id])
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.on_hand_fans(self.changsha), 3)
        self.assertEqual(self.on_hand_fans(self.guangzhou), 5)

    def test_an_agent_moves_no_stock_through_a_move_line(self):
        """Odoo lets every internal user write move lines; a done line
        written anew would move the stock it records. Agents and other
        employees without stock rights are refused."""
        lot = self.delivered_lot("TEST-RPC-AGENT", self.changsha)
        line = self.env["stock.move.line"].search(
            [("lot_id", "=", lot.id), ("state", "=", "done")]
        )
        employee = new_test_user(
            self.env, login="rpc_employee", groups="base.group_user", lang="en_US"
        )
        for user in (self.agent, employee):
            with self.subTest(user=user.login):
                message = self.assertRpcRefused(
                    user, "stock.move.line", "write", line.ids, {"quantity": 5}
                )
                self.assertIn("Only the warehouse staff move stock", message)
                self.assertRpcRefused(
                    user,
                    "stock.move.line",
                    "create",
                    {
                        "move_id": line.move_id.id,
                        "product_id": self.product.id,
                        "location_id": self.changsha.lot_stock_id.id,
                        "location_dest_id": self.customers.id,
                        "quantity": 1,
                    },
                )
        self.env.invalidate_all()
        self.assertEqual(line.quantity, 1)
        self.assertEqual(self.on_hand(self.product, self.customers, lot), 1)
        self.assertEqual(self.on_hand(self.product, self.changsha.lot_stock_id, lot), 0)

    def test_a_shelf_is_not_moved_under_another_centre(self):
        Location = self.env["stock.location"]
        shelf_gz = Location.create(
            {"name": "GZ Shelf", "location_id": self.guangzhou.lot_stock_id.id}
        )
        shelf_cs = Location.create(
            {"name": "CS Shelf", "location_id": self.changsha.lot_stock_id.id}
        )
        self.env["stock.quant"]._update_available_quantity(self.fan, shelf_gz, 2)
        # Guangzhou's shelf, with its stock, under Changsha
        self.assertRpcRefused(
            self.keeper_cs,
            "stock.location",
            "write",
            [shelf_gz.id],
            {"location_id": self.changsha.lot_stock_id.id},
        )
        # Changsha's own shelf under Guangzhou
        message = self.assertRpcRefused(
            self.keeper_cs,
            "stock.location",
            "write",
            [shelf_cs.id],
            {"location_id": self.guangzhou.lot_stock_id.id},
        )
        self.assertIn(self.guangzhou.name, message)
        self.env.invalidate_all()
        self.assertEqual(shelf_gz.warehouse_id, self.guangzhou)
        self.assertEqual(shelf_cs.warehouse_id, self.changsha)
        self.assertEqual(self.on_hand(self.fan, shelf_gz), 2)
        # within their centre they arrange their shelves
        bin_cs = Location.create({"name": "CS Bin", "location_id": shelf_cs.id})
        self.rpc(
            self.keeper_cs,
            "stock.location",
            "write",
            [bin_cs.id],
            {"location_id": self.changsha.lot_stock_id.id, "name": "CS Bin 2"},
        )
        self.assertEqual(bin_cs.location_id, self.changsha.lot_stock_id)

    def test_spares_manager_moves_every_centre(self):
        manager = new_test_user(
            self.env,
            login="rpc_spares_manager",
            groups="sunshine_spares.group_spares_manager",
            lang="en_US",
        )
        picking_id = self.rpc(
            manager,
            "stock.picking",
            "create",
            self.picking_values(
                self.guangzhou.int_type_id,
                self.guangzhou.lot_stock_id,
                self.changsha.lot_stock_id,
            ),
        )
        self.rpc(manager, "stock.picking", "action_confirm", [picking_id])
        picking = self.env["stock.picking"].browse(picking_id)
        self.rpc(manager, "stock.move", "write", picking.move_ids.ids, {"picked": True})
        self.rpc(manager, "stock.picking", "button_validate", [picking_id])
        self.assertEqual(self.on_hand_fans(self.changsha), 7)
        self.assertEqual(self.on_hand_fans(self.guangzhou), 3)


@tagged("post_install", "-at_install")
class TestInstalledBaseOverRpc(SparesRpcCase):
    """Issue 15 (4, 6): the installed base is kept by the actions."""

    def test_units_at_customers_are_deleted_by_an_administrator_only(self):
        # recorded by hand, no stock moves: nothing but the history holds it
        lot = self.create_lot("TEST-RPC-DEL")
        change = self.env["sunshine.lot.config.change"].create(
            {"lot_id": lot.id, "name": "Board replaced"}
        )
        lock = self.env["sunshine.lot.part.price"].create(
            {"lot_id": lot.id, "product_id": self.fan.id, "price": 12.0}
        )
        service_manager = new_test_user(
            self.env,
            login="rpc_service_manager",
            groups="sunshine_helpdesk.group_service_manager,"
            "sunshine_spares.group_spares_manager",
            lang="en_US",
        )
        for user in (self.keeper_gz, self.keeper_cs, service_manager):
            with self.subTest(user=user.login):
                message = self.assertRpcRefused(
                    user, "stock.lot", "unlink", [lot.id], error=USER
                )
                self.assertIn("installed base", message)
        for model, record in (
            ("sunshine.lot.config.change", change),
            ("sunshine.lot.part.price", lock),
        ):
            with self.subTest(model=model):
                self.assertRpcRefused(service_manager, model, "unlink", [record.id])
        self.assertTrue(lot.exists() and change.exists() and lock.exists())
        # the administrator: the history is restricted, not cascaded
        admin = self.env.ref("base.user_admin")
        self.assertRpcRefused(
            admin, "stock.lot", "unlink", [lot.id], password="admin", error=VALIDATION
        )
        self.assertTrue(change.exists())
        self.rpc(
            admin, "sunshine.lot.config.change", "unlink", [change.id], password="admin"
        )
        self.rpc(admin, "stock.lot", "unlink", [lot.id], password="admin")
        self.assertFalse(lot.exists())
        self.assertFalse(lock.exists())

    def test_a_chinese_user_is_refused_in_chinese(self):
        lot = self.create_lot("TEST-RPC-ZH")
        self.keeper_gz.lang = "zh_CN"
        message = self.assertRpcRefused(
            self.keeper_gz, "stock.lot", "unlink", [lot.id], error=USER
        )
        self.assertIn("是设备台账中的设备", message)
        self.assertTrue(lot.exists())

    def test_a_unit_in_stock_without_history_is_deleted_by_its_centre(self):
        lot = self.env["stock.lot"].create(
            {"name": "TEST-RPC-SPARE", "product_id": self.product.id}
        )
        self.rpc(self.keeper_cs, "stock.lot", "unlink", [lot.id])
        self.assertFalse(lot.exists())

    def test_stamps_and_the_customer_are_written_by_the_actions(self):
        lot = self.delivered_lot("TEST-RPC-STAMP", self.changsha)
        for field_name, value in (
            ("repaired_warranty_end_date", "2030-01-01"),
            ("warranty_reminder_date", "2030-01-01"),
            ("warranty_reminded_end_date", "2030-01-01"),
        ):
            with self.subTest(field=field_name):
                self.assertRpcRefused(
                    self.keeper_cs, "stock.lot", "write", [lot.id], {field_name: value}
                )
        self.assertRpcRefused(
            self.keeper_cs,
            "stock.lot",
            "create",
            [
                {
                    "name": "TEST-RPC-FORGED",
                    "product_id": self.product.id,
                    "repaired_warranty_end_date": "2030-01-01",
                }
            ],
        )
        # the customer of a Changsha unit, rewritten from Guangzhou
        message = self.assertRpcRefused(
            self.keeper_gz,
            "stock.lot",
            "write",
            [lot.id],
            {"customer_id": self.other_customer.id},
        )
        self.assertIn(self.changsha.name, message)
        self.env.invalidate_all()
        self.assertEqual(lot.customer_id, self.customer)
        self.assertFalse(lot.repaired_warranty_end_date)
        # Changsha corrects its own unit; anybody's staff records the
        # engineers' dates
        self.rpc(self.keeper_cs, "stock.lot", "write", [lot.id], {"site": "Bay 3"})
        self.rpc(
            self.keeper_gz,
            "stock.lot",
            "write",
            [lot.id],
            {"commissioning_date": lot.delivery_date.isoformat()},
        )
        self.assertEqual(lot.site, "Bay 3")
        self.assertEqual(lot.commissioning_date, lot.delivery_date)


@tagged("post_install", "-at_install")
class TestTicketChargeOverRpc(SparesRpcCase):
    """Issue 15 (6): a ticket's charge and replacement are the actions'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot("TEST-RPC-TICKET")
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "RPC fault",
                "description": "<p>RPC fault</p>",
                "team_id": cls.team.id,
                "partner_id": cls.customer.id,
                "lot_id": cls.lot.id,
                "service_type_id": cls.service_onsite.id,
                "reported_date": "2025-06-01 12:00:00",
            }
        )
        cls.assign_uncertified(cls.ticket, cls.agent)
        cls.other_delivery = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.changsha.out_type_id.id,
                "location_id": cls.changsha.lot_stock_id.id,
                "location_dest_id": cls.customers.id,
            }
        )

    def test_charge_and_replacement_refused_to_a_direct_write(self):
        self.assertEqual(self.ticket.service_charge, "free")
        for vals in (
            {"warranty_status": "out_of_warranty"},
            {"service_charge": "charged"},
            {"fee_amount": 99999},
            {"replacement_required": True},
            {"replacement_delivery_id": self.other_delivery.id},
            {"replacement_lot_id": self.lot.id},
        ):
            with self.subTest(vals=vals):
                message = self.assertRpcRefused(
                    self.agent, "helpdesk.ticket", "write", [self.ticket.id], vals
                )
                # the message names the field refused
                label = self.ticket._fields[next(iter(vals))].string
                self.assertIn(label, message)
        self.env.invalidate_all()
        self.assertRecordValues(
            self.ticket,
            [
                {
                    "warranty_status": "in_warranty",
                    "service_charge": "free",
                    "fee_amount": 0.0,
                    "replacement_required": False,
                    "replacement_delivery_id": False,
                }
            ],
        )
        self.assertRpcRefused(
            self.agent,
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": "Forged charge",
                    "description": "<p>x</p>",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "service_charge": "free",
                }
            ],
        )

    def test_the_agent_decides_an_unknown_charge_through_the_action(self):
        ticket_id = self.rpc(
            self.agent,
            "helpdesk.ticket",
            "create",
            {
                "name": "No serial",
                "description": "<p>No serial</p>",
                "team_id": self.team.id,
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
            },
        )
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertFalse(ticket.service_charge)
        self.rpc(self.agent, "helpdesk.ticket", "action_charge_fee", [ticket_id])
        self.assertEqual(ticket.service_charge, "charged")
        self.rpc(self.agent, "helpdesk.ticket", "action_charge_free", [ticket_id])
        self.assertEqual(ticket.service_charge, "free")
        # known, the warranty decides
        message = self.assertRpcRefused(
            self.agent,
            "helpdesk.ticket",
            "action_charge_fee",
            [self.ticket.id],
            error=USER,
        )
        self.assertIn("follows the warranty", message)
        self.assertEqual(self.ticket.service_charge, "free")


@tagged("post_install", "-at_install")
class TestSparesBadInputOverRpc(SparesRpcCase):
    """Issue 15 (13): bad input is answered with a message that helps."""

    def test_a_service_product_is_no_spare_part(self):
        service = self.env["product.product"].create(
            {"name": "Test Consulting Hour", "type": "service"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Service as part",
                "description": "<p>x</p>",
                "team_id": self.team.id,
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
            }
        )
        message = self.assertRpcRefused(
            self.agent,
            "sunshine.ticket.part",
            "create",
            [{"ticket_id": ticket.id, "product_id": service.id}],
            error=VALIDATION,
        )
        self.assertIn("not a stocked product", message)
        self.assertFalse(ticket.part_ids)
        part_list = self.env["sunshine.spare.part.list"].create(
            {"product_id": self.product.id}
        )
        manager = new_test_user(
            self.env,
            login="rpc_list_manager",
            groups="sunshine_spares.group_spares_manager",
            lang="en_US",
        )
        self.assertRpcRefused(
            manager,
            "sunshine.spare.part.list.line",
            "create",
            [{"list_id": part_list.id, "product_id": service.id}],
            error=VALIDATION,
        )
        self.assertFalse(part_list.line_ids)

    def test_another_companys_serial_on_a_ticket_is_refused(self):
        other_company = self.env["res.company"].create({"name": "Test Other Sunshine"})
        foreign = self.env["stock.lot"].create(
            {
                "name": "TEST-RPC-FOREIGN",
                "product_id": self.product.id,
                "company_id": other_company.id,
                "customer_id": self.customer.id,
            }
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Foreign serial",
                "description": "<p>x</p>",
                "team_id": self.team.id,
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
            }
        )
        self.agent.company_ids = [Command.link(other_company.id)]
        both = [self.env.company.id, other_company.id]
        message = self.assertRpcRefused(
            self.agent,
            "helpdesk.ticket",
            "write",
            [ticket.id],
            {"lot_id": foreign.id},
            error=VALIDATION,
            context={"allowed_company_ids": both},
        )
        self.assertIn("Test Other Sunshine", message)
        self.assertFalse(ticket.lot_id)

    def test_actions_on_no_record_or_two_are_answered(self):
        lots = self.create_lot("TEST-RPC-ONE") | self.create_lot("TEST-RPC-TWO")
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Action {index}",
                    "description": "<p>x</p>",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "user_id": self.agent.id,
                }
                for index in range(2)
            ]
        )
        calls = [
            (self.agent, "stock.lot", "action_view_tickets", lots),
            (self.agent, "stock.lot", "action_view_parts", lots),
            (self.keeper_cs, "stock.lot", "action_view_repair_parts", lots),
            (self.keeper_cs, "stock.lot", "action_no_reason_return", lots),
            (self.keeper_cs, "helpdesk.ticket", "action_issue_parts", tickets),
            (self.agent, "helpdesk.ticket", "action_charge_free", tickets),
            (self.keeper_cs, "helpdesk.ticket", "action_create_repair", tickets),
            (self.keeper_cs, "helpdesk.ticket", "action_view_repairs", tickets),
            (self.keeper_cs, "helpdesk.ticket", "action_propose_replacement", tickets),
        ]
        for user, model, method, records in calls:
            for ids in ([], records.ids):
                with self.subTest(method=method, ids=ids):
                    message = self.assertRpcRefused(
                        user, model, method, ids, error=USER
                    )
                    self.assertIn("one", message)
                    self.assertIn(str(len(ids)), message)
        self.assertEqual(set(tickets.mapped("service_charge")), {False})

    def test_the_return_wizard_on_two_records_is_answered(self):
        lot = self.delivered_lot("TEST-RPC-WIZ", self.changsha)
        Wizard = self.env["sunshine.lot.return"].with_user(self.keeper_cs)
        wizards = Wizard.create([{"lot_id": lot.id}, {"lot_id": lot.id}])
        self.assertRpcRefused(
            self.keeper_cs,
            "sunshine.lot.return",
            "action_confirm",
            wizards.ids,
            error=USER,
        )
        self.assertEqual(lot.customer_id, self.customer)
        # one, it takes the unit back
        self.rpc(
            self.keeper_cs, "sunshine.lot.return", "action_confirm", wizards[:1].ids
        )
        self.assertFalse(lot.customer_id)
        self.assertEqual(self.on_hand(self.product, self.changsha.lot_stock_id, lot), 1)
        self.assertFalse(lot.delivery_date)
