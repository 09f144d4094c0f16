from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestCronWarrantyEnding(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # warranty ends on 2026-02-28
        cls.ending = cls.create_lot("TEST-SN-ENDING")
        cls.later = cls.create_lot(
            "TEST-SN-LATER", final_acceptance_date=date(2025, 5, 1)
        )
        cls.unassigned = cls.create_lot(
            "TEST-SN-NOREP", regional_representative_id=False
        )
        cls.ended = cls.create_lot(
            "TEST-SN-ENDED",
            commissioning_date=False,
            initial_acceptance_date=False,
            final_acceptance_date=date(2025, 1, 20),
        )
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def activities(self, lots):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "stock.lot"),
                ("res_id", "in", lots.ids),
                ("activity_type_id", "=", self.todo.id),
            ]
        )

    def run_cron(self):
        return self.env["stock.lot"]._cron_warranty_ending()

    def test_reminds_once_within_30_days(self):
        lots = self.ending | self.later | self.unassigned | self.ended
        with freeze_time("2026-01-28 02:00"):
            self.assertEqual(self.run_cron(), self.env["stock.lot"], "31 days left")
        self.assertFalse(self.activities(lots))
        with freeze_time("2026-01-29 02:00"):
            self.assertEqual(self.run_cron(), self.ending)
        activity = self.activities(lots)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.res_id, self.ending.id)
        self.assertEqual(activity.user_id, self.representative)
        self.assertEqual(activity.date_deadline, date(2026, 2, 28))
        self.assertIn("TEST-SN-ENDING", str(activity.note))
        self.assertEqual(self.ending.warranty_reminder_date, date(2026, 1, 29))

        with freeze_time("2026-01-30 02:00"):
            self.assertFalse(self.run_cron(), "the second run changes nothing")
        self.assertEqual(self.activities(lots), activity)
        activity.action_feedback(feedback="Called the customer")
        with freeze_time("2026-02-10 02:00"):
            self.assertFalse(self.run_cron(), "not again once done")
        self.assertFalse(self.activities(lots))

    def test_reminds_again_when_the_end_date_moves(self):
        with freeze_time("2026-02-01 02:00"):
            self.run_cron()
            self.assertEqual(len(self.activities(self.ending)), 1)
            # accepted later than recorded: a new end date, a new reminder
            self.ending.final_acceptance_date = date(2025, 3, 2)
            self.assertEqual(self.run_cron(), self.ending)
            self.assertFalse(self.run_cron())
        self.assertEqual(len(self.activities(self.ending)), 2)

    def test_dates_written_again_unchanged_do_not_remind_again(self):
        with freeze_time("2026-02-01 02:00"):
            self.run_cron()
            self.ending.write(
                {
                    "final_acceptance_date": self.ending.final_acceptance_date,
                    "delivery_date": self.ending.delivery_date,
                }
            )
            self.ending.warranty_term_id.duration_months = (
                self.ending.warranty_term_id.duration_months
            )
            self.assertFalse(self.run_cron())
        self.assertEqual(len(self.activities(self.ending)), 1)

    def test_cron_is_a_scheduled_action(self):
        cron = self.env.ref("sunshine_spares.ir_cron_warranty_ending")
        self.assertTrue(cron.active)
        self.assertEqual(cron.model_id.model, "stock.lot")
        with freeze_time("2026-02-01 02:00"):
            cron.method_direct_trigger()
        self.assertEqual(len(self.activities(self.ending)), 1)

    def test_today_is_the_companys(self):
        """17:00 UTC on 28 January is already the 29th in Shanghai: 30 days
        before the end, whatever the time zone of the server or the user."""
        self.env.company.partner_id.tz = "Asia/Shanghai"
        Lot = self.env["stock.lot"].with_context(tz="America/New_York")
        with freeze_time("2026-01-28 17:00"):
            self.assertEqual(Lot._cron_warranty_ending(), self.ending)
        self.assertEqual(self.ending.warranty_reminder_date, date(2026, 1, 29))
        self.ending._sunshine_as_action().write(
            {"warranty_reminder_date": False, "warranty_reminded_end_date": False}
        )
        self.env.company.partner_id.tz = "America/New_York"
        with freeze_time("2026-01-29 03:00"):
            self.assertFalse(Lot._cron_warranty_ending(), "the 28th in New York")

    def test_reminders_go_in_batches_that_report_their_progress(self):
        lots = self.ending
        for index in range(4):
            lots |= self.create_lot(f"TEST-SN-BATCH-{index}")
        cron = self.env.ref("sunshine_spares.ir_cron_warranty_ending")
        Lot = self.env["stock.lot"]
        reminded = Lot
        with freeze_time("2026-02-01 02:00"):
            for expected_done, expected_remaining in ((2, 3), (2, 1), (1, 0)):
                cron_with_progress, progress = cron._add_progress()
                batch = Lot.with_context(
                    ir_cron_progress_id=cron_with_progress.env.context[
                        "ir_cron_progress_id"
                    ]
                )._cron_warranty_ending(batch_size=2)
                self.assertEqual(
                    (progress.done, progress.remaining),
                    (expected_done, expected_remaining),
                )
                self.assertFalse(batch & reminded, "each lot once")
                reminded |= batch
            self.assertFalse(Lot._cron_warranty_ending(), "the run after: nothing")
        self.assertEqual(reminded, lots)
        self.assertEqual(len(self.activities(lots)), 5)

    def test_each_representative_is_told_once_for_all_their_lots(self):
        other = self.create_lot("TEST-SN-ENDING-2")
        with freeze_time("2026-02-01 02:00"):
            self.assertEqual(self.run_cron(), self.ending | other)
        messages = self.env["mail.message"].search(
            [
                ("partner_ids", "in", self.representative.partner_id.ids),
                ("message_type", "=", "user_notification"),
                ("body", "ilike", "TEST-SN-ENDING"),
            ]
        )
        self.assertEqual(len(messages), 1)
        self.assertIn("TEST-SN-ENDING-2", messages.body)
        self.assertIn("2026-02-28", messages.body)
        self.assertEqual(len(self.activities(self.ending | other)), 2)
