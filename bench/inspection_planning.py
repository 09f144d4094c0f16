"""Benchmark: the inspection planning stays linear in the installed base.

Plans the on-site inspections of a quarter (one per unit installed at a
customer, with the checklist lines copied in the same statement) over N
units, for two sizes, and prints the time and the peak Python memory of
each, with their ratios: linear planning takes about ten times as long for
ten times the units, in the same memory. A second run plans nothing.

Standalone, run by hand (not in the test suite), on a database with
sunshine_quality installed (``./sunshine test`` makes one). The units are
inserted in SQL and everything is rolled back: the database is unchanged.

    ./sunshine setup
    ~/.cache/sunshine/venv-py3.11/bin/python bench/inspection_planning.py \\
        [--database sunshine_test] [--small] [--sizes 20000 200000]

``--small`` measures 2 000 and 20 000 units (a minute); the default is
20 000 and 200 000.
"""

from planning_bench import TODAY, main

# every unit commissioned at the customer
UNIT_DATES = {"commissioning_date": "DATE '2025-06-01'"}


def plan(env):
    return env["sunshine.inspection"]._plan_inspections(today=TODAY)


if __name__ == "__main__":
    main(
        __doc__,
        plan,
        UNIT_DATES,
        {"sunshine.inspection": "planned", "sunshine.inspection.line": "lines"},
    )
