import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

TICKETS = 6


@tagged("post_install", "-at_install")
class TestCronConcurrency(BaseCase):
    """Two cron workers run the scheduled action at the same moment, each in
    its own transaction, on committed data. The tickets are removed after."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            # What is due already (the demo tickets' timers, half an hour
            # after the install) is handled first, as the previous scheduled
            # run would have: the workers below find only this test's timers.
            env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
            env["sunshine.sla.timer"]._cron_process_due_timers()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            team = env.ref("sunshine_helpdesk.team_centre_changsha")
            reported = fields.Datetime.now() - timedelta(hours=2)
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Concurrency {index}",
                        "description": "<p>two workers</p>",
                        "team_id": team.id,
                        "reported_date": reported,
                        "severity": "critical",
                    }
                    for index in range(TICKETS)
                ]
            )
            self.ticket_ids = tickets.ids
        self.addCleanup(self.remove_tickets)

    def remove_tickets(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["helpdesk.ticket"].browse(self.ticket_ids).unlink()

    def test_two_workers_neither_notify_twice_nor_deadlock(self):
        barrier = threading.Barrier(2, timeout=60)

        def worker():
            with self.registry.cursor() as cr:
                env = api.Environment(
                    cr, SUPERUSER_ID, {"mail_notify_force_send": False}
                )
                barrier.wait()
                return env["sunshine.sla.timer"]._cron_process_due_timers(batch_size=4)

        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(worker) for _index in range(2)]
            # result() re-raises a worker's error; a deadlock ends in a timeout
            results = [future.result(timeout=120) for future in futures]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"mail_notify_force_send": False})
            # the next scheduled run takes what the two left, if anything
            results.append(env["sunshine.sla.timer"]._cron_process_due_timers())
            self.assertEqual(sum(results), TICKETS, "each due timer handled once")
            breach = env.ref("sunshine_helpdesk.mt_sla_breach")
            tickets = env["helpdesk.ticket"].browse(self.ticket_ids)
            self.assertEqual(set(tickets.mapped("response_sla_state")), {"breached"})
            for ticket in tickets:
                messages = ticket.message_ids.filtered(lambda m: m.subtype_id == breach)
                self.assertEqual(len(messages), 1, ticket.name)
                self.assertEqual(len(ticket.escalation_ids), 1, ticket.name)
