"""Benchmark: the case suggestions read the trigram index, not every case.

Run in an Odoo shell on a database with sunshine_case installed (it works
in a transaction that is rolled back, so the database is unchanged):

    ./sunshine setup
    $VENV/bin/python $ODOO_SRC/odoo-bin shell -c .local/odoo.conf \\
        -d sunshine_test --no-http < bench/case_suggest.py

It loads the 50 cases of the tests' fixture, then grows the case base to
1 000 and 10 000 published cases (mixes of the fixture's texts, with the
fixture's product lines, models and fault codes), and times the
suggestions of two tickets of the fixture (one with a fault code and a
serial, one with its text only), best of 7 runs: as the suggestions run
them (planned through the indexes), and with the planner's own choice.
"""

import importlib.util
import time
from pathlib import Path

from odoo.tools import SQL

from odoo.addons import sunshine_case

cr = env.cr  # noqa: F821 (the shell's env)
Case = env["sunshine.case"]  # noqa: F821
spec = importlib.util.spec_from_file_location(
    "case_fixture", Path(sunshine_case.__file__).parent / "tests" / "case_fixture.py"
)
fixture = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixture)


def load_fixture():
    Case.search([]).write({"active": False})
    lines = {
        key: env["product.category"].create({"name": name})  # noqa: F821
        for key, name in fixture.PRODUCT_LINES.items()
    }
    models = {
        key: env["product.product"].create(  # noqa: F821
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": lines[line].id,
            }
        )
        for key, (name, line) in fixture.MODELS.items()
    }
    faults = {
        code: env["sunshine.fault.code"].create({"code": code, "name": name})  # noqa: F821
        for code, name in fixture.FAULT_CODES.items()
    }
    cases = (
        Case.with_context(tracking_disable=True)
        ._sunshine_as_action()
        .create(
            [
                {
                    "name": title,
                    "product_categ_id": lines[line].id,
                    "product_id": models[model].id,
                    "fault_code_id": faults[fault].id,
                    "symptom": f"<p>{symptom}</p>",
                    "solution": f"<p>{solution}</p>",
                    "state": "published",
                }
                for _key, line, model, fault, title, symptom, _cause, solution in (
                    fixture.CASES
                )
            ]
        )
    )
    customer = env["res.partner"].create({"name": "Bench customer"})  # noqa: F821
    tickets = []
    for (title, description, fault, model, _line), _expected in fixture.QUERIES[:2]:
        values = {
            "name": title,
            "description": f"<p>{description}</p>",
            "partner_id": customer.id,
        }
        if fault:
            values["fault_code_id"] = faults[fault].id
        if model:
            values["lot_id"] = (
                env["stock.lot"]  # noqa: F821
                .create(
                    {
                        "name": f"BENCH-{model}",
                        "product_id": models[model].id,
                        "customer_id": customer.id,
                    }
                )
                .id
            )
        tickets.append(env["helpdesk.ticket"].create(values))  # noqa: F821
    env.flush_all()  # noqa: F821
    return cases, lines, models, faults, tickets


def grow(texts, lines, models, faults, count, offset):
    ids = {
        name: [r.id for r in records.values()]
        for name, records in (("lines", lines), ("models", models), ("faults", faults))
    }
    cr.execute(
        SQL(
            """
            INSERT INTO sunshine_case (number, name, state, active,
                   product_categ_id, product_id, fault_code_id, search_text,
                   use_count, helpful_count)
            SELECT 'BENCH-' || n, 'Bench case ' || n, 'published', TRUE,
                   (%s::int[])[1 + mod(n, %s)], (%s::int[])[1 + mod(n, %s)],
                   (%s::int[])[1 + mod(n, %s)], text, 0, 0
              FROM unnest(%s::int[], %s::text[]) AS bulk(n, text)
            """,
            ids["lines"],
            len(ids["lines"]),
            ids["models"],
            len(ids["models"]),
            ids["faults"],
            len(ids["faults"]),
            list(range(offset, offset + count)),
            fixture.bulk_texts(texts, count),
        )
    )
    cr.execute("ANALYZE sunshine_case")


def best_time(ticket, planned, runs=7):
    best = None
    for _run in range(runs):
        env.invalidate_all()  # noqa: F821
        start = time.perf_counter()
        if planned:
            ticket._sunshine_suggest_cases()
        else:
            cr.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.1', true)")
            cr.execute(ticket._sunshine_suggestion_query(5))
            cr.fetchall()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


results = {}
try:
    cases, lines, models, faults, tickets = load_fixture()
    texts = cases.mapped("search_text")
    size = len(cases)
    for target in (1_000, 10_000):
        grow(texts, lines, models, faults, target - size, size)
        size = target
        for ticket in tickets:
            results[target, ticket.name] = (
                best_time(ticket, True),
                best_time(ticket, False),
            )
finally:
    cr.rollback()

for (count, name), (planned, planner) in results.items():
    print(
        f"{count:>6} cases, {name[:12]}: through the indexes {planned * 1000:7.1f} ms, "
        f"planner's choice {planner * 1000:7.1f} ms, ratio {planner / planned:4.1f}"
    )
