"""Benchmark of issue 14: a large vendor's volume, and costs that do not grow.

Run by ``./sunshine bench [--small]`` (README, "Performance"), never by the
test command. It copies a database with every Sunshine addon and the demo
data (``--template``, made by ``./sunshine bench`` when missing) into
``--database``, loads a tenth of the volume there with SQL bulk inserts
(serials, closed tickets with their three timers, complaints, a year of
callbacks), measures, loads the rest, measures again, and prints each ratio
of the issue with its bound and PASS or FAIL:

- ticket creation with the SLA policies against a team without policies
  (time, and extra queries of a batch of 20 and of 200), beside OCA
  helpdesk_mgmt_sla against plain helpdesk_mgmt (``bench/sla_bench.py``'s
  databases, when the OCA addon is in ``.local/bench-addons``);
- one SLA scheduled-action run with N due timers among 100 N idle ones and
  among 1000 N, and the queries of one more breach;
- callback (and inspection, when the addon has it) planning over the units
  of both sizes: time and peak Python memory, progress reported, batches
  committed, and a run killed half way then resumed;
- the complaint statistics XLSX of both sizes: peak memory;
- the screens (ticket list of 80 rows and form, equipment list and form,
  complaint list) as the web client reads them: queries at both sizes, and
  the time at the larger.

Measured runs of the planning, the scheduled action and ticket creation are
rolled back; only the bulk loads and the resume check are committed.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
CACHE = Path(os.environ.get("SUNSHINE_CACHE", Path.home() / ".cache/sunshine"))
ODOO_SRC = Path(os.environ.get("ODOO_SRC", CACHE / "odoo-18.0"))
CONF = LOCAL / "odoo.conf"
ADMIN = 2  # base.user_admin

sys.path.insert(0, str(ODOO_SRC))
sys.path.insert(0, str(ROOT / "bench"))

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry

# Full size (issue 14) and --small; the first stage loads a tenth of each.
SIZES = {
    "full": {
        "serials": 200_000,
        "tickets": 500_000,
        "complaints": 50_000,
        "idle": 1_000_000,
        "due": 1_000,
        "oca_tickets": 20_000,
    },
    "small": {
        "serials": 20_000,
        "tickets": 50_000,
        "complaints": 5_000,
        "idle": 100_000,
        "due": 100,
        "oca_tickets": 20_000,
    },
}
# A year of callbacks: the four quarters before the planned one.
TODAY = date(2026, 11, 16)
PAST_QUARTERS = [
    date(2025, 10, 1),
    date(2026, 1, 1),
    date(2026, 4, 1),
    date(2026, 7, 1),
]
SCREEN_RUNS = 5
SCREEN_MS = 300


def say(message):
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------
# Bulk loads
# ----------------------------------------------------------------------
def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, template_id, source, overrides, params=None):
    """Insert one copy of row ``template_id`` of ``table`` per row of
    ``source`` (SQL after FROM, aliased), with ``overrides`` ({column: SQL
    expression}) instead of the template's value. Returns the new ids."""
    names = columns(cr, table)
    select = ", ".join(overrides.get(name, f't."{name}"') for name in names)
    quoted = ", ".join(f'"{name}"' for name in names)
    cr.execute(
        f"""
        INSERT INTO {table} ({quoted})
        SELECT {select} FROM {table} t, {source}
         WHERE t.id = %(template)s
        RETURNING id
        """,
        {**(params or {}), "template": template_id},
    )
    return [row[0] for row in cr.fetchall()]


def first_id(cr, query, what):
    cr.execute(query)
    row = cr.fetchone()
    if not row:
        raise SystemExit(f"the template database has no {what}: it needs the demo data")
    return row[0]


def pool(cr, query):
    cr.execute(query)
    ids = [row[0] for row in cr.fetchall()]
    return ids or [None]


def loaded(cr, key):
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [key])
    row = cr.fetchone()
    return int(row[0]) if row else 0


def set_loaded(cr, key, value):
    cr.execute(
        "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, "
        "create_date, write_date) VALUES (%s, %s, 1, 1, now(), now()) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [key, str(value)],
    )


