"""Locust: service agents working tickets over the JSON-RPC of the web client.

Run by ``./sunshine load`` (bench/load.py), headless and bounded in time;
the agents (``LOAD_AGENTS``, a JSON file written by bench/load.py prepare)
are spread over the servers of ``LOAD_HOSTS`` (comma-separated URLs). Each
agent creates a ticket (a third of them reported 40 minutes ago, past their
response time, left for the scheduled action to breach and escalate), then
responds, issues a spare part and resolves the others. Every ticket created
and every part issued that the server acknowledged is written to
``LOAD_OPS`` (one JSON line each) for the checker.
"""

import itertools
import json
import os
import random
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from locust import HttpUser, between, events, task

AGENTS = json.loads(Path(os.environ["LOAD_AGENTS"]).read_text())
HOSTS = os.environ["LOAD_HOSTS"].split(",")
OPS = os.environ["LOAD_OPS"]
DB = AGENTS["db"]
_numbers = itertools.count()
_lock = threading.Lock()


def record(**values):
    with _lock, open(OPS, "a") as ops:
        ops.write(json.dumps(values) + "\n")


class RpcError(Exception):
    pass


class Agent(HttpUser):
    wait_time = between(0.5, 2.0)
    host = HOSTS[0]

    def on_start(self):
        number = next(_numbers)
        self.agent = AGENTS["agents"][number % len(AGENTS["agents"])]
        self.server = number % len(HOSTS)
        self.client.base_url = HOSTS[self.server]
        self.tag = f"server {self.server + 1}"
        self.rpc(
            "/web/session/authenticate",
            {
                "db": DB,
                "login": self.agent["login"],
                "password": self.agent["password"],
            },
            "login",
        )

    def rpc(self, path, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with self.client.post(
            path, json=payload, name=f"{self.tag}: {name}", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise RpcError(name)
            body = response.json()
            if "error" in body:
                error = body["error"].get("data", {})
                response.failure(f"{error.get('name')}: {error.get('message')}")
                raise RpcError(name)
            response.success()
            return body.get("result")

    def call(self, model, method, args, name, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {"context": {"lang": "zh_CN"}, **(kwargs or {})},
            },
            name,
        )

    @task
    def work_a_ticket(self):
        token = f"LOAD-{uuid.uuid4().hex[:12]}"
        late = random.random() < 1 / 3
        reported = datetime.now(timezone.utc).replace(tzinfo=None)
        if late:
            reported -= timedelta(minutes=40)
        try:
            ticket_id = self.call(
                "helpdesk.ticket",
                "create",
                [
                    {
                        "name": token,
                        "description": "<p>负载测试：传输告警</p>",
                        "team_id": AGENTS["team_id"],
                        "user_id": self.agent["uid"],
                        "partner_id": AGENTS["partner_id"],
                        "severity": "major",
                        "service_mode": "phone",
                        "reported_date": reported.strftime("%Y-%m-%d %H:%M:%S"),
                    }
                ],
                "create ticket",
            )
        except RpcError:
            return
        record(op="create", token=token, id=ticket_id, server=self.server, late=late)
        if late:
            return  # left for the scheduled action
        try:
            self.call("helpdesk.ticket", "action_respond", [[ticket_id]], "respond")
            part_id = self.call(
                "sunshine.ticket.part",
                "create",
                [
                    {
                        "ticket_id": ticket_id,
                        "product_id": random.choice(AGENTS["product_ids"]),
                        "warehouse_id": AGENTS["warehouse_id"],
                        "quantity": 1,
                    }
                ],
                "add part",
            )
            self.call(
                "helpdesk.ticket", "action_issue_parts", [[ticket_id]], "issue part"
            )
            record(op="issue", ticket=ticket_id, part=part_id, server=self.server)
            self.call("helpdesk.ticket", "action_resolve", [[ticket_id]], "resolve")
        except RpcError:
            return


@events.quitting.add_listener
def _summary(environment, **_kwargs):
    environment.process_exit_code = 0  # the checker decides
