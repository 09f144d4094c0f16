"""Benchmark: what the SLA engine costs on the paths a user takes.

Compares, in one process and one run, three databases of their own:

- ``plain``: OCA helpdesk_mgmt alone, the base (1.00);
- ``sunshine``: sunshine_helpdesk with its demo policies (three clocks);
- ``oca``: OCA helpdesk_mgmt_sla 18.0 with three SLAs on the team, the peer.

Each case runs in each database in turn, ``--runs`` times interleaved, and
the table shows the best (minimum) time of each, as a ratio to plain, with
the queries of one call. Every run is rolled back: the databases stay as
they were prepared.

Setup, once (not in the test command; the OCA addon goes into
``.local/bench-addons``, never into the shared virtualenv or ``config/``):

    ./sunshine setup
    ~/.cache/sunshine/venv-py3.11/bin/pip install --no-deps \\
        --target .local/bench-addons 'odoo-addon-helpdesk_mgmt_sla>=18.0,<18.1'

Run (creates the three databases ``$SUNSHINE_TEST_DB_bench_*`` with 100 000
tickets each the first time, which takes a few minutes):

    ~/.cache/sunshine/venv-py3.11/bin/python bench/sla_bench.py --runs 7

``--sunshine-addons`` installs other Sunshine addons in the Sunshine
database (``--rebuild`` recreates the databases).
"""

import argparse
import logging
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
CACHE = Path(os.environ.get("SUNSHINE_CACHE", Path.home() / ".cache/sunshine"))
ODOO_SRC = Path(os.environ.get("ODOO_SRC", CACHE / "odoo-18.0"))
BENCH_ADDONS = LOCAL / "bench-addons/odoo/addons"
CONF = LOCAL / "odoo.conf"
ADMIN = 2  # base.user_admin

sys.path.insert(0, str(ODOO_SRC))

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry


def addons_path():
    for line in CONF.read_text().splitlines():
        if line.startswith("addons_path"):
            return line.split("=", 1)[1].strip() + f",{BENCH_ADDONS}"
    raise SystemExit(f"no addons_path in {CONF}: run ./sunshine setup first")


# ----------------------------------------------------------------------
# The three databases
# ----------------------------------------------------------------------
class Variant:
    """One database and how to create, fill and use it."""

    key = None
    modules = None

    def __init__(self, prefix, args):
        self.db = f"{prefix}_{self.key}"
        self.args = args

    # -- preparation (committed once) ---------------------------------
    def install(self, update=False):
        log = LOCAL / f"bench-install-{self.db}.log"
        log.write_text("")
        command = [
            sys.executable,
            str(ODOO_SRC / "odoo-bin"),
            "-c",
            str(CONF),
            "--addons-path",
            addons_path(),
            "-d",
            self.db,
            "-u" if update else "-i",
            self.modules,
            "--load-language",
            "en_US",
            "--stop-after-init",
            "--logfile",
            str(log),
        ]
        print(
            f"{'updating' if update else 'installing'} {self.modules} in {self.db} "
            f"(log: {log})",
            flush=True,
        )
        subprocess.run(command, check=True)

    def prepare(self, env):
        """Configuration of the variant, committed once."""

    def ticket_values(self, env, index, reported=None):
        partner = env.ref("base.res_partner_12")
        return {
            "name": f"Bench ticket {index}",
            "description": "<p>Board alarm on site</p>",
            "team_id": self.team(env).id,
            "partner_id": partner.id,
            "priority": "2",
        }

    def team(self, env):
        return env.ref("helpdesk_mgmt.helpdesk_team_1")

    # columns of the old tickets besides helpdesk_mgmt's
    fill_columns = {}

    def fill(self, env, count):
        """``count`` old closed tickets, written in SQL: the form read and
        the list run on a table of realistic size."""
        cr = env.cr
        cr.execute("SELECT count(*) FROM helpdesk_ticket")
        existing = cr.fetchone()[0]
        if existing >= count:
            return
        team = self.team(env)
        stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        extra_columns = "".join(f", {name}" for name in self.fill_columns)
        extra_values = "".join(f", {value}" for value in self.fill_columns.values())
        cr.execute(
            f"""
            INSERT INTO helpdesk_ticket (number, name, description, team_id,
                   stage_id, company_id, priority, active, kanban_state,
                   create_date, write_date, create_uid, write_uid, closed_date,
                   last_stage_update{extra_columns})
            SELECT 'OLD' || lpad(g::text, 7, '0'), 'Old ticket ' || g,
                   '<p>old</p>', %(team)s, %(stage)s, %(company)s, '1', true,
                   'normal', now() - g * interval '5 minutes',
                   now() - g * interval '5 minutes', 1, 1,
                   now() - g * interval '5 minutes',
                   now() - g * interval '5 minutes'{extra_values}
              FROM generate_series(1, %(count)s) g
            """,
            {
                "team": team.id,
                "stage": stage.id,
                "company": team.company_id.id or env.company.id,
                "count": count - existing,
            },
        )
        self.fill_more(env)
        cr.execute("ANALYZE")

    def fill_more(self, env):
        """What the variant stores beside old tickets."""

    # -- cases ---------------------------------------------------------
    def stage(self, env, name):
        return env.ref(f"helpdesk_mgmt.helpdesk_ticket_stage_{name}")


