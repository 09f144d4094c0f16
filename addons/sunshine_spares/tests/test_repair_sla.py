from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestRepairSla(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clock = cls.env.ref("sunshine_spares.sla_clock_repair_turnaround")
        cls.env["sunshine.sla.policy"].search(
            [("clock_id", "=", cls.clock.id)]
        ).active = False
        cls.policy = cls.env["sunshine.sla.policy"].create(
            {
                "name": "Test repaired within 72 hours",
                "model_id": cls.env["ir.model"]._get("repair.order").id,
                "clock_id": cls.clock.id,
                "duration_minutes": 72 * 60,
                "calendar_id": cls.env.ref(
                    "sunshine_helpdesk.resource_calendar_7x24"
                ).id,
                "warning_percent": 80,
                "breach_notify": True,
            }
        )
        cls.lot = cls.create_lot()

    def new_repair(self):
        return self.repair_of(self.lot)

    def scan(self):
        self.env["sunshine.sla.timer"]._cron_process_due_timers()

    def test_confirmed_repair_runs_72_hours_then_warns_and_breaches(self):
        with freeze_time("2025-03-03 08:00:00"):
            repair = self.new_repair()
            self.assertFalse(repair.sla_timer_ids, "no clock before confirmation")
            repair.action_validate()
            timer = repair.sla_timer_ids
            self.assertEqual(timer.clock_id, self.clock)
            self.assertEqual(timer.deadline, datetime(2025, 3, 6, 8, 0))
            self.assertEqual(repair.sla_status, "on_track")
        with freeze_time("2025-03-05 20:00:00"):  # past 80 % of 72 hours
            self.scan()
            self.assertEqual(repair.sla_status, "at_risk")
        with freeze_time("2025-03-06 09:00:00"):
            self.scan()
            self.assertEqual(timer.state, "breached")
            self.assertEqual(repair.sla_status, "breached")
            self.assertIn("SLA breached", repair.message_ids[0].body)
            # a second scan changes nothing
            messages = repair.message_ids
            self.scan()
            self.assertEqual(repair.message_ids, messages)

    def test_repaired_in_time_is_met(self):
        with freeze_time("2025-03-03 08:00:00"):
            repair = self.new_repair()
            repair.action_validate()
        with freeze_time("2025-03-04 10:00:00"):
            repair.action_repair_start()
            repair.action_repair_end()
            self.assertEqual(repair.state, "done")
            self.assertEqual(repair.sla_timer_ids.state, "met")
            self.assertEqual(repair.sla_status, "met")
        with freeze_time("2025-03-07 08:00:00"):
            self.scan()
            self.assertEqual(repair.sla_timer_ids.state, "met")

    def test_cancelled_repair_does_not_breach(self):
        with freeze_time("2025-03-03 08:00:00"):
            repair = self.new_repair()
            repair.action_validate()
            repair.action_repair_cancel()
            self.assertEqual(repair.sla_timer_ids.state, "paused")
        with freeze_time("2025-03-07 08:00:00"):
            self.scan()
            self.assertEqual(repair.sla_timer_ids.state, "paused")