def load(registry, target, batch=50_000):
    """Bring the bench database to ``target`` ({serials, tickets,
    complaints}) in committed batches: a load stopped half way goes on."""
    from odoo.addons.sunshine_quality.models.sunshine_callback_rule import period_label

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        lot_template = first_id(
            cr,
            "SELECT id FROM stock_lot WHERE customer_id IS NOT NULL "
            "AND initial_acceptance_date IS NOT NULL ORDER BY id LIMIT 1",
            "accepted unit at a customer",
        )
        customers = pool(
            cr,
            "SELECT DISTINCT p.commercial_partner_id FROM stock_lot l "
            "JOIN res_partner p ON p.id = l.customer_id",
        )
        stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id
        ticket_template = first_id(
            cr,
            "SELECT id FROM helpdesk_ticket ORDER BY id LIMIT 1",
            "ticket",
        )
        teams = pool(cr, "SELECT id FROM helpdesk_ticket_team WHERE active ORDER BY id")
        complaint_template = first_id(
            cr, "SELECT id FROM sunshine_complaint ORDER BY id LIMIT 1", "complaint"
        )
        categories = pool(cr, "SELECT id FROM sunshine_complaint_category")
        departments = pool(cr, "SELECT id FROM hr_department")
        env["sunshine.callback"]._plan_callbacks(today=TODAY - timedelta(days=200))
        env.flush_all()
        callback_template = first_id(
            cr,
            "SELECT id FROM sunshine_callback WHERE lot_id IS NOT NULL "
            "ORDER BY id LIMIT 1",
            "callback of a unit",
        )
        rule = env.ref("sunshine_quality.callback_rule_unit_accepted")
        cr.commit()
        policies = env["sunshine.sla.policy"].search(
            [("model_name", "=", "helpdesk.ticket")]
        )
        clocks = [(p.id, p.clock_id.id, p.company_id.id or None) for p in policies]
        clocks = list(
            {
                clock: (policy, clock, company) for policy, clock, company in clocks
            }.values()
        )

        done = loaded(cr, "sunshine.bench.serials")
        while done < target["serials"]:
            count = min(batch, target["serials"] - done)
            clone(
                cr,
                "stock_lot",
                lot_template,
                "generate_series(%(first)s, %(last)s) g",
                {
                    "name": "'SCALE-' || lpad(g::text, 7, '0')",
                    "customer_id": "(%(customers)s)[1 + g %% %(ncustomers)s]",
                    "initial_acceptance_date": "DATE '2024-01-01' + (g %% 600)",
                    "commissioning_date": "DATE '2023-12-01' + (g %% 600)",
                    "final_acceptance_date": "DATE '2024-04-01' + (g %% 600)",
                    "create_date": "now() at time zone 'UTC'",
                    "write_date": "now() at time zone 'UTC'",
                },
                {
                    "first": done + 1,
                    "last": done + count,
                    "customers": customers,
                    "ncustomers": len(customers),
                },
            )
            done += count
            set_loaded(cr, "sunshine.bench.serials", done)
            cr.commit()
            say(f"serials: {done}")
        cr.execute("SELECT min(id), max(id) FROM stock_lot WHERE name LIKE 'SCALE-%%'")
        lot_min, lot_max = cr.fetchone()

        done = loaded(cr, "sunshine.bench.tickets")
        while done < target["tickets"]:
            count = min(batch, target["tickets"] - done)
            moment = (
                "(now() at time zone 'UTC') - g * interval '1 minute' "
                "- interval '1 day'"
            )
            ids = clone(
                cr,
                "helpdesk_ticket",
                ticket_template,
                "generate_series(%(first)s, %(last)s) g",
                {
                    "number": "'SC' || lpad(g::text, 8, '0')",
                    "name": "'Scale ticket ' || g",
                    "description": "'<p>Board alarm</p>'",
                    "team_id": "(%(teams)s)[1 + g %% %(nteams)s]",
                    "origin_team_id": "(%(teams)s)[1 + g %% %(nteams)s]",
                    "stage_id": "%(stage)s",
                    "partner_id": "(%(customers)s)[1 + g %% %(ncustomers)s]",
                    "commercial_partner_id": "(%(customers)s)[1 + g %% %(ncustomers)s]",
                    "lot_id": "%(lot_min)s + g %% %(nlots)s",
                    "create_date": moment,
                    "write_date": moment,
                    "reported_date": moment,
                    "closed_date": moment,
                    "last_stage_update": moment,
                    "sla_status": "'met'",
                    "sla_deadline": "NULL",
                    "active": "true",
                },
                {
                    "first": done + 1,
                    "last": done + count,
                    "teams": teams,
                    "nteams": len(teams),
                    "stage": stage,
                    "customers": customers,
                    "ncustomers": len(customers),
                    "lot_min": lot_min,
                    "nlots": lot_max - lot_min + 1,
                },
            )
            for policy, clock, company in clocks:
                cr.execute(
                    """
                    INSERT INTO sunshine_sla_timer (res_model, res_id, policy_id,
                           clock_id, company_id, start_date, deadline, warn_date,
                           state, met_date, warned, create_date, write_date,
                           create_uid, write_uid)
                    SELECT 'helpdesk.ticket', t.id, %(policy)s, %(clock)s,
                           %(company)s, t.create_date, t.create_date + interval '1 day',
                           t.create_date + interval '20 hours', 'met',
                           t.create_date + interval '1 hour', false, t.create_date,
                           t.create_date, 1, 1
                      FROM helpdesk_ticket t WHERE t.id = ANY(%(ids)s)
                    """,
                    {"policy": policy, "clock": clock, "company": company, "ids": ids},
                )
            done += count
            set_loaded(cr, "sunshine.bench.tickets", done)
            cr.commit()
            say(f"tickets: {done} (and their {len(clocks)} timers each)")

        done = loaded(cr, "sunshine.bench.complaints")
        while done < target["complaints"]:
            count = min(batch, target["complaints"] - done)
            moment = (
                "TIMESTAMP '2025-12-01 02:00' + (g %% 350) * interval '1 day' "
                "+ (g %% 600) * interval '1 minute'"
            )
            clone(
                cr,
                "sunshine_complaint",
                complaint_template,
                "generate_series(%(first)s, %(last)s) g",
                {
                    "name": "'SCALE-TS' || lpad(g::text, 7, '0')",
                    "subject": "'Scale complaint ' || g",
                    "partner_id": "(%(customers)s)[1 + g %% %(ncustomers)s]",
                    "contact_id": "(%(customers)s)[1 + g %% %(ncustomers)s]",
                    "category_id": "(%(categories)s)[1 + g %% %(ncategories)s]",
                    "department_id": "(%(departments)s)[1 + g %% %(ndepartments)s]",
                    "received_date": moment,
                    "create_date": moment,
                    "write_date": moment,
                    "lot_id": "%(lot_min)s + g %% %(nlots)s",
                    "ticket_id": "NULL",
                },
                {
                    "first": done + 1,
                    "last": done + count,
                    "customers": customers,
                    "ncustomers": len(customers),
                    "categories": categories,
                    "ncategories": len(categories),
                    "departments": departments,
                    "ndepartments": len(departments),
                    "lot_min": lot_min,
                    "nlots": lot_max - lot_min + 1,
                },
            )
            done += count
            set_loaded(cr, "sunshine.bench.complaints", done)
            cr.commit()
            say(f"complaints: {done}")

        # a year of callbacks: each unit called in the four past quarters
        called = loaded(cr, "sunshine.bench.callbacks")  # the last unit called
        if rule and called < lot_max:
            for quarter in PAST_QUARTERS:
                clone(
                    cr,
                    "sunshine_callback",
                    callback_template,
                    "(SELECT id, name, customer_id FROM stock_lot "
                    "WHERE id > %(called)s AND id <= %(lot_max)s "
                    "AND name LIKE 'SCALE-%%') l",
                    {
                        "rule_id": "%(rule)s",
                        "subject_res_id": "l.id",
                        "subject_name": "l.name",
                        "lot_id": "l.id",
                        "ticket_id": "NULL",
                        "partner_id": "l.customer_id",
                        "period_kind": "'quarter'",
                        "period_start": "%(quarter)s",
                        "period_name": "%(label)s",
                        "planned_date": "%(quarter)s",
                        "state": "'done'",
                    },
                    {
                        "rule": rule.id,
                        "quarter": quarter,
                        "label": period_label("quarter", quarter),
                        "called": called,
                        "lot_max": lot_max,
                    },
                )
            set_loaded(cr, "sunshine.bench.callbacks", lot_max)
            cr.commit()
            say("callbacks: every unit in each of the four past quarters")
        cr.execute("ANALYZE")
        cr.commit()