class Plain(Variant):
    key = "plain"
    modules = "helpdesk_mgmt"


class Oca(Variant):
    key = "oca"
    modules = "helpdesk_mgmt_sla"

    def team(self, env):
        return env.ref("helpdesk_mgmt.helpdesk_team_2")

    def prepare(self, env):
        # Three SLAs like Sunshine's three clocks: answered within an hour,
        # in progress within a day, done within three days; on hold while
        # waiting for the customer.
        team = self.team(env)
        team.use_sla = True
        awaiting = self.stage(env, "awaiting")
        SLA = env["helpdesk.sla"]
        SLA.search([]).unlink()
        for name, stage, hours in (
            ("Response", "in_progress", 1),
            ("Arrival", "in_progress", 24),
            ("Resolution", "done", 72),
        ):
            SLA.create(
                {
                    "name": name,
                    "team_ids": [(6, 0, team.ids)],
                    "stage_id": self.stage(env, stage).id,
                    "hours": hours,
                    "ignore_stage_ids": [(6, 0, awaiting.ids)],
                }
            )


class Sunshine(Variant):
    key = "sunshine"
    fill_columns = {
        "severity": "'minor'",
        "service_mode": "'phone'",
        "reported_date": "now() - g * interval '5 minutes'",
        "sla_status": "'met'",
        "sla_compliance": "100",
        "support_level": "'1'",
        "origin_team_id": "%(team)s",
    }

    def __init__(self, prefix, args):
        super().__init__(prefix, args)
        self.modules = args.sunshine_addons

    def team(self, env):
        return env.ref("sunshine_helpdesk.team_centre_changsha")

    def ticket_values(self, env, index, reported=None):
        values = super().ticket_values(env, index)
        values.update(severity="critical", service_mode="onsite")
        if reported:
            values["reported_date"] = reported
        return values

    def fill_more(self, env):
        # the old tickets' three timers, met
        policies = [
            env.ref(f"sunshine_helpdesk.sla_policy_{code}")
            for code in ("response", "arrival", "resolution")
        ]
        for policy in policies:
            env.cr.execute(
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
                  FROM helpdesk_ticket t
                 WHERE t.number LIKE 'OLD%%'
                """,
                {
                    "policy": policy.id,
                    "clock": policy.clock_id.id,
                    "company": policy.company_id.id or None,
                },
            )


class Suite(Sunshine):
    """Every Sunshine addon, for what the other addons add on the paths."""

    key = "suite"

    def __init__(self, prefix, args):
        super().__init__(prefix, args)
        self.modules = args.suite_addons


VARIANTS = {cls.key: cls for cls in (Plain, Sunshine, Suite, Oca)}


# ----------------------------------------------------------------------
# Cases: each returns (seconds, queries) of one measured call
# ----------------------------------------------------------------------
def settle(env):
    """Write what is pending, with what the commit would do (the mail
    tracking messages are made in the precommit hooks)."""
    env.flush_all()
    env.cr.precommit.run()
    env.flush_all()


def measure(env, function):
    settle(env)
    env.invalidate_all()
    cr = env.cr
    queries = cr.sql_log_count
    start = time.perf_counter()
    function()
    settle(env)
    return time.perf_counter() - start, cr.sql_log_count - queries


def case_single_create(variant, env):
    """One ticket created by itself, as the form does; the best of 10."""
    Ticket = env["helpdesk.ticket"]
    Ticket.create(variant.ticket_values(env, 0))  # warm the caches
    results = [
        measure(env, lambda i=i: Ticket.create(variant.ticket_values(env, i)))
        for i in range(1, 11)
    ]
    return min(results)


def case_batch(variant, env, distinct):
    now = fields.Datetime.now().replace(microsecond=0)
    values = [
        variant.ticket_values(
            env,
            i,
            reported=now - timedelta(minutes=i, seconds=i % 60) if distinct else now,
        )
        for i in range(500)
    ]
    env["helpdesk.ticket"].create(variant.ticket_values(env, 0))  # warm
    return measure(env, lambda: env["helpdesk.ticket"].create(values))


def paused_tickets(variant, env):
    tickets = env["helpdesk.ticket"].create(
        [variant.ticket_values(env, i) for i in range(200)]
    )
    tickets.write({"stage_id": variant.stage(env, "in_progress").id})
    return tickets


def case_pause(variant, env):
    tickets = paused_tickets(variant, env)
    awaiting = variant.stage(env, "awaiting").id
    return measure(env, lambda: tickets.write({"stage_id": awaiting}))


def case_resume(variant, env):
    tickets = paused_tickets(variant, env)
    tickets.write({"stage_id": variant.stage(env, "awaiting").id})
    progress = variant.stage(env, "in_progress").id
    return measure(env, lambda: tickets.write({"stage_id": progress}))


def web_spec(model, node):
    """The read specification of the fields under ``node`` of a view, as
    the web client asks them: a many2one with its display name, an x2many
    with the fields of its embedded list (or its display name for tags)."""
    spec = {}
    for field_node in node.iter("field"):
        # the fields of an embedded view belong to that view
        parent = field_node.getparent()
        while parent is not None and parent is not node and parent.tag != "field":
            parent = parent.getparent()
        if parent is not node and parent is not None:
            continue
        field = model._fields[field_node.get("name")]
        if field.type == "many2one":
            spec[field.name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub = field_node.find("list")
            comodel = model.env[field.comodel_name]
            if sub is not None:
                spec[field.name] = {"fields": web_spec(comodel, sub), "limit": 40}
            else:
                spec[field.name] = {"fields": {"display_name": {}}}
        else:
            spec[field.name] = {}
    return spec


def case_form(variant, env):
    """The form of a new ticket read as the web client reads it, among the
    old ones."""
    ticket = env["helpdesk.ticket"].create(variant.ticket_values(env, 0))
    arch = ticket.get_views([(False, "form")])["views"]["form"]["arch"]
    spec = web_spec(ticket, etree.fromstring(arch))
    ticket.web_read(spec)  # warm
    return measure(env, lambda: ticket.web_read(spec))


CASES = [
    ("one ticket created at a time", case_single_create),
    ("batch of 500, one reported date", lambda v, e: case_batch(v, e, False)),
    ("batch of 500, distinct reported dates", lambda v, e: case_batch(v, e, True)),
    ("pause 200 tickets (stage Awaiting)", case_pause),
    ("resume 200 tickets", case_resume),
    ("ticket form read", case_form),
]
# pass/fail targets of issue 13: (ratio of time, extra queries)
TARGETS = {
    "one ticket created at a time": (1.3, None),
    "batch of 500, distinct reported dates": (1.3, None),
    "pause 200 tickets (stage Awaiting)": (2.0, None),
    "resume 200 tickets": (2.0, None),
    "ticket form read": (None, 4),
}


def run_case(registry, variant, case):
    with registry.cursor() as cr:
        env = api.Environment(cr, ADMIN, {"lang": "en_US", "tz": "UTC"})
        try:
            return case(variant, env)
        finally:
            cr.rollback()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument(
        "--prefix",
        default=os.environ.get("SUNSHINE_TEST_DB", "sunshine_test") + "_bench",
    )
    parser.add_argument("--sunshine-addons", default="sunshine_helpdesk")
    parser.add_argument(
        "--suite-addons",
        default="sunshine_helpdesk,sunshine_spares,sunshine_training,"
        "sunshine_quality,sunshine_training_spares,sunshine_case",
        help="the addons of the variant 'suite' (--variants plain,sunshine,suite,oca)",
    )
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--update", action="store_true", help="update the Sunshine addons first"
    )
    parser.add_argument("--variants", default="plain,sunshine,oca")
    parser.add_argument("--cases", default="", help="substring of the cases to run")
    args = parser.parse_args()
    if not (BENCH_ADDONS / "helpdesk_mgmt_sla").is_dir():
        raise SystemExit(
            "helpdesk_mgmt_sla is missing: pip install --no-deps --target "
            ".local/bench-addons 'odoo-addon-helpdesk_mgmt_sla>=18.0,<18.1'"
        )
    odoo.tools.config.parse_config(
        ["-c", str(CONF), "--addons-path", addons_path(), "--log-level", "warn"]
    )
    logging.getLogger("odoo").setLevel(logging.ERROR)
    variants = [VARIANTS[key](args.prefix, args) for key in args.variants.split(",")]
    existing = odoo.service.db.list_dbs(force=True)
    for variant in variants:
        if args.rebuild and variant.db in existing:
            odoo.service.db.exp_drop(variant.db)
        if args.rebuild or variant.db not in existing:
            variant.install()
            registry = Registry(variant.db)
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
                variant.prepare(env)
                variant.fill(env, args.tickets)
        elif args.update and isinstance(variant, Sunshine):
            variant.install(update=True)
    registries = {variant.key: Registry(variant.db) for variant in variants}
    cases = [(name, case) for name, case in CASES if args.cases in name]
    best = {}
    for run in range(args.runs):
        for name, case in cases:
            for variant in variants:
                seconds, queries = run_case(registries[variant.key], variant, case)
                key = (name, variant.key)
                if key not in best or seconds < best[key][0]:
                    best[key] = (seconds, queries)
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr, flush=True)
    print_table(cases, variants, best, args)


def print_table(cases, variants, best, args):
    heads = ["case"] + [variant.key for variant in variants] + ["target", "ok"]
    rows = []
    failed = False
    for name, _case in cases:
        base_seconds, base_queries = best[(name, "plain")]
        row = [name]
        for variant in variants:
            seconds, queries = best[(name, variant.key)]
            if variant.key == "plain":
                row.append(f"1.00 ({seconds * 1000:.1f} ms, {queries} q)")
            else:
                row.append(f"{seconds / base_seconds:.2f}x ({queries} q)")
        ratio, extra = TARGETS.get(name, (None, None))
        sunshine = best.get((name, "sunshine"))
        verdict = ""
        if sunshine and ratio:
            row.append(f"<= {ratio}x")
            verdict = "yes" if sunshine[0] / base_seconds <= ratio else "NO"
        elif sunshine and extra is not None:
            row.append(f"<= plain + {extra} q")
            verdict = "yes" if sunshine[1] - base_queries <= extra else "NO"
        else:
            row.append("")
        failed |= verdict == "NO"
        row.append(verdict)
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [heads, *rows]) for i in range(len(heads))]
    line = (
        "| " + " | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)) + " |"
    )
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(
            "| "
            + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
            + " |"
        )
    print(
        f"\nmin of {args.runs} interleaved runs; Sunshine addons: "
        f"{args.sunshine_addons}; {args.tickets} old tickets in each database"
    )
    return failed


if __name__ == "__main__":
    main()
