"""Screenshots of the main screens of each role, for the README.

Run with the virtualenv's Python, on a demo database (``./sunshine serve``
creates ``sunshine_demo``)::

    ~/.cache/sunshine/venv-py3.11/bin/python tools/screenshots.py \
        [--db sunshine_demo] [--port 8069] [--out docs/screenshots]

It serves the database with odoo-bin on the port unless something answers
there already, logs in as each demo user (password ``demo``, Chinese), opens
their screens in headless Chromium (Chrome DevTools protocol, the session
cookie set in the browser) and saves one PNG per screen.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("SUNSHINE_CACHE", Path.home() / ".cache" / "sunshine"))
ODOO_BIN = CACHE / "odoo-18.0" / "odoo-bin"
TICKETS = "sunshine_helpdesk.helpdesk_ticket_action_service"
LOTS = "sunshine_spares.stock_lot_action_installed_base"
# (file, login, title, url, selector that shows the screen is there)
SHOTS = [
    (
        "dispatcher-ticket-kanban",
        "dispatcher.changsha",
        "调度员：工单看板",
        f"/odoo/action-{TICKETS}?view_type=kanban",
        ".o_kanban_record:not(.o_kanban_ghost)",
    ),
    (
        "dispatcher-ticket-form",
        "dispatcher.changsha",
        "调度员：工单表单",
        f"/odoo/action-{TICKETS}/{{ticket}}",
        ".o_form_view .o-mail-Chatter .o-mail-Message",
    ),
    (
        "engineer-ticket-kanban",
        "agent.changsha",
        "工程师：我的工单",
        f"/odoo/action-{TICKETS}?view_type=kanban",
        ".o_kanban_record:not(.o_kanban_ghost)",
    ),
    (
        "engineer-equipment-form",
        "agent.changsha",
        "工程师：设备表单",
        f"/odoo/action-{LOTS}/{{lot}}",
        ".o_form_view .o-mail-Chatter",
    ),
    (
        "warehouse-equipment-form",
        "warehouse.changsha",
        "仓库管理员：设备表单",
        f"/odoo/action-{LOTS}/{{lot}}",
        ".o_form_view .o-mail-Chatter",
    ),
    (
        "customer-portal-tickets",
        "portal.customer",
        "客户：我的工单",
        "/my/tickets",
        "#wrap table",
    ),
    (
        "customer-portal-ticket",
        "portal.customer",
        "客户：工单页面",
        "/my/ticket/{portal_ticket}",
        "#discussion *",
    ),
]
READY = """
new Promise((resolve) => setTimeout(() => resolve(
    !!document.querySelector(%s)
    && !document.querySelector('.o_loading_indicator, .o_blockUI')
), 500))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", default=os.environ.get("SUNSHINE_DEMO_DB", "sunshine_demo")
    )
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("SUNSHINE_HTTP_PORT", "8069"))
    )
    parser.add_argument("--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--password", default="demo", help="of the demo users")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=1000)
    return parser.parse_args()


def answers(url):
    try:
        return requests.get(f"{url}/web/health", timeout=5).ok
    except requests.RequestException:
        return False


@contextmanager
def odoo_server(args, url):
    """The database served on the port: the running server, else ours."""
    if answers(url):
        yield
        return
    log = Path(tempfile.gettempdir(), f"screenshots-{args.db}.log")
    command = [
        sys.executable,
        str(ODOO_BIN),
        "-c",
        args.config,
        "-d",
        args.db,
        "--http-port",
        str(args.port),
        "--max-cron-threads",
        "0",
        "--logfile",
        str(log),
    ]
    server = subprocess.Popen(command)
    try:
        for _second in range(120):
            if answers(url):
                break
            if server.poll() is not None:
                sys.exit(f"odoo-bin stopped, see {log}")
            time.sleep(1)
        else:
            sys.exit(f"odoo-bin does not answer on {url}, see {log}")
        yield
    finally:
        server.terminate()
        server.wait(30)


def login(url, db, user, password):
    """A session of ``user`` on the server: its cookie value."""
    session = requests.Session()
    response = session.post(
        f"{url}/web/session/authenticate",
        json={"params": {"db": db, "login": user, "password": password}},
        timeout=60,
    )
    response.raise_for_status()
    if response.json().get("error") or not session.cookies.get("session_id"):
        sys.exit(f"cannot log in as {user}: {response.text[:300]}")
    return session


def call(session, url, model, method, *args, **kwargs):
    response = session.post(
        f"{url}/web/dataset/call_kw",
        json={
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            }
        },
        timeout=60,
    )
    result = response.json()
    if "error" in result:
        sys.exit(f"{model}.{method}: {result['error']['data']['message']}")
    return result["result"]


def demo_ids(url, args):
    """The ids of the records the screens show, read as the administrator."""
    admin = login(url, args.db, "admin", args.admin_password)

    def ref(module, name):
        rows = call(
            admin,
            url,
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        if not rows:
            sys.exit(f"{module}.{name} is not in {args.db}: a demo database?")
        return rows[0]["res_id"]

    customer = ref("sunshine_helpdesk", "partner_hunan_power")
    tickets = call(
        admin,
        url,
        "helpdesk.ticket",
        "search",
        [("partner_id", "child_of", customer)],
        limit=1,
    )
    return {
        "ticket": ref("sunshine_helpdesk", "ticket_transmission_alarm"),
        "lot": ref("sunshine_spares", "lot_sdh_hunan_1"),
        "portal_ticket": tickets[0],
    }


class Chromium:
    """Headless Chromium driven by the DevTools protocol."""

    def __init__(self, width, height):
        binary = next(
            filter(
                None,
                map(shutil.which, ("chromium", "chromium-browser", "google-chrome")),
            ),
            None,
        )
        if not binary:
            sys.exit("Chromium is needed (Debian: sudo apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="screenshots-chromium-")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--lang=zh-CN",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _tenth in range(300):
            if port_file.exists() and len(port_file.read_text().split()) == 2:
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(target for target in pages if target["type"] == "page")
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.next_id = 0
        self.send("Page.enable")
        self.send("Network.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        # the users' clocks are in China, as their browsers' would be
        self.send("Emulation.setTimezoneOverride", timezoneId="Asia/Shanghai")
        self.send("Emulation.setLocaleOverride", locale="zh-CN")

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def screenshot(self, url, cookie, selector, path):
        self.send("Network.clearBrowserCookies")
        self.send(
            "Network.setCookie",
            name="session_id",
            value=cookie,
            url=url,
            path="/",
            httpOnly=True,
        )
        self.send("Page.navigate", url=url)
        for _try in range(120):
            result = self.send(
                "Runtime.evaluate",
                expression=READY % json.dumps(selector),
                awaitPromise=True,
                returnByValue=True,
            )
            if result.get("result", {}).get("value") is True:
                break
        else:
            print(f"  {url}: {selector} never showed, taken as it is")
        time.sleep(0.5)  # the last paint
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    args = parse_args()
    url = f"http://127.0.0.1:{args.port}"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with odoo_server(args, url):
        ids = demo_ids(url, args)
        sessions = {}
        browser = Chromium(args.width, args.height)
        try:
            for name, user, title, path, selector in SHOTS:
                if user not in sessions:
                    sessions[user] = login(url, args.db, user, args.password)
                cookie = sessions[user].cookies["session_id"]
                target = out / f"{name}.png"
                browser.screenshot(url + path.format(**ids), cookie, selector, target)
                print(f"{title}: {target}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