# ----------------------------------------------------------------------
# Measures
# ----------------------------------------------------------------------
def settle(env):
    env.flush_all()
    env.cr.precommit.run()
    env.flush_all()


def measure(env, function, memory=False):
    """(seconds, queries, peak Python bytes or None, result) of ``function``
    on cold record caches, with what its commit would write."""
    settle(env)
    env.invalidate_all()
    queries = env.cr.sql_log_count
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    result = function()
    settle(env)
    seconds = time.perf_counter() - start
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, env.cr.sql_log_count - queries, peak, result


def with_env(registry, function, uid=ADMIN, rollback=True):
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {"lang": "en_US", "tz": "Asia/Shanghai"})
        try:
            return function(env)
        finally:
            if rollback:
                cr.rollback()


def view_spec(env, model, view_type):
    from lxml import etree
    from sla_bench import web_spec

    records = env[model]
    arch = records.get_views([(False, view_type)])["views"][view_type]["arch"]
    return web_spec(records, etree.fromstring(arch))


SCREENS = [
    ("ticket list (80 rows)", "helpdesk.ticket", "list", []),
    ("ticket form", "helpdesk.ticket", "form", None),
    ("equipment list (80 rows)", "stock.lot", "list", [("customer_id", "!=", False)]),
    ("equipment form", "stock.lot", "form", None),
    ("complaint list (80 rows)", "sunshine.complaint", "list", []),
]


