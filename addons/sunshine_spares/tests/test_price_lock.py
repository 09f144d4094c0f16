from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestPriceLock(SunshineSparesCase):
    """The equipment's spare parts are supplied 10 years from delivery at
    their price of sale: a board of 800 and a fan of 50."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.board = cls.create_part("Test Line Board", list_price=800.0)
        cls.fan = cls.create_part("Test Fan Tray", list_price=50.0)
        cls.cable = cls.create_part("Test Cable", list_price=10.0)
        cls.part_list = cls.env["sunshine.spare.part.list"].create(
            {
                "product_id": cls.product.id,
                "supply_years": 10,
                "line_ids": [
                    Command.create({"product_id": cls.board.id}),
                    Command.create({"product_id": cls.fan.id}),
                ],
            }
        )
        # Delivered on 2025-01-10, in warranty until 2026-02-28.
        cls.lot = cls.create_lot()

    def repair_on(self, day, part, quantity=1.0):
        """A repair of the lot on ``day`` using ``part``, and its quotation."""
        with freeze_time(day):
            repair = self.env["repair.order"].create(
                {
                    "product_id": self.product.id,
                    "lot_id": self.lot.id,
                    "partner_id": self.customer.id,
                    "service_type_id": self.service_patch.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": part.id,
                                "product_uom_qty": quantity,
                                "repair_line_type": "add",
                            }
                        )
                    ],
                }
            )
            repair.action_create_sale_order()
        return repair

    def test_delivery_locks_the_list_prices(self):
        locks = self.lot.part_price_ids
        self.assertEqual(locks.product_id, self.board | self.fan)
        board_lock = locks.filtered(lambda lock: lock.product_id == self.board)
        self.assertEqual(board_lock.price, 800.0)
        self.assertEqual(board_lock.currency_id, self.env.company.currency_id)
        self.assertEqual(board_lock.date_start, date(2025, 1, 10))
        self.assertEqual(board_lock.date_end, date(2035, 1, 9))
        self.assertTrue(board_lock._is_valid_on(date(2035, 1, 9)))
        self.assertFalse(board_lock._is_valid_on(date(2035, 1, 10)))
        self.assertFalse(board_lock._is_valid_on(date(2025, 1, 9)))

    def test_lot_without_delivery_has_no_lock(self):
        lot = self.create_lot(
            "TEST-SN-UNDELIVERED",
            delivery_date=False,
            commissioning_date=False,
            initial_acceptance_date=False,
            final_acceptance_date=False,
        )
        self.assertFalse(lot.part_price_ids)
        self.assertFalse(lot._part_price_lock(self.board, date(2026, 1, 1)))
        self.board.lst_price = 900.0
        lot.delivery_date = date(2026, 1, 5)
        lock = lot._part_price_lock(self.board, date(2026, 1, 5))
        self.assertEqual(lock.price, 900.0)
        self.assertEqual(lock.date_end, date(2036, 1, 4))

    def test_corrected_delivery_moves_the_period_not_the_price(self):
        self.board.lst_price = 1000.0
        self.lot.delivery_date = date(2025, 1, 20)
        lock = self.lot._part_price_lock(self.board, date(2025, 1, 20))
        self.assertEqual(lock.price, 800.0)
        self.assertEqual(lock.date_end, date(2035, 1, 19))
        self.assertEqual(len(self.lot.part_price_ids), 2)

    def test_no_supply_period_locks_nothing(self):
        self.part_list.supply_years = 0
        lot = self.create_lot("TEST-SN-NOLOCK")
        self.assertFalse(lot.part_price_ids)

    def test_locked_price_quoted_after_the_price_rose(self):
        self.board.lst_price = 1000.0
        repair = self.repair_on("2026-06-01 10:00:00", self.board, 2.0)
        self.assertFalse(repair.under_warranty)
        self.assertEqual(repair.move_ids.locked_price, 800.0)
        order = repair.sale_order_id
        self.assertEqual(order.equipment_lot_id, self.lot)
        line = order.order_line.filtered(lambda sol: sol.product_id == self.board)
        self.assertEqual(line.price_unit, 800.0)
        self.assertEqual(line.locked_price, 800.0)
        self.assertEqual(line.locked_price_until, date(2035, 1, 9))
        self.assertEqual(order.amount_untaxed, 1600.0)

    def test_expired_lock_quotes_the_current_price(self):
        self.board.lst_price = 1000.0
        repair = self.repair_on("2035-02-01 10:00:00", self.board)
        self.assertFalse(repair.move_ids.locked_price)
        line = repair.sale_order_id.order_line
        self.assertEqual(line.price_unit, 1000.0)
        self.assertFalse(line.locked_price_until)

    def test_part_outside_the_list_quotes_the_current_price(self):
        repair = self.repair_on("2026-06-01 10:00:00", self.cable)
        self.assertEqual(repair.sale_order_id.order_line.price_unit, 10.0)

    def test_warranty_zero_wins_over_the_lock(self):
        self.board.lst_price = 1000.0
        repair = self.repair_on("2025-06-01 10:00:00", self.board)
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.move_ids.locked_price, 800.0)
        self.assertEqual(repair.sale_order_id.order_line.price_unit, 0.0)
        repair.under_warranty = False
        self.assertEqual(repair.sale_order_id.order_line.price_unit, 800.0)

    def test_quotation_for_the_serial_uses_the_lock(self):
        self.board.lst_price = 1000.0
        with freeze_time("2026-06-01 10:00:00"):
            form = Form(self.env["sale.order"])
            form.partner_id = self.customer
            with form.order_line.new() as line:
                line.product_id = self.board
                self.assertEqual(line.price_unit, 1000.0)
            form.equipment_lot_id = self.lot
            self.assertEqual(form.order_line.edit(0).price_unit, 800.0)
            with form.order_line.new() as line:
                line.product_id = self.fan
                self.assertEqual(line.price_unit, 50.0)
            order = form.save()
        self.assertEqual(order.order_line.mapped("price_unit"), [800.0, 50.0])
        self.assertEqual(order.order_line.mapped("locked_price"), [800.0, 50.0])

    def test_no_pricelist_discount_on_top_of_the_lock(self):
        self.env.user.groups_id = [
            Command.link(self.env.ref("sale.group_discount_per_so_line").id),
            Command.link(self.env.ref("product.group_product_pricelist").id),
        ]
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Test 10% off",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10.0,
                        }
                    )
                ],
            }
        )
        with freeze_time("2026-06-01 10:00:00"):
            form = Form(self.env["sale.order"])
            form.partner_id = self.customer
            form.pricelist_id = pricelist
            form.equipment_lot_id = self.lot
            for part in self.board | self.cable:
                with form.order_line.new() as line:
                    line.product_id = part
            order = form.save()
        board_line, cable_line = order.order_line
        self.assertRecordValues(board_line, [{"price_unit": 800.0, "discount": 0.0}])
        # the cable is not in the list: the pricelist applies
        self.assertRecordValues(cable_line, [{"price_unit": 10.0, "discount": 10.0}])

    def test_another_customers_serial_is_refused(self):
        order = self.env["sale.order"].create({"partner_id": self.other_customer.id})
        with self.assertRaises(ValidationError) as refused:
            order.equipment_lot_id = self.lot
        self.assertIn("Choose one of the customer's serials", str(refused.exception))
        # a contact of the owner quotes for it
        self.env["sale.order"].create(
            {"partner_id": self.contact.id, "equipment_lot_id": self.lot.id}
        )

    def test_bad_values_are_refused(self):
        lock = self.lot.part_price_ids[:1]
        with (
            self.assertRaisesRegex(ValidationError, "zero or more"),
            self.env.cr.savepoint(),
        ):
            lock.price = -1.0
        with (
            self.assertRaisesRegex(ValidationError, "at least one year"),
            self.env.cr.savepoint(),
        ):
            lock.supply_years = 0
        with (
            self.assertRaisesRegex(ValidationError, "cannot be negative"),
            self.env.cr.savepoint(),
        ):
            self.part_list.supply_years = -1

    def test_access(self):
        agent = new_test_user(
            self.env, login="lock_agent", groups="sunshine_helpdesk.group_service_agent"
        )
        warehouse_user = new_test_user(
            self.env, login="lock_warehouse", groups="sunshine_spares.group_spares_user"
        )
        lock = self.lot.part_price_ids[:1]
        self.assertEqual(lock.with_user(agent).price, lock.price)
        for user in (agent, warehouse_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                lock.with_user(user).price = 1.0
        # A warehouse user recording the delivery locks the prices all the same.
        lot = self.create_lot("TEST-SN-WH", delivery_date=False)
        lot.with_user(warehouse_user).delivery_date = date(2025, 1, 10)
        self.assertEqual(lot.part_price_ids.product_id, self.board | self.fan)
        for group in (
            "sunshine_helpdesk.group_service_manager",
            "sunshine_spares.group_spares_manager",
        ):
            manager = new_test_user(
                self.env, login=f"lock_{group.split('.')[1]}", groups=group
            )
            with self.subTest(user=manager.login):
                own = lock.with_user(manager)
                own.price = 780.0
                self.assertEqual(own.price, 780.0)
                cable_lock = own.create(
                    {"lot_id": self.lot.id, "product_id": self.cable.id, "price": 9}
                )
                # a lock is never deleted but by an administrator
                with self.assertRaises(AccessError):
                    cable_lock.unlink()
                self.assertTrue(cable_lock.exists())
                cable_lock.with_user(self.env.ref("base.user_admin")).unlink()
                self.assertFalse(cable_lock.exists())

    def test_salesperson_quotes_the_locked_price(self):
        """A salesperson without stock rights adds the part to a quotation
        for the serial: the lock applies, though they cannot read the lot."""
        salesperson = new_test_user(
            self.env, login="lock_sales", groups="sales_team.group_sale_salesman"
        )
        self.board.lst_price = 1000.0
        with freeze_time("2026-06-01 10:00:00"):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.customer.id,
                    "user_id": salesperson.id,
                    "equipment_lot_id": self.lot.id,
                }
            )
            order = order.with_user(salesperson)
            with self.assertRaises(AccessError):
                order.equipment_lot_id.read(["name"])
            with Form(order) as form, form.order_line.new() as line:
                line.product_id = self.board
        self.assertEqual(order.order_line.price_unit, 800.0)
        self.assertEqual(order.order_line.locked_price, 800.0)
