from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.sunshine_sla_timer import MAX_ATTEMPTS
from .common import RpcCaseMixin, SunshineHelpdeskCase

TIMER_LOGGER = "odoo.addons.sunshine_helpdesk.models.sunshine_sla_timer"
START = datetime(2026, 3, 2, 10, 0)


@tagged("post_install", "-at_install")
class TestPoisonQueue(RpcCaseMixin, SunshineHelpdeskCase, HttpCase):
    """Records that always fail ahead of healthy ones in the queue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo tickets' timers would fall due during these tests
        cls.env["sunshine.sla.timer"].search([]).unlink()
        # the failing tickets were reported first: their deadlines head the
        # queue, more of them than a batch holds
        cls.failing = cls.env["helpdesk.ticket"]
        cls.healthy = cls.env["helpdesk.ticket"]
        with freeze_time(START):
            for index in range(9):
                ticket = cls.create_ticket(
                    name=f"{'Failing' if index < 6 else 'Healthy'} {index}",
                    reported_date=START + timedelta(seconds=index),
                )
                if index < 6:
                    cls.failing |= ticket
                else:
                    cls.healthy |= ticket
        cls.manager.partner_id.email = "manager@example.com"

    def run_job(self, now, patched=True):
        """One run of the cron job as Odoo runs it: the server action again
        while it reports progress, at most ten times. Returns the timers
        handled and the progress it reported."""
        Ticket = type(self.env["helpdesk.ticket"])
        original = Ticket._sla_breach
        failing = self.failing

        def breach(records, timers, when):
            if failing & records:
                raise ValueError("mail server down")
            return original(records, timers, when)

        progress = []
        Cron = type(self.env["ir.cron"])

        def notify_progress(cron, *, done, remaining, deactivate=False):
            progress.append((done, remaining))

        handled = 0
        with (
            freeze_time(now),
            patch.object(Cron, "_notify_progress", notify_progress),
            patch.object(Ticket, "_sla_breach", breach if patched else original),
        ):
            for _run in range(10):
                calls = len(progress)
                handled += self.env["sunshine.sla.timer"]._cron_process_due_timers(
                    batch_size=4
                )
                if len(progress) == calls or not progress[-1][1]:
                    break
        return handled, progress

    def response_timers(self, tickets):
        return tickets.sla_timer_ids.filtered(lambda t: t.clock_id.code == "response")

    def test_healthy_first_failing_flagged_after_their_retries(self):
        timers = self.response_timers(self.failing)
        now = START + timedelta(minutes=31)
        with self.assertLogs(TIMER_LOGGER, "WARNING") as logs:
            handled, progress = self.run_job(now)
        # the healthy ones behind a batch of failing ones, in the first run
        self.assertEqual(handled, 3)
        self.assertEqual(set(self.healthy.mapped("response_sla_state")), {"breached"})
        # progress only for what was done, never for the failing ones, and
        # more to do only while there was
        self.assertEqual(sum(done for done, _remaining in progress), 3)
        self.assertTrue(all(done for done, _remaining in progress))
        self.assertEqual(progress[-1][1], 0)
        # the failing ones: rolled back, counted, one line each, retried later
        self.assertEqual(set(self.failing.mapped("response_sla_state")), {"running"})
        self.assertEqual(set(timers.mapped("failure_count")), {1})
        self.assertEqual(set(timers.mapped("retry_date")), {now + timedelta(minutes=1)})
        self.assertIn("mail server down", timers[0].failure_message)
        self.assertEqual(len(logs.records), 6)
        # not before their next attempt
        with mute_logger(TIMER_LOGGER):
            self.assertEqual(self.run_job(now + timedelta(seconds=59))[0], 0)
        self.assertEqual(set(timers.mapped("failure_count")), {1})

        # retried after 1, 2, 4, 8 minutes, then flagged
        when = now
        for attempt in range(2, MAX_ATTEMPTS + 1):
            when += timedelta(minutes=2 ** (attempt - 2))
            with self.assertLogs(TIMER_LOGGER, "WARNING") as logs:
                self.assertEqual(self.run_job(when)[0], 0)
            self.assertEqual(len(logs.records), 6, f"attempt {attempt}")
            self.assertEqual(set(timers.mapped("failure_count")), {attempt})
        self.assertEqual(set(timers.mapped("failed")), {True})
        self.assertEqual(logs.records[-1].levelname, "ERROR")
        # the service managers are told, on the policy
        notice = self.policy_response.message_ids[:1]
        self.assertIn("stopped trying", notice.body)
        self.assertIn(self.manager.partner_id, notice.partner_ids)
        # and left alone: no more attempts, no more lines
        with self.assertNoLogs(TIMER_LOGGER, "WARNING"):
            self.assertEqual(self.run_job(when + timedelta(hours=2))[0], 0)
        self.assertEqual(set(timers.mapped("failure_count")), {MAX_ATTEMPTS})

        # once the cause is fixed, a service manager retries them
        with self.assertRaises(AccessError):
            timers.with_user(self.agent).action_retry()
        timers.with_user(self.manager).action_retry()
        self.assertEqual(set(timers.mapped("failed")), {False})
        handled, _progress = self.run_job(when + timedelta(hours=2), patched=False)
        self.assertEqual(handled, 6)
        self.assertEqual(set(self.failing.mapped("response_sla_state")), {"breached"})
        self.assertEqual(set(timers.mapped("failure_count")), {0})

    def test_retry_fields_are_refused_to_clients(self):
        timer = self.response_timers(self.failing[:1])
        with mute_logger(TIMER_LOGGER):
            self.run_job(START + timedelta(minutes=31))
        self.assertEqual(timer.failure_count, 1)
        for user in (self.agent, self.manager):
            for values in (
                {"failure_count": 0},
                {"retry_date": False},
                {"failed": True},
                {"failure_message": "fine"},
                {"state": "met"},
            ):
                self.assertRpcRefused(
                    user, "sunshine.sla.timer", "write", [timer.id], values
                )
        self.assertRpcRefused(
            self.agent, "sunshine.sla.timer", "action_retry", [timer.id]
        )
        timer.invalidate_recordset()
        self.assertEqual(timer.failure_count, 1)
        self.assertTrue(timer.retry_date)
        # the manager's retry is the way
        self.rpc(self.manager, "sunshine.sla.timer", "action_retry", [timer.id])
        timer.invalidate_recordset()
        self.assertEqual(timer.failure_count, 0)