def screen_records(env):
    """The records whose forms are opened: the same at both sizes."""
    ticket = env["helpdesk.ticket"].search([("number", "not like", "SC%")], limit=1)
    lot = env["stock.lot"].search(
        [("customer_id", "!=", False), ("name", "not like", "SCALE-%")], limit=1
    )
    return {"helpdesk.ticket": ticket, "stock.lot": lot}


def measure_screens(env):
    """{screen: (best ms, queries)} as the web client reads each one."""
    forms = screen_records(env)
    results = {}
    for name, model, view_type, domain in SCREENS:
        spec = view_spec(env, model, view_type)
        Model = env[model]
        if view_type == "list":

            def call(Model=Model, domain=domain, spec=spec):
                return Model.web_search_read(domain, spec, limit=80, count_limit=10001)
        else:

            def call(record=forms[model], spec=spec):
                return record.web_read(spec)

        call()  # warm the caches of the registry (rules, views, fields)
        runs = [measure(env, call)[:2] for _run in range(SCREEN_RUNS)]
        results[name] = (min(r[0] for r in runs) * 1000.0, min(r[1] for r in runs))
    return results


def ticket_values(env, team, count, offset=0):
    now = fields.Datetime.now().replace(microsecond=0)
    partner = env.ref("base.res_partner_12")
    return [
        {
            "name": f"Bench ticket {offset + index}",
            "description": "<p>Board alarm on site</p>",
            "team_id": team.id,
            "partner_id": partner.id,
            "severity": "critical",
            "service_mode": "onsite",
            "reported_date": now - timedelta(minutes=index, seconds=index % 60),
        }
        for index in range(count)
    ]


def measure_create(registry, runs=3):
    """Best time and the queries of creating 20 and 200 tickets at once on
    the centre, with its SLA policies and with them archived (rolled back)."""
    results = {}
    for key, batch in (("with", 20), ("with", 200), ("without", 20), ("without", 200)):
        best = None
        for _run in range(runs):

            def run(env, key=key, batch=batch):
                team = env.ref("sunshine_helpdesk.team_centre_changsha")
                if key == "without":
                    env["sunshine.sla.policy"].search(
                        [("model_name", "=", "helpdesk.ticket")]
                    ).active = False
                Ticket = env["helpdesk.ticket"]
                Ticket.create(ticket_values(env, team, 1))  # warm
                values = ticket_values(env, team, batch, offset=1)
                seconds, queries, _peak, tickets = measure(
                    env, lambda: Ticket.create(values)
                )
                timers = len(tickets.sla_timer_ids)
                return seconds, queries, timers

            try:
                seconds, queries, timers = with_env(registry, run)
            finally:
                registry.clear_cache()  # the policies archived, rolled back
            if best is None or seconds < best[0]:
                best = (seconds, queries, timers)
        results[(key, batch)] = best
    return results


