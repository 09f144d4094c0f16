"""helpdesk_mgmt in Chinese: the terms of addons/helpdesk_mgmt/i18n_extra/zh_CN.po.

OCA helpdesk_mgmt ships no zh_CN. Odoo reads ``<module>/i18n_extra/<lang>.po``
from every addons directory, so that file is helpdesk_mgmt's own zh_CN:
loaded with the module's terms (install, update, language install) and read
for its code terms at run time. ``./sunshine test`` updates helpdesk_mgmt
before the tests run, so these tests also show the terms survive its update.
"""

from pathlib import Path

import polib

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader, code_translations

OVERLAY = "helpdesk_mgmt/i18n_extra/zh_CN.po"


@tagged("post_install", "-at_install")
class TestHelpdeskMgmtChinese(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_every_term_of_helpdesk_mgmt_is_translated(self):
        path = Path(file_path(OVERLAY))
        self.assertEqual(path.parent.parent.parent.name, "addons", "ours, not OCA's")
        translated = {
            entry.msgid
            for entry in polib.pofile(str(path))
            if entry.msgstr and "fuzzy" not in entry.flags
        }
        terms = {
            term[4] for term in TranslationModuleReader(self.env.cr, ["helpdesk_mgmt"])
        }
        missing = sorted(terms - translated)
        self.assertFalse(
            missing,
            f"helpdesk_mgmt: {len(missing)} terms without zh_CN in {OVERLAY} "
            "(a new version of helpdesk_mgmt?); see addons/helpdesk_mgmt/README.md",
        )

    def test_model_terms_are_chinese(self):
        zh = self.zh
        stages = {
            xmlid: zh.ref(f"helpdesk_mgmt.helpdesk_ticket_stage_{xmlid}").name
            for xmlid in (
                "new",
                "in_progress",
                "awaiting",
                "done",
                "cancelled",
                "rejected",
            )
        }
        self.assertEqual(
            stages,
            {
                "new": "新建",
                "in_progress": "处理中",
                "awaiting": "等待客户",
                "done": "已完成",
                "cancelled": "已取消",
                "rejected": "已拒绝",
            },
        )
        self.assertEqual(
            zh.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").name, "电话"
        )
        fields = zh["helpdesk.ticket"].fields_get(["team_id", "user_id", "priority"])
        self.assertEqual(fields["team_id"]["string"], "团队")
        self.assertEqual(fields["user_id"]["string"], "负责人")
        self.assertIn(("3", "很高"), fields["priority"]["selection"])
        self.assertEqual(
            zh["helpdesk.ticket"].fields_get(["activity_state"])["activity_state"][
                "selection"
            ],
            [("overdue", "逾期"), ("today", "今天"), ("planned", "已安排")],
        )
        search = zh["helpdesk.ticket"].get_views([(False, "search")])["views"]["search"]
        self.assertIn("未分派", search["arch"])
        self.assertNotIn('string="Unassigned"', search["arch"])
        self.assertEqual(zh.ref("helpdesk_mgmt.helpdesk_ticket_menu").name, "工单")

    def test_closed_ticket_mail_is_chinese(self):
        customer = self.env["res.partner"].create(
            {"name": "王先生", "email": "wang@example.com", "lang": "zh_CN"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "传输告警",
                "description": "<p>告警</p>",
                "partner_id": customer.id,
            }
        )
        template = self.env.ref("helpdesk_mgmt.closed_ticket_template")
        self.assertEqual(template._render_lang(ticket.ids), {ticket.id: "zh_CN"})
        values = template.with_context(lang="zh_CN")._generate_template(
            ticket.ids, ["subject", "body_html"]
        )[ticket.id]
        self.assertEqual(values["subject"], f"服务工单 {ticket.number} 已关闭")
        self.assertIn("王先生，您好", values["body_html"])
        self.assertIn("已关闭", values["body_html"])
        self.assertNotIn("has been closed", values["body_html"])

    def test_code_terms_are_chinese(self):
        python = code_translations.get_python_translations("helpdesk_mgmt", "zh_CN")
        self.assertEqual(python["Newest"], "最新")
        self.assertEqual(python["Search in All"], "全部搜索")
        web = code_translations.get_web_translations("helpdesk_mgmt", "zh_CN")
        self.assertIn(
            "所选文件（%sB）超过了允许的最大文件大小（%sB）。",
            [message["string"] for message in web["messages"]],
        )

    def test_portal_pages_are_chinese(self):
        contact = self.env["res.partner"].create(
            {"name": "门户客户", "email": "portal.zh@example.com", "lang": "zh_CN"}
        )
        user = new_test_user(
            self.env,
            login="helpdesk_zh_portal",
            groups="base.group_portal",
            partner_id=contact.id,
            lang="zh_CN",
        )
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "光路告警", "description": "<p>告警</p>", "partner_id": contact.id}
        )
        self.authenticate(user.login, user.login)
        tickets = self.url_open("/my/tickets")
        self.assertEqual(tickets.status_code, 200)
        for term in ("最新", "提交人", "编号", "阶段", "光路告警"):
            self.assertIn(term, tickets.text)
        for term in ("Newest", "Search in All", "Last Stage Update"):
            self.assertNotIn(term, tickets.text)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("阶段更新于", page.text)
        self.assertIn("响应截止", page.text)
        form = self.url_open("/new/ticket")
        self.assertEqual(form.status_code, 200)
        for term in ("提交新工单", "主题", "提交工单"):
            self.assertIn(term, form.text)
        self.assertNotIn("Submit Ticket", form.text)
