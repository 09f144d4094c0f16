"""Benchmark: the callback planning stays linear in the installed base.

Plans the calls of the coverage rules over N units with an initial
acceptance at a customer (the quarterly rule) and N / 10 units commissioned
this month (the monthly rule), for two sizes, and prints the time and the
peak Python memory of each, with their ratios: linear planning takes about
ten times as long for ten times the units, in the same memory.

Standalone, run by hand (not in the test suite), on a database with
sunshine_quality installed (``./sunshine test`` makes one). The units are
inserted in SQL and everything is rolled back: the database is unchanged.

    ./sunshine setup
    ~/.cache/sunshine/venv-py3.11/bin/python bench/callback_planning.py \\
        [--database sunshine_test] [--small] [--sizes 20000 200000]

``--small`` measures 2 000 and 20 000 units (a minute); the default is
20 000 and 200 000.
"""

from planning_bench import TODAY, main

# every unit accepted (the quarterly rule), a tenth commissioned this month
# (the monthly rule)
UNIT_DATES = {
    "initial_acceptance_date": "DATE '2025-06-01'",
    "commissioning_date": "CASE WHEN n %% 10 = 0 THEN DATE '2026-11-02' END",
}


def plan(env):
    return env["sunshine.callback"]._plan_callbacks(today=TODAY)


if __name__ == "__main__":
    main(__doc__, plan, UNIT_DATES, {"sunshine.callback": "calls"})
