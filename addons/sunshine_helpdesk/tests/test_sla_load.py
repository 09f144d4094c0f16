import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

# the conflicts Odoo's HTTP layer retries a request on
RETRIED = (
    errors.SerializationFailure,
    errors.LockNotAvailable,
    errors.DeadlockDetected,
)


class _Collect(logging.Handler):
    """The log records of the run, with their thread."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@tagged("post_install", "-at_install")
class TestSlaLoad(BaseCase):
    """The scheduled action in several workers and users' actions on the same
    tickets, at the same time, each in its own transaction on committed
    data, as Odoo runs them with several workers. The tickets are removed
    after."""

    TICKETS = 12

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            # what is due already (the demo tickets' timers) is handled
            # first, as the previous scheduled run would have
            env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
            while env["sunshine.sla.timer"]._cron_process_due_timers():
                pass
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            team = env.ref("sunshine_helpdesk.team_centre_changsha")
            now = fields.Datetime.now()
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Load {index}",
                        "description": "<p>engine and users</p>",
                        "team_id": team.id,
                        "user_id": env.ref("sunshine_helpdesk.user_agent_changsha").id,
                        # due now, or in the minutes of the run
                        "reported_date": now - timedelta(minutes=31 - index % 3),
                        "severity": "critical",
                    }
                    for index in range(self.TICKETS)
                ]
            )
            self.ticket_ids = tickets.ids
        self.addCleanup(self.remove_tickets)
        self.logs = _Collect()
        logging.getLogger("odoo").addHandler(self.logs)
        self.addCleanup(logging.getLogger("odoo").removeHandler, self.logs)

    def remove_tickets(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["helpdesk.ticket"].browse(self.ticket_ids).unlink()

    def transaction(self, action, attempts=6):
        """``action(env)`` in its own transaction, retried on a conflict as
        Odoo retries a request. Returns the conflicts met, by kind."""
        conflicts = []
        for attempt in range(attempts):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(
                        cr, SUPERUSER_ID, {"mail_notify_force_send": False}
                    )
                    action(env)
                return conflicts
            except RETRIED as error:
                conflicts.append(type(error).__name__)
                time.sleep(0.05 * (attempt + 1) * random.random())
        raise AssertionError(f"still conflicting after {attempts} attempts")

    def cron_worker(self, barrier, runs):
        threading.current_thread().name = f"sla-cron-{threading.get_ident()}"
        barrier.wait()
        handled = 0
        for _run in range(runs):
            # a worker's run commits what it did; a conflict is its own
            with self.registry.cursor() as cr:
                env = api.Environment(
                    cr, SUPERUSER_ID, {"mail_notify_force_send": False}
                )
                handled += env["sunshine.sla.timer"]._cron_process_due_timers(
                    batch_size=3
                )
            time.sleep(0.05)
        return handled

    def user(self, barrier, seed):
        """A user working through the tickets in an order of their own:
        waiting for the customer and back, answering, taking a ticket."""
        threading.current_thread().name = f"sla-user-{seed}"
        order = list(self.ticket_ids)
        random.Random(seed).shuffle(order)
        barrier.wait()
        conflicts = []

        def stage(ticket_id, xmlid):
            def action(env):
                env["helpdesk.ticket"].browse(ticket_id).stage_id = env.ref(xmlid)

            return action

        def respond(ticket_id):
            def action(env):
                ticket = env["helpdesk.ticket"].browse(ticket_id)
                if not ticket.first_response_date:
                    ticket.action_respond()

            return action

        def assign(ticket_id):
            def action(env):
                ticket = env["helpdesk.ticket"].browse(ticket_id)
                ticket.user_id = env.ref("sunshine_helpdesk.user_engineer_changsha_2")

            return action

        for index, ticket_id in enumerate(order):
            steps = [
                stage(ticket_id, "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"),
                stage(ticket_id, "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
            ]
            if index % 3 == seed % 3:
                steps.append(respond(ticket_id))
            if index % 4 == seed % 4:
                steps.append(assign(ticket_id))
            for step in steps:
                conflicts += self.transaction(step)
        return conflicts

    def test_engine_and_users_together_never_deadlock(self):
        crons, users = 2, 3
        barrier = threading.Barrier(crons + users, timeout=60)
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=crons + users) as pool:
            cron_futures = [
                pool.submit(self.cron_worker, barrier, 6) for _i in range(crons)
            ]
            user_futures = [
                pool.submit(self.user, barrier, seed) for seed in range(users)
            ]
            # result() re-raises a thread's error; a deadlock ends in a timeout
            handled = sum(future.result(timeout=240) for future in cron_futures)
            conflicts = [c for f in user_futures for c in f.result(timeout=240)]
        self.assertLess(time.monotonic() - started, 240)
        self.assertNotIn("DeadlockDetected", conflicts)
        deadlocks = [
            r for r in self.logs.records if "deadlock" in r.getMessage().lower()
        ]
        self.assertFalse(deadlocks, [r.getMessage() for r in deadlocks])
        # the scheduled action logged no error: its conflicts cost the
        # conflicting record a later run, silently
        cron_errors = [
            r
            for r in self.logs.records
            if r.levelno >= logging.ERROR and r.threadName.startswith("sla-cron")
        ]
        self.assertFalse(cron_errors, [r.getMessage()[:300] for r in cron_errors])
        # what the workers left, the next run takes; then everything that
        # was due is handled once
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
            while env["sunshine.sla.timer"]._cron_process_due_timers():
                pass
            breach = env.ref("sunshine_helpdesk.mt_sla_breach")
            for ticket in env["helpdesk.ticket"].browse(self.ticket_ids):
                response = ticket.sla_timer_ids.filtered(
                    lambda t: t.clock_id.code == "response"
                )
                notices = ticket.message_ids.filtered(lambda m: m.subtype_id == breach)
                self.assertLessEqual(len(notices), 1, ticket.name)
                self.assertLessEqual(len(ticket.escalation_ids), 1, ticket.name)
                if response.state == "breached":
                    self.assertEqual(len(notices), 1, ticket.name)
        self.assertGreater(handled, 0)

    def test_two_workers_colliding_log_no_error(self):
        barrier = threading.Barrier(2, timeout=60)
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(self.cron_worker, barrier, 3) for _i in range(2)]
            handled = sum(future.result(timeout=120) for future in futures)
        errors_logged = [r for r in self.logs.records if r.levelno >= logging.ERROR]
        self.assertFalse(errors_logged, [r.getMessage()[:300] for r in errors_logged])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
            while True:
                done = env["sunshine.sla.timer"]._cron_process_due_timers()
                if not done:
                    break
                handled += done
            tickets = env["helpdesk.ticket"].browse(self.ticket_ids)
            due = tickets.sla_timer_ids.filtered(
                lambda t: (
                    t.clock_id.code == "response"
                    and t.deadline <= fields.Datetime.now()
                )
            )
            self.assertEqual(set(due.mapped("state")), {"breached"})
