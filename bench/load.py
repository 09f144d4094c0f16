"""Two Odoo servers on one database, and a load test of 50 agents on them.

Run by ``./sunshine cluster`` and ``./sunshine load [--kill]`` (README,
"Performance"), never by the test command:

- ``serve``: two Odoo servers in multi-worker mode (``--workers``, so that
  each runs its scheduled actions in two cron worker processes of its own),
  on two HTTP ports, sharing one database and one data_dir (filestore and
  sessions), until Ctrl-C;
- ``run``: a fresh copy of the template database, 50 service agents, then
  both servers, the SLA scheduled action due every minute, and Locust
  (headless, bounded in time) working tickets over both; with ``--kill`` one
  server is killed (SIGKILL, its whole process group) a third of the way in
  and started again 20 seconds later; then the checker over the database.

The checker fails the run on: an error response (on the server left alone,
with --kill), a ticket acknowledged but missing or created twice, a
breached timer not handled exactly once (one breach notice and one
escalation of its ticket), a due timer left running (lost), an issued part
without exactly one stock move of its own.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

from passlib.hash import pbkdf2_sha512

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
LOAD = LOCAL / "load"
CACHE = Path(os.environ.get("SUNSHINE_CACHE", Path.home() / ".cache/sunshine"))
ODOO_SRC = Path(os.environ.get("ODOO_SRC", CACHE / "odoo-18.0"))
CONF = LOCAL / "odoo.conf"
AGENTS = 50
PARTS = 20

sys.path.insert(0, str(ODOO_SRC))

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------
# The two servers
# ----------------------------------------------------------------------
# HTTP workers per server: Odoo's prefork server listens with a backlog of
# 8 per worker, and the 25 agents of a server must fit in it (the kernel
# drops the connections beyond, which fail after two minutes of SYN
# retries); behind a proxy the connections wait at the proxy instead.
HTTP_WORKERS = 4


def start_server(db, port, index):
    """One Odoo server in multi-worker mode, in a process group of its own
    (so that a kill takes its workers with it). The gevent port is drawn by
    the system: nothing here uses the websocket."""
    log = LOAD / f"server-{index}.log"
    command = [
        sys.executable,
        str(ODOO_SRC / "odoo-bin"),
        "-c",
        str(CONF),
        "-d",
        db,
        "--http-port",
        str(port),
        "--gevent-port",
        "0",
        "--workers",
        str(HTTP_WORKERS),
        "--max-cron-threads",
        "2",
        "--limit-time-real",
        "600",
        "--limit-time-real-cron",
        "1800",
        "--db_maxconn",
        "16",
        "--logfile",
        str(log),
    ]
    return subprocess.Popen(command, start_new_session=True)


def wait_up(port, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/web/health", timeout=5
            ) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(1)
    raise SystemExit(f"the server on port {port} did not come up")


def warm_up(port, db, workers=4):
    """Load the registry in each HTTP worker before the agents come: a
    worker loads it on its first request, which the load would time."""

    def get():
        url = f"http://127.0.0.1:{port}/web/login?db={db}"
        with urllib.request.urlopen(url, timeout=300) as response:
            response.read()

    threads = [threading.Thread(target=get) for _index in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def kill_server(process):
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def stop_server(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        kill_server(process)


def serve(args):
    LOAD.mkdir(parents=True, exist_ok=True)
    servers = [
        start_server(args.database, port, i + 1) for i, port in enumerate(args.ports)
    ]
    try:
        for port in args.ports:
            wait_up(port)
        for port in args.ports:
            say(f"http://127.0.0.1:{port}/web/login?db={args.database}")
        say(f"logs: {LOAD}/server-*.log; stop with Ctrl-C")
        while all(server.poll() is None for server in servers):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            stop_server(server)


# ----------------------------------------------------------------------
# Preparation
# ----------------------------------------------------------------------
def copy_template(args):
    existing = odoo.service.db.list_dbs(force=True)
    if args.database in existing:
        odoo.service.db.exp_drop(args.database)
    if args.template not in existing:
        raise SystemExit(f"no template database {args.template}")
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


def prepare(args):
    """50 agents of the Changsha centre, on its warehouse staff, a spare
    part in its stock, and the SLA scheduled action due every minute."""
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        team = env.ref("sunshine_helpdesk.team_centre_changsha")
        warehouse = env.ref("sunshine_spares.stock_warehouse_changsha")
        groups = [
            env.ref("sunshine_helpdesk.group_service_agent").id,
            env.ref("sunshine_spares.group_spares_user").id,
        ]
        agents = []
        for index in range(AGENTS):
            password = secrets.token_urlsafe(12)
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": f"负载测试工程师 {index + 1:02d}",
                        "login": f"load_agent_{index + 1:02d}",
                        "email": f"load_agent_{index + 1:02d}@example.com",
                        "password": password,
                        "lang": "zh_CN",
                        "groups_id": [(4, group) for group in groups],
                        "centre_warehouse_ids": [(4, warehouse.id)],
                    }
                )
            )
            agents.append({"login": user.login, "password": password, "uid": user.id})
        team.user_ids |= env["res.users"].browse([a["uid"] for a in agents])
        # Throwaway passwords of the load only, hashed with 1 000 rounds
        # instead of Odoo's 600 000: 50 logins at once measure the hashing
        # otherwise (over half a second of CPU each), not the ticket work.
        env.flush_all()
        cheap = pbkdf2_sha512.using(rounds=1000)
        for agent in agents:
            cr.execute(
                "UPDATE res_users SET password = %s WHERE id = %s",
                [cheap.hash(agent["password"]), agent["uid"]],
            )
        # Twenty parts, as a centre's stock has many: one part issued by all
        # 50 agents at once makes its one quant a hot row, on which Odoo's
        # reservation (SKIP LOCKED in repeatable read) fails the request once
        # its five retries are spent (README, "Performance").
        products = env["product.product"].create(
            [
                {
                    "name": f"负载测试备件 {index + 1:02d}",
                    "is_storable": True,
                    "default_code": f"LOAD-PART-{index + 1:02d}",
                }
                for index in range(PARTS)
            ]
        )
        for product in products:
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 100_000
            )
        partner = env.ref("base.res_partner_12")
        cron = env.ref("sunshine_helpdesk.ir_cron_sla_timers")
        cron.write(
            {
                "interval_number": 1,
                "interval_type": "minutes",
                "nextcall": fields.Datetime.now(),
            }
        )
        cr.commit()
    data = {
        "db": args.database,
        "agents": agents,
        "team_id": team.id,
        "warehouse_id": warehouse.id,
        "product_ids": products.ids,
        "partner_id": partner.id,
    }
    (LOAD / "agents.json").write_text(json.dumps(data))
    return data


# ----------------------------------------------------------------------
# Checker
# ----------------------------------------------------------------------
def read_stats(prefix):
    """{request name: row} of Locust's CSV statistics."""
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def check(args, data, ops, stats, killed_server=None):
    """The list of (check, ok, detail) over the database after the run."""
    results = []
    created = [op for op in ops if op["op"] == "create"]
    issued = [op for op in ops if op["op"] == "issue"]
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        # error responses, on each server
        failures = Counter()
        for name, row in stats.items():
            if name.startswith("server "):
                failures[name.split(":")[0]] += int(row["Failure Count"])
        if killed_server is None:
            bad = sum(failures.values())
            results.append(("no error response", bad == 0, f"{bad} failures"))
        else:
            other = f"server {2 - killed_server}"
            bad = failures.get(other, 0)
            results.append(
                (
                    f"no error response from the {other} (the other was killed)",
                    bad == 0,
                    (
                        f"{bad} failures there, "
                        f"{failures.get(f'server {killed_server + 1}', 0)}"
                        " on the killed one while it was down"
                    ),
                )
            )
        # every created ticket once
        cr.execute(
            "SELECT name, count(*) FROM helpdesk_ticket WHERE name LIKE 'LOAD-%%' "
            "GROUP BY name"
        )
        counts = dict(cr.fetchall())
        missing = [op["token"] for op in created if counts.get(op["token"]) != 1]
        doubled = [name for name, count in counts.items() if count > 1]
        results.append(
            (
                "every acknowledged ticket exists once",
                not missing and not doubled,
                (
                    f"{len(created)} acknowledged, {len(counts)} in the database, "
                    f"{len(missing)} missing or doubled, {len(doubled)} doubled"
                ),
            )
        )
        ids = [op["id"] for op in created] or [0]
        # timers: created with each ticket, none lost, every breach once
        cr.execute(
            """
            SELECT t.res_id, c.code, t.state, t.deadline
              FROM sunshine_sla_timer t JOIN sunshine_sla_clock c ON c.id = t.clock_id
             WHERE t.res_model = 'helpdesk.ticket' AND t.res_id = ANY(%s)
            """,
            [ids],
        )
        timers = cr.fetchall()
        with_response = {
            res_id for res_id, code, _s, _d in timers if code == "response"
        }
        without = [op["id"] for op in created if op["id"] not in with_response]
        results.append(
            (
                "every ticket has its response timer",
                not without,
                f"{len(timers)} timers of {len(created)} tickets",
            )
        )
        cr.execute("SELECT now() at time zone 'UTC'")
        now = cr.fetchone()[0]
        lost = [
            (res_id, code)
            for res_id, code, state, deadline in timers
            if state == "running" and deadline < now - args.cron_slack
        ]
        results.append(
            (
                "no due timer left running (lost)",
                not lost,
                (
                    f"{len(lost)} running past their deadline by more than "
                    f"{args.cron_slack}"
                ),
            )
        )
        breached = Counter(
            res_id for res_id, _c, state, _d in timers if state == "breached"
        )
        cr.execute(
            "SELECT ticket_id, count(*) FROM sunshine_ticket_escalation "
            "WHERE automatic AND ticket_id = ANY(%s) GROUP BY ticket_id",
            [ids],
        )
        escalations = dict(cr.fetchall())
        breach_subtype = env.ref("sunshine_helpdesk.mt_sla_breach").id
        cr.execute(
            "SELECT res_id, count(*) FROM mail_message WHERE model = 'helpdesk.ticket' "
            "AND subtype_id = %s AND res_id = ANY(%s) GROUP BY res_id",
            [breach_subtype, ids],
        )
        notices = dict(cr.fetchall())
        wrong = [
            ticket
            for ticket in set(breached) | set(escalations) | set(notices)
            if escalations.get(ticket) != 1 or notices.get(ticket) != 1
        ]
        results.append(
            (
                "every breach handled once (one notice, one escalation)",
                not wrong and bool(breached),
                (
                    f"{len(breached)} tickets breached, {sum(escalations.values())} "
                    f"escalations, {sum(notices.values())} notices, {len(wrong)} wrong"
                ),
            )
        )
        # every issued part one stock move
        cr.execute(
            """
            SELECT p.id, p.state, p.move_id,
                   (SELECT count(*) FROM stock_move m WHERE m.id = p.move_id)
              FROM sunshine_ticket_part p WHERE p.ticket_id = ANY(%s)
            """,
            [ids],
        )
        parts = cr.fetchall()
        cr.execute(
            "SELECT count(*) FROM stock_move WHERE product_id = ANY(%s) "
            "AND state = 'done'",
            [data["product_ids"]],
        )
        moves = cr.fetchone()[0]
        issued_parts = [row for row in parts if row[1] == "issued"]
        acknowledged = {op["part"] for op in issued}
        bad_parts = [row for row in issued_parts if not row[2] or row[3] != 1] + [
            part
            for part in acknowledged
            if part not in {row[0] for row in issued_parts}
        ]
        shared = len({row[2] for row in issued_parts}) != len(issued_parts)
        results.append(
            (
                "every issued part one stock move",
                bool(acknowledged)
                and not bad_parts
                and not shared
                and moves == len(issued_parts),
                (
                    f"{len(acknowledged)} acknowledged, {len(issued_parts)} issued, "
                    f"{moves} done moves of the part"
                ),
            )
        )
    return results


