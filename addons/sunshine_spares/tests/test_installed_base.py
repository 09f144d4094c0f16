from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestDeliveriesBuildTheInstalledBase(SunshineSparesCase):
    """Real transfers of serials: the installed base follows them.

    The company works in China: its today is Shanghai's, whatever the
    server's or the user's time zone.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.warehouse, cls.team = cls.create_centre("Test Delivery Centre", "TDLV")
        cls.stock = cls.warehouse.lot_stock_id
        cls.site = cls.env["res.partner"].create(
            {
                "name": "Xingsha Substation",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "street": "1 Xingsha Road",
                "city": "Changsha",
            }
        )
        Lot = cls.env["stock.lot"]
        cls.lots = Lot.create(
            [
                {
                    "name": name,
                    "product_id": cls.product.id,
                    "warranty_term_id": cls.term.id,
                }
                for name in ("TEST-DLV-1", "TEST-DLV-2")
            ]
        )
        for lot in cls.lots:
            cls.env["stock.quant"]._update_available_quantity(
                cls.product, cls.stock, 1, lot_id=lot
            )
        cls.keeper = new_test_user(
            cls.env,
            login="delivery_keeper",
            groups="sunshine_spares.group_spares_user",
            tz="Europe/Paris",
        )
        cls.warehouse.centre_user_ids = [Command.link(cls.keeper.id)]

    def delivery(self, quantity=2):
        """A delivery order of the product to the customer's site, as the
        warehouse user makes it."""
        picking = (
            self.env["stock.picking"]
            .with_user(self.keeper)
            .create(
                {
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "partner_id": self.site.id,
                    "location_id": self.stock.id,
                    "location_dest_id": self.customer.property_stock_customer.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": self.product.name,
                                "product_id": self.product.id,
                                "product_uom_qty": quantity,
                                "location_id": self.stock.id,
                                "location_dest_id": (
                                    self.customer.property_stock_customer.id
                                ),
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def validate(self, picking, lots, backorder=False):
        """Pick ``lots`` only and validate, with or without a backorder."""
        lines = picking.move_line_ids
        for line in lines:
            line.picked = line.lot_id in lots
        (lines - lines.filtered("picked")).unlink()
        picking.move_ids.picked = True
        action = picking.with_user(self.keeper).button_validate()
        if action is not True:
            wizard = Form(
                self.env[action["res_model"]]
                .with_user(self.keeper)
                .with_context(**action["context"])
            ).save()
            if backorder:
                wizard.process()
            else:
                wizard.process_cancel_backorder()
        self.assertEqual(picking.state, "done")
        return picking

    def return_from_customer(self, picking, lot):
        """The customer sends ``lot`` back: a return of the delivery."""
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.keeper)
            .with_context(active_id=picking.id, active_model="stock.picking")
        ).save()
        wizard.product_return_moves.quantity = 1
        returned = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        returned.move_line_ids.lot_id = lot
        returned.move_ids.picked = True
        returned.with_user(self.keeper).button_validate()
        self.assertEqual(returned.state, "done")
        return returned

    def test_a_validated_delivery_sets_customer_site_and_date(self):
        picking = self.delivery()
        self.assertFalse(self.lots.customer_id, "nothing before the validation")
        # 20:00 in Paris and UTC is already the next day in Shanghai
        with freeze_time("2026-03-01 20:00:00"):
            self.validate(picking, self.lots)
        for lot in self.lots:
            self.assertRecordValues(
                lot,
                [
                    {
                        "customer_id": self.customer.id,
                        "delivery_date": date(2026, 3, 2),
                        "commissioning_date": False,
                        "final_acceptance_date": False,
                    }
                ],
            )
            self.assertTrue(lot.site.startswith("Xingsha Substation, 1 Xingsha Road"))
            self.assertIn("Changsha", lot.site)
        self.assertEqual(
            self.env["stock.lot"].search([("customer_id", "=", self.customer.id)]),
            self.lots,
            "the installed base of the customer",
        )

    def test_a_backorder_delivers_each_serial_on_its_own_day(self):
        first, second = self.lots
        picking = self.delivery()
        with freeze_time("2026-03-02 02:00:00"):
            self.validate(picking, first, backorder=True)
        self.assertEqual(first.delivery_date, date(2026, 3, 2))
        self.assertFalse(second.customer_id, "still in the centre's stock")
        backorder = picking.backorder_ids
        self.assertEqual(backorder.move_ids.product_uom_qty, 1)
        with freeze_time("2026-03-05 02:00:00"):
            backorder.action_assign()
            self.validate(backorder, second)
        self.assertEqual(second.customer_id, self.customer)
        self.assertEqual(second.delivery_date, date(2026, 3, 5))
        self.assertEqual(first.delivery_date, date(2026, 3, 2), "unchanged")

    def test_a_partial_return_clears_the_returned_serial_only(self):
        first, second = self.lots
        picking = self.delivery()
        with freeze_time("2026-03-02 02:00:00"):
            self.validate(picking, self.lots)
            first.regional_representative_id = self.representative
        with freeze_time("2026-03-04 02:00:00"):
            self.return_from_customer(picking, first)
        self.assertRecordValues(
            first,
            [
                {
                    "customer_id": False,
                    "site": False,
                    "delivery_date": False,
                    "regional_representative_id": False,
                }
            ],
        )
        self.assertEqual(second.customer_id, self.customer)
        self.assertEqual(second.delivery_date, date(2026, 3, 2))
        # delivered again, to another customer
        again = self.delivery(quantity=1)
        again.partner_id = self.other_customer
        with freeze_time("2026-04-01 02:00:00"):
            self.validate(again, first)
        self.assertEqual(first.customer_id, self.other_customer)
        self.assertEqual(first.delivery_date, date(2026, 4, 1))

    def test_the_no_reason_return_of_a_unit_delivered_three_days_ago(self):
        """Nothing typed: the delivery alone makes the return possible."""
        first = self.lots[0]
        with freeze_time("2026-03-02 02:00:00"):
            self.validate(self.delivery(quantity=1), first)
        with freeze_time("2026-03-05 02:00:00"):
            wizard = (
                self.env["sunshine.lot.return"]
                .with_user(self.keeper)
                .create({"lot_id": first.id})
            )
            self.assertEqual(wizard.warehouse_id, self.warehouse)
            self.assertEqual(wizard.last_return_date, date(2026, 3, 9))
            wizard.action_confirm()
        self.assertFalse(first.customer_id)
        self.assertEqual(self.on_hand(self.product, self.stock, first), 1)

    def test_engineers_record_commissioning_and_acceptance(self):
        first = self.lots[0]
        delivered = self.delivery(quantity=1)
        with freeze_time("2026-03-02 02:00:00"):
            self.validate(delivered, first)
        self.env.cr.precommit.run()
        first.with_user(self.keeper).write(
            {
                "commissioning_date": date(2026, 3, 10),
                "final_acceptance_date": date(2026, 4, 1),
            }
        )
        self.assertEqual(first.warranty_start_date, date(2026, 4, 1))
        self.env.cr.precommit.run()  # the tracking is written at commit
        tracked = first.message_ids.filtered(
            lambda message: (
                "commissioning_date"
                in message.tracking_value_ids.field_id.mapped("name")
            )
        )
        self.assertEqual(tracked.author_id, self.keeper.partner_id, "who")
        self.assertTrue(tracked.date, "when")
        self.assertEqual(
            set(tracked.tracking_value_ids.field_id.mapped("name")),
            {"commissioning_date", "final_acceptance_date"},
        )
        # a later delivery starts a new installation: the old dates go
        with freeze_time("2026-05-02 02:00:00"):
            self.return_from_customer(delivered, first)
        with freeze_time("2026-06-01 02:00:00"):
            self.validate(self.delivery(quantity=1), first)
        self.assertRecordValues(
            first,
            [
                {
                    "delivery_date": date(2026, 6, 1),
                    "commissioning_date": False,
                    "final_acceptance_date": False,
                }
            ],
        )

    def test_parts_issued_into_equipment_join_no_installed_base(self):
        card = self.create_part("Test Delivered Card", tracking="serial")
        card_lot = self.env["stock.lot"].create(
            {"name": "TEST-CARD-DLV", "product_id": card.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            card, self.stock, 1, lot_id=card_lot
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Card failure",
                "description": "<p>Card failure</p>",
                "team_id": self.team.id,
                "partner_id": self.customer.id,
                "part_ids": [
                    Command.create({"product_id": card.id, "lot_id": card_lot.id})
                ],
            }
        )
        ticket.with_user(self.keeper).action_issue_parts()
        self.assertEqual(ticket.part_ids.state, "issued")
        self.assertFalse(card_lot.customer_id)
        self.assertFalse(card_lot.delivery_date)

    def test_an_engineer_records_the_installation(self):
        """The engineer may not change the serial, only record its
        commissioning and acceptance; the chatter says who and when."""
        first = self.lots[0]
        with freeze_time("2026-03-02 02:00:00"):
            self.validate(self.delivery(quantity=1), first)
        engineer = new_test_user(
            self.env,
            login="installation_engineer",
            groups="sunshine_helpdesk.group_service_agent",
        )
        self.env.cr.precommit.run()
        action = first.with_user(engineer).get_formview_action()
        self.assertEqual(action["res_id"], first.id)
        form = Form(
            self.env["sunshine.lot.installation"]
            .with_user(engineer)
            .with_context(default_lot_id=first.id)
        )
        form.commissioning_date = date(2026, 3, 6)
        form.final_acceptance_date = date(2026, 3, 20)
        form.note = "Signed by the substation chief"
        with freeze_time("2026-03-20 08:00:00"):
            form.save().action_confirm()
        self.assertRecordValues(
            first,
            [
                {
                    "commissioning_date": date(2026, 3, 6),
                    "final_acceptance_date": date(2026, 3, 20),
                    "warranty_start_date": date(2026, 3, 20),
                    "customer_id": self.customer.id,
                }
            ],
        )
        self.env.cr.precommit.run()
        recorded = first.message_ids.filtered(
            lambda message: message.author_id == engineer.partner_id
        )
        self.assertTrue(recorded.tracking_value_ids, "the dates, tracked")
        self.assertIn("Signed by the substation chief", str(recorded.mapped("body")))
        with self.assertRaises(AccessError):
            first.with_user(engineer).write({"commissioning_date": date(2026, 3, 7)})
        # the dates still follow the delivery
        form = Form(
            self.env["sunshine.lot.installation"]
            .with_user(engineer)
            .with_context(default_lot_id=first.id)
        )
        form.commissioning_date = date(2026, 2, 1)
        with self.assertRaisesRegex(ValidationError, "before its delivery"):
            form.save().action_confirm()

    def test_a_delivered_unit_is_served_by_its_centre(self):
        """A fault of a unit goes to its maintenance centre: the one recorded
        on the unit, else the centre it was delivered from."""
        first = self.lots[0]
        self.assertFalse(first._sunshine_centre_team(), "never delivered")
        with freeze_time("2026-03-02 10:00:00"):
            self.validate(self.delivery(), self.lots)
        self.assertFalse(first.centre_team_id)
        self.assertEqual(first._sunshine_centre_team(), self.team)
        _warehouse, other = self.create_centre("Test Other Centre", "TOTH")
        first.centre_team_id = other
        self.assertEqual(first._sunshine_centre_team(), other)
