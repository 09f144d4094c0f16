import json

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class AddonInstallMixin:
    """Checks that an addon installed with its groups and its root menu.

    Mixed into a ``TransactionCase`` by each Sunshine addon, which sets
    ``module``, ``group_xmlids`` (lowest first) and ``root_menu_xmlid``.
    """

    module = None
    group_xmlids = ()
    root_menu_xmlid = None

    def test_addon_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", self.module)])
        self.assertEqual(module.state, "installed")

    def test_groups_have_a_category(self):
        for xmlid in self.group_xmlids:
            group = self.env.ref(f"{self.module}.{xmlid}")
            self.assertTrue(group.category_id, f"{xmlid} has no category")

    def test_root_menu_only_for_the_addon_groups(self):
        menu = self.env.ref(f"{self.module}.{self.root_menu_xmlid}")
        member = new_test_user(
            self.env,
            login=f"{self.module}_member",
            groups=f"base.group_user,{self.module}.{self.group_xmlids[0]}",
        )
        outsider = new_test_user(
            self.env, login=f"{self.module}_outsider", groups="base.group_user"
        )
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(member)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(outsider)._visible_menu_ids())


class QueryCountMixin:
    """Counts the queries of a call, for the performance tests of the addons."""

    def count_queries(self, function):
        """The queries of ``function`` on cold record caches, flushed, and
        its result."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, result


class RpcError(Exception):
    """An error answered by the external API: its exception name and message."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class RpcCaseMixin:
    """Calls the external API as a user, as any client of Odoo can.

    Mixed into an ``HttpCase``. The call goes through JSON-RPC
    (``/web/dataset/call_kw``) after a real login; what the server refuses
    there is refused to every client, whatever the views show.
    """

    _rpc_login = None

    def rpc(self, user, model, method, *args, password=None, **kwargs):
        """``model.method(*args, **kwargs)`` as ``user``; its result, or
        ``RpcError``. ``password`` defaults to the login, as for
        ``new_test_user``."""
        if self._rpc_login != user.login:
            self.authenticate(user.login, password or user.login)
            self._rpc_login = user.login
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 0,
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            data = body["error"]["data"]
            raise RpcError(data["name"], data["message"])
        # a method that returns None answers no "result"
        return body.get("result")

    def assertRpcRefused(
        self, user, model, method, *args, error="odoo.exceptions.AccessError", **kw
    ):
        """The call is refused with ``error``; returns the message."""
        with self.assertRaises(RpcError) as caught:
            self.rpc(user, model, method, *args, **kw)
        self.assertEqual(caught.exception.name, error, caught.exception.message)
        return caught.exception.message


class SunshineHelpdeskCase(TransactionCase):
    """A small service organisation of its own, on the demo SLA policies.

    Teams: HQ (level 4) > division (3) > office (2) > two centres (1).
    The demo policies (the seed's numbers, 7x24) apply to every ticket.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo database speaks Chinese; these tests read English messages.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Team = cls.env["helpdesk.ticket.team"]
        cls.manager = new_test_user(
            cls.env,
            login="sla_manager",
            groups="sunshine_helpdesk.group_service_manager",
        )
        cls.dispatcher = new_test_user(
            cls.env,
            login="sla_dispatcher",
            groups="sunshine_helpdesk.group_service_dispatcher",
        )
        cls.agent = new_test_user(
            cls.env, login="sla_agent", groups="sunshine_helpdesk.group_service_agent"
        )
        cls.other_agent = new_test_user(
            cls.env,
            login="sla_other_agent",
            groups="sunshine_helpdesk.group_service_agent",
        )
        cls.division_leader = new_test_user(
            cls.env,
            login="sla_division_leader",
            groups="sunshine_helpdesk.group_service_dispatcher",
        )
        cls.team_hq = Team.create({"name": "Test HQ", "support_level": "4"})
        cls.team_division = Team.create(
            {
                "name": "Test Division",
                "support_level": "3",
                "parent_id": cls.team_hq.id,
                "user_id": cls.division_leader.id,
                "user_ids": [Command.link(cls.division_leader.id)],
            }
        )
        cls.team_office = Team.create(
            {
                "name": "Test Office",
                "support_level": "2",
                "parent_id": cls.team_division.id,
                "user_id": cls.dispatcher.id,
                "user_ids": [Command.link(cls.dispatcher.id)],
            }
        )
        cls.team_centre = Team.create(
            {
                "name": "Test Centre",
                "support_level": "1",
                "parent_id": cls.team_office.id,
                "user_ids": [Command.link(cls.agent.id)],
            }
        )
        cls.team_other_centre = Team.create(
            {
                "name": "Test Other Centre",
                "support_level": "1",
                "parent_id": cls.team_office.id,
                "user_ids": [Command.link(cls.other_agent.id)],
            }
        )
        cls.policy_response = cls.env.ref("sunshine_helpdesk.sla_policy_response")
        cls.policy_arrival = cls.env.ref("sunshine_helpdesk.sla_policy_arrival")
        cls.policy_resolution = cls.env.ref("sunshine_helpdesk.sla_policy_resolution")
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.partner = cls.env["res.partner"].create(
            {"name": "Test Customer Co.", "is_company": True}
        )

    @classmethod
    def create_ticket(cls, **values):
        vals = {
            "name": "Transmission alarm",
            "description": "<p>Board alarm on site</p>",
            "team_id": cls.team_centre.id,
            "user_id": cls.agent.id,
            "severity": "critical",
            "service_mode": "phone",
            "partner_id": cls.partner.id,
        }
        vals.update(values)
        return cls.env["helpdesk.ticket"].create(vals)

    def run_cron(self):
        return self.env["sunshine.sla.timer"]._cron_process_due_timers()
