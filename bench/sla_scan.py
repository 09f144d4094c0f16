"""Benchmark: the SLA scheduled action's scan does not grow with idle timers.

Run in an Odoo shell on a database with sunshine_helpdesk installed (it
works in a transaction that is rolled back, so the database is unchanged):

    ./sunshine setup
    $VENV/bin/python $ODOO_SRC/odoo-bin shell -c .local/odoo.conf \\
        -d sunshine_test --no-http < bench/sla_scan.py

It times the due-timer lookups (``_lock_due`` for deadlines and warnings)
with 10 due timers among 1 000, 10 000 and 100 000 idle ones, best of 20
runs each, with the partial indexes and with index scans switched off, and
prints the ratios to the smallest case: indexed they stay near 1; the
sequential scan grows with the idle timers.
"""

import time
from datetime import timedelta

from odoo import fields

Timer = env["sunshine.sla.timer"]  # noqa: F821 (the shell's env)
cr = env.cr  # noqa: F821
policy = env.ref("sunshine_helpdesk.sla_policy_resolution")  # noqa: F821
now = fields.Datetime.now()


def add_timers(count, first_id, deadline):
    cr.execute(
        """
        INSERT INTO sunshine_sla_timer (res_model, res_id, policy_id, clock_id,
               start_date, deadline, warn_date, state, warned, create_date,
               write_date, create_uid, write_uid)
        SELECT 'helpdesk.ticket', g, %(policy)s, %(clock)s, %(now)s, %(deadline)s,
               %(deadline)s, 'running', false, %(now)s, %(now)s, 1, 1
          FROM generate_series(%(first)s, %(last)s) g
        """,
        {
            "policy": policy.id,
            "clock": policy.clock_id.id,
            "now": now,
            "deadline": deadline,
            "first": first_id,
            "last": first_id + count - 1,
        },
    )


def best_time(runs=20, indexes=True):
    best = None
    for _run in range(runs):
        cr.execute("SAVEPOINT bench_lock")
        if not indexes:  # what the scan would cost without the partial indexes
            cr.execute("SET LOCAL enable_indexscan = off")
            cr.execute("SET LOCAL enable_bitmapscan = off")
        start = time.perf_counter()
        Timer._lock_due("deadline", now, 500)
        Timer._lock_due("warn_date", now, 500)
        elapsed = time.perf_counter() - start
        cr.execute("ROLLBACK TO SAVEPOINT bench_lock")
        best = elapsed if best is None else min(best, elapsed)
    return best


results = {}
try:
    add_timers(10, 50_000_000, now - timedelta(minutes=1))  # the due ones
    idle = 0
    for target in (1_000, 10_000, 100_000):
        add_timers(target - idle, 60_000_000 + idle, now + timedelta(days=2))
        idle = target
        cr.execute("ANALYZE sunshine_sla_timer")
        results[target] = (best_time(), best_time(indexes=False))
finally:
    cr.rollback()

base, base_seq = results[1_000]
for count, (seconds, sequential) in results.items():
    print(
        f"idle timers {count:>7}: indexed {seconds * 1000:7.3f} ms "
        f"(x{seconds / base:5.2f}), without the indexes "
        f"{sequential * 1000:8.3f} ms (x{sequential / base_seq:6.2f})"
    )