def measure_oca(args):
    """Ticket creation of OCA helpdesk_mgmt_sla (three SLAs) against plain
    helpdesk_mgmt, in bench/sla_bench.py's databases: (time ratio, query
    ratio) or the reason it was not measured."""
    import sla_bench

    if not (sla_bench.BENCH_ADDONS / "helpdesk_mgmt_sla").is_dir():
        return "helpdesk_mgmt_sla is not in .local/bench-addons"
    odoo.tools.config["addons_path"] = sla_bench.addons_path()
    namespace = argparse.Namespace(sunshine_addons="sunshine_helpdesk")
    existing = odoo.service.db.list_dbs(force=True)
    figures = {}
    for cls in (sla_bench.Plain, sla_bench.Oca):
        # the same databases at both sizes: the peer's cost per ticket
        variant = cls(f"{args.template.removesuffix('_template')}_sla", namespace)
        if variant.db not in existing:
            variant.install()
            registry = Registry(variant.db)
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
                variant.prepare(env)
                variant.fill(env, args.sizes["oca_tickets"])
        registry = Registry(variant.db)
        best = None
        for _run in range(3):
            result = sla_bench.run_case(
                registry, variant, lambda v, e: sla_bench.case_batch(v, e, True)
            )
            best = result if best is None or result[0] < best[0] else best
        figures[cls.key] = best
    (plain_s, plain_q), (oca_s, oca_q) = figures["plain"], figures["oca"]
    return oca_s / plain_s, oca_q / plain_q


def add_idle_timers(env, count, first):
    """``count`` running timers due in two days, of records that do not
    exist (never due, never read by the scan)."""
    policy = env.ref("sunshine_helpdesk.sla_policy_resolution")
    env.cr.execute(
        """
        INSERT INTO sunshine_sla_timer (res_model, res_id, policy_id, clock_id,
               start_date, deadline, warn_date, state, warned, create_date,
               write_date, create_uid, write_uid)
        SELECT 'helpdesk.ticket', g, %(policy)s, %(clock)s, %(now)s,
               %(deadline)s, %(deadline)s, 'running', false, %(now)s, %(now)s, 1, 1
          FROM generate_series(%(first)s, %(last)s) g
        """,
        {
            "policy": policy.id,
            "clock": policy.clock_id.id,
            "now": fields.Datetime.now(),
            "deadline": fields.Datetime.now() + timedelta(days=2),
            "first": first,
            "last": first + count - 1,
        },
    )
    env.cr.execute("ANALYZE sunshine_sla_timer")


def run_cron(env):
    """The scheduled action until it has nothing left, as Odoo runs it
    again while it reports more."""
    Timer = env["sunshine.sla.timer"].with_context(lang=None)
    total = 0
    while True:
        done = Timer._cron_process_due_timers()
        total += done
        if not done:
            return total


