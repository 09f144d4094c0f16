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
