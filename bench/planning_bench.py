"""What the planning benchmarks share: units inserted in SQL, one planning
run timed and traced, a second run that must plan nothing, everything
rolled back, and the two sizes printed with their ratios.

``bench/callback_planning.py`` and ``bench/inspection_planning.py`` each
say which units to insert and which planning to run.
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


def insert_units(env, count, dates):
    """``count`` units of one customer, in one statement. ``dates`` maps
    each date column of stock_lot to the SQL expression of its value (``n``
    is the unit's number)."""
    partner = env["res.partner"].create({"name": "Bench customer", "is_company": True})
    product = env["product.product"].create(
        {"name": "Bench unit", "is_storable": True, "tracking": "serial"}
    )
    columns = "".join(f"{column}, " for column in dates)
    values = "".join(f"{value}, " for value in dates.values())
    # the columns and values are the calling scripts' constants, not input
    env.cr.execute(
        f"""
        INSERT INTO stock_lot (name, product_id, company_id, customer_id,
                               {columns}
                               create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH-' || n, %(product)s, %(company)s, %(partner)s,
               {values}
               1, now(), 1, now()
        FROM generate_series(1, %(count)s) n
        """,
        {
            "product": product.id,
            "company": env.company.id,
            "partner": partner.id,
            "count": count,
        },
    )
    env.cr.execute("ANALYZE stock_lot")


def measure(registry, count, plan, dates, counted):
    """Plan over ``count`` new units: ``plan(env)`` runs the planning and
    returns what it created; ``counted`` are the models whose new records
    are counted. Rolled back."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        before = {model: env[model].search_count([]) for model in counted}
        insert_units(env, count, dates)
        env.invalidate_all()
        tracemalloc.start()
        start = time.perf_counter()
        created = plan(env)
        elapsed = time.perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        again = time.perf_counter()
        second = plan(env)
        second_elapsed = time.perf_counter() - again
        totals = {
            model: env[model].search_count([]) - before[model] for model in counted
        }
        cr.rollback()
    return {
        "units": count,
        "created": created,
        "totals": totals,
        "seconds": elapsed,
        "peak_kib": peak / 1024.0,
        "second_run_created": second,
        "second_run_seconds": second_elapsed,
    }


def main(description, plan, dates, counted):
    """Parse the command line, measure both sizes and print them.
    ``counted`` maps each counted model to its column title."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
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
    results = [measure(registry, size, plan, dates, counted) for size in sizes]
    titles = "".join(f"{title:>9} " for title in counted.values())
    print(
        f"{'units':>8} {titles}{'seconds':>9} {'peak KiB':>9} "
        f"{'2nd run':>8} {'2nd s':>7}"
    )
    for row in results:
        totals = "".join(f"{row['totals'][model]:>9} " for model in counted)
        print(
            f"{row['units']:>8} {totals}{row['seconds']:>9.2f} "
            f"{row['peak_kib']:>9.0f} {row['second_run_created']:>8} "
            f"{row['second_run_seconds']:>7.2f}"
        )
    small, large = results
    print(
        f"ratio x{large['units'] / small['units']:.0f} units: "
        f"time x{large['seconds'] / small['seconds']:.2f}, "
        f"peak memory x{large['peak_kib'] / small['peak_kib']:.2f}"
    )