def measure_cron(registry, sizes):
    """One run of the scheduled action breaching ``due`` tickets among 1 %
    and among all of ``idle`` idle timers, and the queries of one breach."""
    due, idle = sizes["due"], sizes["idle"]

    def run(env):
        env = env(context={})  # the scheduled action has no language
        env.ref("sunshine_helpdesk.sla_policy_response").breach_escalate = True
        team = env.ref("sunshine_helpdesk.team_centre_changsha")
        agent = env.ref("sunshine_helpdesk.user_agent_changsha")
        values = ticket_values(env, team, due)
        for index, vals in enumerate(values):
            vals.update(
                service_mode="phone",
                user_id=agent.id,
                reported_date=fields.Datetime.now().replace(microsecond=0)
                - timedelta(minutes=40, seconds=index),
            )
        run_cron(env)  # what the template has due goes first
        say(f"scheduled action: creating {due} tickets past their response time")
        tickets = env["helpdesk.ticket"].create(values)
        settle(env)
        results = {}
        cr = env.cr
        # one breach alone, then all of them, first among 1 % of the idle
        cr.execute("SAVEPOINT one")
        others = tickets[1:]
        cr.execute(
            "UPDATE sunshine_sla_timer SET deadline = deadline + interval '1 day', "
            "warn_date = warn_date + interval '1 day' "
            "WHERE res_model = 'helpdesk.ticket' AND res_id IN %s",
            [tuple(others.ids)],
        )
        env.invalidate_all()
        run_cron(env)  # warm
        cr.execute("ROLLBACK TO SAVEPOINT one")
        env.invalidate_all()
        cr.execute("SAVEPOINT one")
        cr.execute(
            "UPDATE sunshine_sla_timer SET deadline = deadline + interval '1 day', "
            "warn_date = warn_date + interval '1 day' "
            "WHERE res_model = 'helpdesk.ticket' AND res_id IN %s",
            [tuple(others.ids)],
        )
        results["one"] = measure(env, lambda: run_cron(env))
        cr.execute("ROLLBACK TO SAVEPOINT one")
        env.invalidate_all()
        first = 100_000_000
        for label, count in (("small", idle // 100), ("large", idle - idle // 100)):
            add_idle_timers(env, count, first)
            first += count
            cr.execute("SAVEPOINT run")
            say(f"scheduled action: {due} due among {first - 100_000_000} idle")
            results[label] = measure(env, lambda: run_cron(env))
            if results[label][3] != due:
                raise SystemExit(
                    f"the scheduled action handled {results[label][3]} of {due}"
                )
            cr.execute("ROLLBACK TO SAVEPOINT run")
            env.invalidate_all()
        return results

    return with_env(registry, run, uid=SUPERUSER_ID)


def planners(env):
    """(name, planning function) of the addons installed: callbacks, and
    on-site inspections when sunshine_quality has them."""
    found = [
        ("callback", lambda: env["sunshine.callback"]._plan_callbacks(today=TODAY))
    ]
    if "sunshine.inspection" in env and hasattr(
        env["sunshine.inspection"], "_plan_inspections"
    ):
        found.append(
            (
                "inspection",
                lambda: env["sunshine.inspection"]._plan_inspections(today=TODAY),
            )
        )
    return found


def measure_planning(registry):
    """{planner: (seconds, peak bytes, created, progress reports)} over the
    units loaded, rolled back."""
    results = {}

    def names(env):
        return [name for name, _function in planners(env)]

    for name in with_env(registry, names, uid=SUPERUSER_ID):

        def run(env, name=name):
            function = dict(planners(env))[name]
            reports = []
            Cron = type(env["ir.cron"])
            original = Cron._notify_progress

            def notify(self, *, done, remaining, deactivate=False):
                reports.append((done, remaining))
                return original(
                    self, done=done, remaining=remaining, deactivate=deactivate
                )

            Cron._notify_progress = notify
            try:
                timed = measure(env, function)
                env.cr.rollback()
                memory = measure(env, function, memory=True)
            finally:
                Cron._notify_progress = original
            return timed[0], memory[2], timed[3], len(reports) // 2

        say(f"planning: {name}")
        results[name] = with_env(registry, run, uid=SUPERUSER_ID)
    return results


RESUME_SCRIPT = """
import datetime
import sys
sys.path.insert(0, {odoo!r})
import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
odoo.tools.config.parse_config(["-c", {conf!r}, "--log-level", "warn"])
registry = Registry({db!r})
with registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {{}})
    Cron = type(env["ir.cron"])
    original = Cron._notify_progress
    def notify(self, *, done, remaining, deactivate=False):
        print("progress", done, remaining, flush=True)
        return original(self, done=done, remaining=remaining, deactivate=deactivate)
    Cron._notify_progress = notify
    created = env["sunshine.callback"]._plan_callbacks(
        today={today!r}, batch_size={batch}, commit=True
    )
    cr.commit()
    print("created", created, flush=True)
"""


def check_resume(args, expected):
    """The callback planning committed in batches, killed (SIGKILL) after
    its second batch, then run again: the calls of the period number what
    one run plans, none twice. Commits the calls (last check of the run)."""
    batch = max(1000, expected // 20)
    script = RESUME_SCRIPT.format(
        odoo=str(ODOO_SRC), conf=str(CONF), db=args.database, today=TODAY, batch=batch
    )

    def count(env):
        env.cr.execute(
            "SELECT count(*), count(DISTINCT (rule_id, period_start, subject_res_id))"
            " FROM sunshine_callback WHERE period_start >= %s",
            [date(2026, 10, 1)],
        )
        return env.cr.fetchone()

    baseline, _distinct = with_env(Registry(args.database), count)
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    )
    reports = 0
    for line in process.stdout:
        if line.startswith("progress"):
            reports += 1
            if reports == 2:
                process.send_signal(signal.SIGKILL)
                break
    process.wait()
    killed = process.returncode == -signal.SIGKILL

    before_total, _distinct = with_env(Registry(args.database), count)
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    resumed = int(output.strip().splitlines()[-1].split()[1])
    total, distinct = with_env(Registry(args.database), count)
    return {
        "killed": killed,
        "kept": before_total - baseline,
        "resumed": resumed,
        "total": total - baseline,
        "distinct": distinct - baseline,
        "expected": expected,
    }


def measure_xlsx(registry):
    """(seconds, peak bytes) of the complaint statistics XLSX of the year."""

    def run(env):
        wizard = env["sunshine.complaint.statistics.wizard"].create(
            {"date_from": date(2025, 12, 1), "date_to": date(2026, 11, 30)}
        )
        report = env.ref("sunshine_quality.action_report_complaint_statistics")

        def render():
            return env["ir.actions.report"]._render_xlsx(report, wizard.ids, {})

        render()  # warm
        seconds, _queries, peak, _result = measure(env, render, memory=True)
        return seconds, peak

    return with_env(registry, run)


# ----------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------
class Table:
    def __init__(self):
        self.rows = []

    def add(self, name, figure, bound, ok):
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        self.rows.append((name, figure, bound, verdict))
        say(f"{name}: {figure} (bound {bound}) {verdict}")

    def print(self):
        heads = ("measure", "figure", "bound", "result")
        widths = [
            max(len(str(row[i])) for row in (heads, *self.rows)) for i in range(4)
        ]

        def line(row):
            cells = (str(c).ljust(w) for c, w in zip(row, widths, strict=True))
            return "| " + " | ".join(cells) + " |"

        print(line(heads))
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in self.rows:
            print(line(row))
        return not any(row[3] == "FAIL" for row in self.rows)


def ratio(large, small):
    return large / small if small else float("inf")


def mib(value):
    return f"{value / 1024:.0f} KiB"


def prepare(args):
    existing = odoo.service.db.list_dbs(force=True)
    if args.rebuild and args.database in existing:
        say(f"dropping {args.database}")
        odoo.service.db.exp_drop(args.database)
        existing.remove(args.database)
    if args.database not in existing:
        if args.template not in existing:
            raise SystemExit(f"no template database {args.template}")
        say(f"copying {args.template} into {args.database}")
        db = odoo.sql_db.db_connect("postgres")
        with db.cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute(f'CREATE DATABASE "{args.database}" TEMPLATE "{args.template}"')
        source = Path(odoo.tools.config.filestore(args.template))
        if source.is_dir():
            subprocess.run(
                ["cp", "-a", str(source), odoo.tools.config.filestore(args.database)],
                check=True,
            )
    return Registry(args.database)


def report_engine(table, registry, args, only):
    """The measures that do not depend on the volume loaded."""
    sizes = args.sizes
    if "create" in only:
        say("ticket creation")
        created = measure_create(registry)
        base = created[("without", 200)]
        sla = created[("with", 200)]
        extra_20 = created[("with", 20)][1] - created[("without", 20)][1]
        extra_200 = sla[1] - base[1]
        table.add(
            "create 200 tickets: with SLA policies / without",
            f"{ratio(sla[0], base[0]):.2f}x time ({sla[0] * 1000:.0f} / "
            f"{base[0] * 1000:.0f} ms, {sla[2]} timers)",
            "<= 1.3x",
            ratio(sla[0], base[0]) <= 1.3,
        )
        per_ticket = (extra_200 - extra_20) / 180
        table.add(
            "extra queries of the SLA engine, batch of 20 / of 200",
            f"{extra_20} / {extra_200} ({per_ticket:.2f} a ticket more)",
            "per batch: < 0.1 a ticket",
            per_ticket < 0.1,
        )
    if "oca" in only:
        say("OCA helpdesk_mgmt_sla beside plain helpdesk_mgmt")
        oca = measure_oca(args)
        if isinstance(oca, str):
            table.add("OCA helpdesk_mgmt_sla / plain helpdesk_mgmt", oca, "-", None)
        else:
            table.add(
                "OCA helpdesk_mgmt_sla (3 SLAs) / plain: 500 tickets, for reference",
                f"{oca[0]:.2f}x time, {oca[1]:.2f}x queries",
                "-",
                None,
            )
    if "cron" in only:
        cron = measure_cron(registry, sizes)
        one, low, high = cron["one"], cron["small"], cron["large"]
        table.add(
            f"SLA run, {sizes['due']} due among {sizes['idle']} / "
            f"{sizes['idle'] // 100} idle",
            f"{ratio(high[0], low[0]):.2f}x ({high[0]:.1f} / {low[0]:.1f} s, "
            f"{high[1]} / {low[1]} queries)",
            "<= 1.2x",
            ratio(high[0], low[0]) <= 1.2,
        )
        per_breach = (low[1] - one[1]) / (sizes["due"] - 1)
        table.add(
            "queries of one more breach (escalated, notified)",
            f"{per_breach:.1f} (one alone: {one[1]})",
            "<= 25",
            per_breach <= 25,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a tenth of the volume")
    parser.add_argument("--database", help="the bench database (made from --template)")
    parser.add_argument(
        "--template",
        default=os.environ.get("SUNSHINE_TEST_DB", "sunshine_test") + "_bench_template",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="copy the template again"
    )
    parser.add_argument(
        "--only",
        default="create,oca,cron,planning,resume,xlsx,screens",
        help="comma-separated measures",
    )
    args = parser.parse_args()
    size = "small" if args.small else "full"
    args.sizes = SIZES[size]
    args.database = args.database or (
        os.environ.get("SUNSHINE_TEST_DB", "sunshine_test")
        + ("_bench_small" if args.small else "_bench")
    )
    only = set(args.only.split(","))
    import sla_bench

    addons = sla_bench.addons_path()
    if not sla_bench.BENCH_ADDONS.is_dir():
        addons = addons.rsplit(",", 1)[0]
    odoo.tools.config.parse_config(
        ["-c", str(CONF), "--addons-path", addons, "--log-level", "warn"]
    )
    started = time.perf_counter()
    registry = prepare(args)
    table = Table()
    sizes = args.sizes
    first = {key: sizes[key] // 10 for key in ("serials", "tickets", "complaints")}
    if only <= {"create", "oca"}:
        first = {}  # neither needs the volume
    else:
        say(f"{size} size: loading a tenth ({first})")
        load(registry, first)
    small = {}
    if "planning" in only or "resume" in only:
        small["planning"] = measure_planning(registry)
    if "xlsx" in only:
        small["xlsx"] = measure_xlsx(registry)
    if "screens" in only:
        small["screens"] = with_env(registry, measure_screens)

    report_engine(table, registry, args, only)

    if first:
        say(f"loading the full {size} size ({ {k: sizes[k] for k in first} })")
        load(registry, {key: sizes[key] for key in first})
    units = f"{sizes['serials']} / {sizes['serials'] // 10} units"
    expected = None
    if "planning" in only or "resume" in only:
        large = measure_planning(registry)
        for name, (seconds, peak, created, reports) in large.items():
            s_seconds, s_peak, s_created, _s_reports = small["planning"][name]
            expected = created if name == "callback" else expected
            table.add(
                f"{name} planning time, {units}",
                f"{ratio(seconds, s_seconds):.2f}x ({seconds:.1f} / "
                f"{s_seconds:.1f} s, {created} / {s_created} planned, "
                f"{reports} progress reports)",
                "<= 11x",
                ratio(seconds, s_seconds) <= 11,
            )
            table.add(
                f"{name} planning peak memory, {units}",
                f"{ratio(peak, s_peak):.2f}x ({mib(peak)} / {mib(s_peak)})",
                "<= 1.5x",
                ratio(peak, s_peak) <= 1.5,
            )
    if "xlsx" in only:
        seconds, peak = measure_xlsx(registry)
        s_seconds, s_peak = small["xlsx"]
        table.add(
            f"complaint statistics XLSX peak memory, {sizes['complaints']} / "
            f"{sizes['complaints'] // 10} complaints",
            f"{ratio(peak, s_peak):.2f}x ({mib(peak)} / {mib(s_peak)}; "
            f"{seconds:.2f} / {s_seconds:.2f} s)",
            "<= 1.5x",
            ratio(peak, s_peak) <= 1.5,
        )
    if "screens" in only:
        screens = with_env(registry, measure_screens)
        for name, (ms, queries) in screens.items():
            s_ms, s_queries = small["screens"][name]
            table.add(
                f"{name}: queries at 10x data, time at full",
                f"{queries} / {s_queries} queries, {ms:.0f} ms (was {s_ms:.0f})",
                f"same count, < {SCREEN_MS} ms",
                queries == s_queries and ms < SCREEN_MS,
            )
    if "resume" in only and expected is not None:
        say("callback planning killed after its second batch, then resumed")
        resume = check_resume(args, expected)
        table.add(
            "callback planning killed (SIGKILL) after 2 batches, run again",
            f"kept {resume['kept']}, then planned {resume['resumed']}: "
            f"{resume['total']} calls ({resume['distinct']} distinct) of "
            f"{resume['expected']}",
            "all, each once",
            resume["killed"]
            and resume["total"] == resume["distinct"] == resume["expected"]
            and 0 < resume["kept"] < resume["expected"],
        )
    print()
    print(
        f"./sunshine bench{' --small' if args.small else ''}: {size} size "
        f"({sizes['serials']} serials, {sizes['tickets']} tickets with their "
        f"timers, {sizes['complaints']} complaints, a year of callbacks) in "
        f"{args.database}, {time.perf_counter() - started:.0f} s"
    )
    ok = table.print()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
