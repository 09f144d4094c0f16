from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestSparePartList(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wh_north, cls.team_north = cls.create_centre("Test North", "TNOR")
        cls.wh_south, cls.team_south = cls.create_centre("Test South", "TSOU")
        cls.wh_plain = cls.env["stock.warehouse"].create(
            {"name": "Test Plain", "code": "TPLN"}
        )
        cls.card = cls.create_part("Test Line Card", tracking="serial")
        cls.fan = cls.create_part("Test Fan")
        cls.other_equipment = cls.env["product.product"].create(
            {"name": "Test Router", "is_storable": True, "tracking": "serial"}
        )
        form = Form(cls.env["sunshine.spare.part.list"])
        form.product_id = cls.product
        with form.line_ids.new() as line:
            line.product_id = cls.card
            line.min_qty = 1
            line.recommended_qty = 2
        with form.line_ids.new() as line:
            line.product_id = cls.fan
            line.wear_part = True
            line.min_qty = 2
            line.recommended_qty = 5
        cls.part_list = form.save()

    def orderpoint(self, warehouse, product):
        return self.env["stock.warehouse.orderpoint"].search(
            [("warehouse_id", "=", warehouse.id), ("product_id", "=", product.id)]
        )

    def test_reordering_rules_follow_the_list_in_every_centre(self):
        self.part_list.action_update_reordering_rules()
        for warehouse in self.wh_north | self.wh_south:
            fan_rule = self.orderpoint(warehouse, self.fan)
            self.assertEqual(len(fan_rule), 1)
            self.assertEqual(fan_rule.location_id, warehouse.lot_stock_id)
            self.assertEqual(
                (fan_rule.product_min_qty, fan_rule.product_max_qty), (2, 5)
            )
            self.assertEqual(self.orderpoint(warehouse, self.card).product_min_qty, 1)
        # a warehouse that stocks no maintenance centre gets none
        self.assertFalse(self.orderpoint(self.wh_plain, self.fan))
        self.assertEqual(self.part_list.name, self.product.display_name)

    def test_update_changes_the_rules_without_duplicates(self):
        self.part_list.action_update_reordering_rules()
        self.part_list.line_ids.filtered(
            lambda line: line.product_id == self.fan
        ).write({"min_qty": 3, "recommended_qty": 8})
        self.part_list.action_update_reordering_rules()
        fan_rule = self.orderpoint(self.wh_north, self.fan)
        self.assertEqual(len(fan_rule), 1)
        self.assertEqual((fan_rule.product_min_qty, fan_rule.product_max_qty), (3, 8))

    def test_part_of_two_models_is_stocked_for_both(self):
        self.env["sunshine.spare.part.list"].create(
            {
                "product_id": self.other_equipment.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {"product_id": self.fan.id, "min_qty": 1, "recommended_qty": 1},
                    )
                ],
            }
        )
        self.part_list.action_update_reordering_rules()
        fan_rule = self.orderpoint(self.wh_south, self.fan)
        self.assertEqual((fan_rule.product_min_qty, fan_rule.product_max_qty), (3, 6))

    def test_recommended_below_minimum_is_refused(self):
        line = self.part_list.line_ids[0]
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            line.write({"min_qty": 5, "recommended_qty": 2})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            line.write({"min_qty": -1})
        self.assertEqual((line.min_qty, line.recommended_qty), (1, 2))

    def test_rights_on_the_lists(self):
        warehouse_user = new_test_user(
            self.env, login="list_warehouse", groups="sunshine_spares.group_spares_user"
        )
        agent = new_test_user(
            self.env, login="list_agent", groups="sunshine_helpdesk.group_service_agent"
        )
        manager = new_test_user(
            self.env,
            login="list_manager",
            groups="sunshine_spares.group_spares_manager",
        )
        for user in warehouse_user | agent:
            self.assertEqual(
                self.part_list.with_user(user).line_ids.mapped("min_qty"), [1, 2]
            )
            with self.assertRaises(AccessError):
                self.part_list.line_ids[0].with_user(user).min_qty = 4
        self.part_list.with_user(manager).line_ids[0].min_qty = 2
        self.part_list.with_user(manager).action_update_reordering_rules()
        self.assertEqual(self.orderpoint(self.wh_north, self.card).product_min_qty, 2)

    def test_demo_centres_are_warehouses(self):
        centres = [
            "changsha",
            "guangzhou",
            "chengdu",
            "wuhan",
            "nanjing",
            "hangzhou",
            "xian",
            "shenyang",
            "jinan",
            "zhengzhou",
        ]
        warehouses = self.env["stock.warehouse"]
        for centre in centres:
            team = self.env.ref(f"sunshine_helpdesk.team_centre_{centre}")
            self.assertTrue(team.warehouse_id, centre)
            self.assertLessEqual(len(team.warehouse_id.code), 5)
            warehouses |= team.warehouse_id
        self.assertEqual(len(warehouses), 10)

    def test_a_companys_lists_set_the_rules_of_its_own_centres(self):
        other_company = self.env["res.company"].create({"name": "Test Other Co."})
        Warehouse = self.env["stock.warehouse"].with_company(other_company)
        wh_other = Warehouse.create(
            {
                "name": "Test Other Centre",
                "code": "TOCC",
                "company_id": other_company.id,
            }
        )
        self.env["helpdesk.ticket.team"].create(
            {
                "name": "Test Other Centre",
                "support_level": "1",
                "company_id": other_company.id,
                "warehouse_id": wh_other.id,
            }
        )
        self.env["sunshine.spare.part.list"].create(
            {
                "product_id": self.other_equipment.id,
                "company_id": other_company.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {"product_id": self.fan.id, "min_qty": 4, "recommended_qty": 6},
                    )
                ],
            }
        )
        self.part_list.action_update_reordering_rules()
        north = self.orderpoint(self.wh_north, self.fan)
        other = self.orderpoint(wh_other, self.fan)
        self.assertEqual((north.product_min_qty, north.product_max_qty), (2, 5))
        self.assertEqual((other.product_min_qty, other.product_max_qty), (4, 6))
