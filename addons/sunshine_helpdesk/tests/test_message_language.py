"""Messages written without a language in the environment (data files,
scheduled actions) are in one language, the user's: not "SLA Policy 创建"
or "北京工程处（Engineering Office）"."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunshineHelpdeskCase


@tagged("post_install", "-at_install")
class TestMessageLanguage(SunshineHelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # what a scheduled action runs with: its user, no language
        cls.env.user.lang = "zh_CN"
        cls.no_lang = cls.env(context={})

    def test_creation_message(self):
        policy = self.no_lang["sunshine.sla.policy"].create(
            {
                "name": "Test policy",
                "clock_id": self.env.ref("sunshine_helpdesk.sla_clock_response").id,
                "duration_minutes": 10,
                "calendar_id": self.env.ref(
                    "sunshine_helpdesk.resource_calendar_7x24"
                ).id,
            }
        )
        self.assertEqual(policy.message_ids.mapped("body"), ["<p>SLA 策略 创建</p>"])

    def test_escalation_on_breach(self):
        with freeze_time("2026-03-02 10:00"):
            ticket = self.create_ticket()
        with freeze_time("2026-03-02 10:31"):
            self.no_lang["sunshine.sla.timer"]._cron_process_due_timers()
        self.assertEqual(ticket.team_id, self.team_office)
        escalation = ticket.message_ids.filtered(lambda message: "升级" in message.body)
        self.assertEqual(len(escalation), 1)
        body = str(escalation.body)
        # the short names of the teams, the level in Chinese
        self.assertIn("已从 Test Centre 升级到 Test Office（工程处）", body)
        self.assertIn("SLA 已超时：响应截止于", body)
        for english in ("Engineering Office", "Response", "Escalated", "due"):
            self.assertNotIn(english, body)

    def test_tracked_selection(self):
        ticket = self.create_ticket(severity="minor")
        self.env.cr.precommit.run()
        ticket.with_env(self.no_lang).severity = "major"
        self.env.cr.precommit.run()
        tracking = ticket.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "severity"
        )
        self.assertEqual(
            (tracking.old_value_char, tracking.new_value_char), ("一般", "重大")
        )
