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

import argparse
import os
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("SUNSHINE_CACHE", Path.home() / ".cache/sunshine"))
ODOO_SRC = Path(os.environ.get("ODOO_SRC", CACHE / "odoo-18.0"))
CONF = ROOT / ".local" / "odoo.conf"
TODAY = date(2026, 11, 16)

sys.path.insert(0, str(ODOO_SRC))


def insert_units(env, count):
    """``count`` units commissioned at one customer, in one statement."""
    cr = env.cr
    partner = env["res.partner"].create({"name": "Bench customer", "is_company": True})
    product = env["product.product"].create(
        {"name": "Bench unit", "is_storable": True, "tracking": "serial"}
    )
    cr.execute(
        """
        INSERT INTO stock_lot (name, product_id, company_id, customer_id,
                               commissioning_date,
                               create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH-' || n, %(product)s, %(company)s, %(partner)s,
               DATE '2025-06-01', 1, now(), 1, now()
        FROM generate_series(1, %(count)s) n
        """,
        {
            "product": product.id,
            "company": env.company.id,
            "partner": partner.id,
            "count": count,
        },
    )
    cr.execute("ANALYZE stock_lot")


def measure(registry, count):
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Inspection = env["sunshine.inspection"]
        Line = env["sunshine.inspection.line"]
        before = Inspection.search_count([])
        lines_before = Line.search_count([])
        insert_units(env, count)
        env.invalidate_all()
        tracemalloc.start()
        start = time.perf_counter()
        created = Inspection._plan_inspections(today=TODAY)
        elapsed = time.perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        again = time.perf_counter()
        second = Inspection._plan_inspections(today=TODAY)
        second_elapsed = time.perf_counter() - again
        total = Inspection.search_count([]) - before
        lines = Line.search_count([]) - lines_before
        cr.rollback()
    return {
        "units": count,
        "created": created,
        "inspections": total,
        "lines": lines,
        "seconds": elapsed,
        "peak_kib": peak / 1024.0,
        "second_run_created": second,
        "second_run_seconds": second_elapsed,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", default=os.environ.get("SUNSHINE_TEST_DB", "sunshine_test")
    )
    parser.add_argument("--small", action="store_true", help="2 000 and 20 000 units")
    parser.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"))
    args = parser.parse_args()
    sizes = args.sizes or ((2000, 20000) if args.small else (20000, 200000))

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", str(CONF), "-d", args.database])
    odoo.tools.config["log_level"] = "warn"
    odoo.netsvc.init_logger()
    registry = Registry(args.database)
    results = [measure(registry, size) for size in sizes]
    print(
        f"{'units':>8} {'planned':>8} {'lines':>9} {'seconds':>9} {'peak KiB':>9} "
        f"{'2nd run':>8} {'2nd s':>7}"
    )
    for row in results:
        print(
            f"{row['units']:>8} {row['inspections']:>8} {row['lines']:>9} "
            f"{row['seconds']:>9.2f} {row['peak_kib']:>9.0f} "
            f"{row['second_run_created']:>8} {row['second_run_seconds']:>7.2f}"
        )
    small, large = results
    print(
        f"ratio x{large['units'] / small['units']:.0f} units: "
        f"time x{large['seconds'] / small['seconds']:.2f}, "
        f"peak memory x{large['peak_kib'] / small['peak_kib']:.2f}"
    )


if __name__ == "__main__":
    main()