# ----------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------
def locust_command(args, prefix, hosts, data_file, ops_file):
    return (
        [
            str(args.locust),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(AGENTS),
            "--spawn-rate",
            "5",
            "--run-time",
            f"{args.seconds}s",
            "--stop-timeout",
            "180",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        {
            **os.environ,
            "LOAD_AGENTS": str(data_file),
            "LOAD_HOSTS": ",".join(hosts),
            "LOAD_OPS": str(ops_file),
        },
    )


def run(args):
    LOAD.mkdir(parents=True, exist_ok=True)
    say(f"copying {args.template} into {args.database}")
    copy_template(args)
    data = prepare(args)
    ops_file = LOAD / "ops.jsonl"
    ops_file.unlink(missing_ok=True)
    for index in (1, 2):
        (LOAD / f"server-{index}.log").write_text("")
    prefix = LOAD / ("stats-kill" if args.kill else "stats")
    hosts = [f"http://127.0.0.1:{port}" for port in args.ports]
    servers = [
        start_server(args.database, port, i + 1) for i, port in enumerate(args.ports)
    ]
    killed_server = None
    try:
        for port in args.ports:
            wait_up(port)
        say(
            f"two servers up ({', '.join(hosts)}); {AGENTS} agents for {args.seconds} s"
        )
        command, env = locust_command(
            args, prefix, hosts, LOAD / "agents.json", ops_file
        )
        started = time.time()
        locust = subprocess.Popen(command, env=env)
        if args.kill:
            time.sleep(args.seconds / 3)
            killed_server = 1
            say(f"kill -9 of server 2 (port {args.ports[1]}) and its workers")
            kill_server(servers[1])
            time.sleep(20)
            say("server 2 started again")
            servers[1] = start_server(args.database, args.ports[1], 2)
            wait_up(args.ports[1])
            say("server 2 answers again")
        locust.wait()
        elapsed = time.time() - started
        # the scheduled actions of both servers catch up with what fell due
        say(f"load over; {args.cron_wait} s more for the scheduled actions")
        time.sleep(args.cron_wait)
    finally:
        for server in servers:
            stop_server(server)
    ops = (
        [json.loads(line) for line in ops_file.read_text().splitlines()]
        if ops_file.exists()
        else []
    )
    stats = read_stats(prefix)
    results = check(args, data, ops, stats, killed_server)
    total = stats["Aggregated"]
    print()
    print(
        f"./sunshine load{' --kill' if args.kill else ''}: {AGENTS} agents over 2 "
        f"servers ({HTTP_WORKERS} HTTP workers and 2 cron workers each), "
        f"{elapsed:.0f} s: "
        f"{total['Request Count']} requests, {float(total['Requests/s']):.1f} "
        f"requests/s, p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"{total['Failure Count']} failures"
    )
    for name, row in sorted(stats.items()):
        if name.startswith("server "):
            print(
                f"  {name:<28} {row['Request Count']:>6} requests  p50 "
                f"{row['50%']:>5} ms  p95 {row['95%']:>5} ms  "
                f"{row['Failure Count']} failures"
            )
    ok = True
    for name, passed, detail in results:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {detail}")
        ok &= passed
    for index in (1, 2):
        log = LOAD / f"server-{index}.log"
        errors = [
            line
            for line in log.read_text(errors="replace").splitlines()
            if " ERROR " in line or " CRITICAL " in line
        ]
        print(f"server {index} log: {len(errors)} ERROR lines ({log})")
        for line in errors[:5]:
            print(f"    {line[:200]}")
    sys.exit(0 if ok else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["serve", "run"])
    parser.add_argument("--database")
    parser.add_argument("--template")
    parser.add_argument("--ports", type=int, nargs=2, default=[8175, 8176])
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--kill", action="store_true")
    parser.add_argument("--cron-wait", type=int, default=150)
    parser.add_argument("--locust", default=str(CACHE / "venv-load/bin/locust"))
    args = parser.parse_args()
    from datetime import timedelta

    args.cron_slack = timedelta(minutes=3)
    base = os.environ.get("SUNSHINE_TEST_DB", "sunshine_test")
    args.database = args.database or f"{base}_load"
    args.template = args.template or f"{base}_bench_template"
    odoo.tools.config.parse_config(["-c", str(CONF), "--log-level", "warn"])
    if args.command == "serve":
        serve(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
