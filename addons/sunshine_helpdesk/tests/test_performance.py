from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from .common import QueryCountMixin, SunshineHelpdeskCase

# Measured on Odoo 18.0 with helpdesk_mgmt 18.0.1.19.5 (2026-11-25):
# - creating 100 tickets in one call: 2754 queries, about 27 a ticket, nearly
#   all helpdesk_mgmt's and mail's (numbering, followers, creation message);
#   the SLA engine adds 16 for 10 tickets and 18 for 100: a constant.
# - one scheduled-action run breaching 10 response timers: 703 queries, about
#   70 a ticket (breach message, escalation with its tracking, the leader's
#   subscription and notification), the same with 90 or 990 idle timers.
CREATE_100_QUERIES = 2800
SLA_QUERIES_PER_BATCH = 20
CRON_QUERIES_FOR_10_DUE = 720


@tagged("post_install", "-at_install")
class TestPerformance(QueryCountMixin, SunshineHelpdeskCase):
    def ticket_values(self, count):
        return [
            {
                "name": f"Load ticket {index}",
                "description": "<p>load</p>",
                "team_id": self.team_centre.id,
                "user_id": self.agent.id,
                "severity": "major",
            }
            for index in range(count)
        ]

    def test_creating_100_tickets_is_batched(self):
        Ticket = self.env["helpdesk.ticket"]
        Ticket.create(self.ticket_values(1))  # warm the caches (rules, stages...)
        with self.assertQueryCount(CREATE_100_QUERIES):
            tickets = Ticket.create(self.ticket_values(100))
            self.env.flush_all()
        self.assertEqual(len(tickets.sla_timer_ids), 200)
        # The engine's share does not grow with the batch: compare the same
        # creation with and without SLA policies, for 10 and for 100 tickets.
        with_sla_10, _tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(10))
        )
        with_sla_100, _tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(100))
        )
        self.env["sunshine.sla.policy"].search([]).active = False
        without_10, _tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(10))
        )
        without_100, tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(100))
        )
        self.assertFalse(tickets.sla_timer_ids)
        self.assertLessEqual(with_sla_10 - without_10, SLA_QUERIES_PER_BATCH)
        self.assertLessEqual(with_sla_100 - without_100, SLA_QUERIES_PER_BATCH)

    def make_timers(self, not_due, now):
        """10 tickets whose response is due at ``now``, and ``not_due``
        running timers due tomorrow that the scan must not read."""
        with freeze_time(now - timedelta(minutes=31)):
            due_tickets = self.env["helpdesk.ticket"].create(self.ticket_values(10))
        policy = self.policy_resolution
        later = now + timedelta(days=1)
        self.env["sunshine.sla.timer"].create(
            [
                {
                    "res_model": "helpdesk.ticket",
                    "res_id": 10_000_000 + index,
                    "policy_id": policy.id,
                    "start_date": now,
                    "deadline": later,
                    "warn_date": later,
                }
                for index in range(not_due)
            ]
        )
        # the resolution timers of the due tickets are not due either
        return due_tickets

    def cron_queries(self, not_due):
        now = fields.Datetime.now().replace(microsecond=0)
        with self.env.cr.savepoint(flush=False) as savepoint:
            due_tickets = self.make_timers(not_due, now)
            with freeze_time(now):
                count, processed = self.count_queries(self.run_cron)
            self.assertEqual(processed, 10)
            self.assertEqual(
                set(due_tickets.mapped("response_sla_state")), {"breached"}
            )
            savepoint.rollback()
        return count

    def test_scheduled_action_reads_only_due_timers(self):
        # The demo tickets' timers fall due half an hour after the install:
        # only this test's timers are counted.
        self.env["sunshine.sla.timer"].search([]).unlink()
        self.cron_queries(not_due=10)  # warm the caches of the first run
        small = self.cron_queries(not_due=90)
        large = self.cron_queries(not_due=990)
        self.assertEqual(small, large, "the scan does not grow with idle timers")
        self.assertLessEqual(large, CRON_QUERIES_FOR_10_DUE)
        self.env.flush_all()
        Timer = self.env["sunshine.sla.timer"]
        now = fields.Datetime.now()
        for column, index in (
            ("deadline", "sunshine_sla_timer_due_deadline_idx"),
            ("warn_date", "sunshine_sla_timer_due_warning_idx"),
        ):
            # with seqscan off, as on a large table: the partial index serves
            self.env.cr.execute("SET LOCAL enable_seqscan = off")
            self.env.cr.execute(SQL("EXPLAIN %s", Timer._due_query(column, now, 500)))
            plan = "\n".join(row[0] for row in self.env.cr.fetchall())
            self.env.cr.execute("SET LOCAL enable_seqscan = on")
            self.assertIn(index, plan)
