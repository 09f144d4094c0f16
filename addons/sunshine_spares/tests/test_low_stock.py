from odoo.tests import new_test_user, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestLowStockCron(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env, login="low_leader", groups="sunshine_spares.group_spares_user"
        )
        cls.other_leader = new_test_user(
            cls.env, login="low_other", groups="sunshine_spares.group_spares_user"
        )
        cls.warehouse, cls.team = cls.create_centre(
            "Test Low Centre", "TLOW", user_id=cls.leader.id
        )
        cls.other_warehouse, cls.other_team = cls.create_centre(
            "Test Full Centre", "TFUL", user_id=cls.other_leader.id
        )
        cls.fan = cls.create_part("Test Low Fan")
        cls.fuse = cls.create_part("Test Low Fuse")
        cls.env["sunshine.spare.part.list"].create(
            {
                "product_id": cls.product.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {"product_id": cls.fan.id, "min_qty": 2, "recommended_qty": 4},
                    ),
                    (
                        0,
                        0,
                        {"product_id": cls.fuse.id, "min_qty": 1, "recommended_qty": 3},
                    ),
                ],
            }
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.fan, cls.warehouse.lot_stock_id, 1)
        Quant._update_available_quantity(cls.fuse, cls.warehouse.lot_stock_id, 1)
        for part in cls.fan | cls.fuse:
            Quant._update_available_quantity(part, cls.other_warehouse.lot_stock_id, 5)

    def alerts(self, user):
        return self.env["mail.activity"].search(
            [
                ("user_id", "=", user.id),
                ("res_model", "=", "product.template"),
                ("res_id", "in", (self.fan | self.fuse).product_tmpl_id.ids),
            ]
        )

    def test_the_centre_manager_is_told_once(self):
        self.env["sunshine.spare.part.list.line"]._cron_low_stock()
        alerts = self.alerts(self.leader)
        self.assertEqual(alerts.res_id, self.fan.product_tmpl_id.id)
        self.assertEqual(len(alerts), 1)
        self.assertTrue(alerts.summary.startswith("TLOW: "))
        self.assertIn("1.0 Units of Test Low Fan", alerts.note)
        self.assertFalse(self.alerts(self.other_leader), "the full centre is fine")
        # a second run changes nothing
        self.env["sunshine.spare.part.list.line"]._cron_low_stock()
        self.assertEqual(self.alerts(self.leader), alerts)
        # done, and still low: the next run tells again
        alerts.action_done()
        self.env["sunshine.spare.part.list.line"]._cron_low_stock()
        self.assertEqual(len(self.alerts(self.leader)), 1)

    def test_the_scheduled_action_runs_the_scan(self):
        cron = self.env.ref("sunshine_spares.ir_cron_low_spare_stock")
        cron.method_direct_trigger()
        self.assertEqual(len(self.alerts(self.leader)), 1)

    def test_the_warehouse_manager_is_told_before_the_team_leader(self):
        keeper = new_test_user(
            self.env, login="low_keeper", groups="sunshine_spares.group_spares_user"
        )
        self.warehouse.centre_manager_id = keeper
        self.env["sunshine.spare.part.list.line"]._cron_low_stock()
        self.assertEqual(len(self.alerts(keeper)), 1)
        self.assertFalse(self.alerts(self.leader))

    def rule(self, warehouse, part):
        return self.env["stock.warehouse.orderpoint"].search(
            [("warehouse_id", "=", warehouse.id), ("product_id", "=", part.id)]
        )

    def test_the_alert_reads_the_centres_reordering_rule(self):
        """The lists set the rules without a click; a centre that changes
        its rule is alerted by its rule, so the two never disagree."""
        fan_rule = self.rule(self.warehouse, self.fan)
        self.assertEqual((fan_rule.product_min_qty, fan_rule.product_max_qty), (2, 4))
        self.assertEqual(fan_rule.location_id, self.warehouse.lot_stock_id)
        # the low centre makes do with one fan, the full one wants ten
        fan_rule.product_min_qty = 1
        self.rule(self.other_warehouse, self.fan).write(
            {"product_min_qty": 10, "product_max_qty": 12}
        )
        Line = self.env["sunshine.spare.part.list.line"]
        Line._cron_low_stock()
        self.assertFalse(self.alerts(self.leader), "1 on hand, the rule's minimum")
        alert = self.alerts(self.other_leader)
        self.assertEqual(alert.res_id, self.fan.product_tmpl_id.id)
        self.assertIn("below the minimum of 10.0", alert.note)
        # the list changed: every centre's rule follows at once
        line = self.env["sunshine.spare.part.list.line"].search(
            [
                ("product_id", "=", self.fan.id),
                ("list_id.product_id", "=", self.product.id),
            ]
        )
        line.write({"min_qty": 3, "recommended_qty": 6})
        for warehouse in self.warehouse | self.other_warehouse:
            rule = self.rule(warehouse, self.fan)
            self.assertEqual((rule.product_min_qty, rule.product_max_qty), (3, 6))
        # a part no list holds any more keeps no rule
        line.unlink()
        self.assertFalse(self.rule(self.warehouse, self.fan))

    def test_a_new_centre_gets_the_rules_of_the_lists(self):
        warehouse, _team = self.create_centre("Test New Centre", "TNEW")
        rules = self.env["stock.warehouse.orderpoint"].search(
            [("warehouse_id", "=", warehouse.id)]
        )
        self.assertEqual(
            {(rule.product_id, rule.product_min_qty) for rule in rules}
            & {(self.fan, 2), (self.fuse, 1)},
            {(self.fan, 2), (self.fuse, 1)},
        )
        # a warehouse that stocks no centre keeps none
        plain = self.env["stock.warehouse"].create(
            {"name": "Test Plain", "code": "TPLA"}
        )
        self.assertFalse(self.rule(plain, self.fan))

    def test_a_list_deleted_or_archived_takes_its_rules(self):
        part_list = self.env["sunshine.spare.part.list"].search(
            [("product_id", "=", self.product.id)]
        )
        part_list.active = False
        self.assertFalse(self.rule(self.warehouse, self.fuse))
        part_list.active = True
        self.assertEqual(self.rule(self.warehouse, self.fuse).product_min_qty, 1)
        part_list.unlink()
        self.assertFalse(self.rule(self.warehouse, self.fuse))
        self.assertFalse(self.rule(self.other_warehouse, self.fan))
