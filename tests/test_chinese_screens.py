"""Every role's main screens in Chinese: no English word a user would read.

Each demo user (zh_CN) opens the screens of their work in a real browser;
the test reads the visible text (``document.body.innerText``, and that of
the shadow roots, where the portal's chatter is) and fails on any word of
Latin letters that is not a code (letters with digits: serials,
ticket and certificate numbers, product codes), an e-mail address or a web
address, or a term of the short allow-list below (abbreviations that Chinese
users read as they are).
"""

import re

from suite_case import SuiteHttpCase

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser

# Read as they are by Chinese users: the suite's own abbreviations, file
# formats, the product's name and the technical terms of the demo's faults.
ALLOWED = {
    "SLA",
    "PDF",
    "XLSX",
    "Odoo",
    "OdooBot",
    "CNY",
    # equipment and fault terms of the demo (telecom abbreviations)
    "SDH",
    "PTN",
    "ONU",
    "MAC",
    "BootROM",
    "R_LOS",
    "LOS",
    "DC",
}
# e-mail and web addresses, paths; then words: runs of letters and digits
# with the characters that occur inside codes
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|(?<!\S)/\S*")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-./]*")
# a product or part code: capitals in parts joined by hyphens (SUN-SDH-FAN)
CODE = re.compile(r"[A-Z]+(?:-[A-Z0-9]+)+")


def latin_words(text):
    """The words of ``text`` that a Chinese user should not meet, each with
    the text around its first occurrence."""
    words = {}
    for match in WORD.finditer(ADDRESS.sub(" ", text)):
        word = match.group().strip("-./_")
        if not re.search("[A-Za-z]", word) or any(char.isdigit() for char in word):
            continue  # a code or a number: HT00012, SDH2500-HN-0001, 48V
        if CODE.fullmatch(word) or word in ALLOWED:
            continue
        if all(part in ALLOWED for part in re.split(r"[/\-]", word)):
            continue
        if word not in words:
            start = max(match.start() - 15, 0)
            words[word] = " ".join(
                ADDRESS.sub(" ", text)[start : match.end() + 15].split()
            )
    return words


# A screen is ready when its selector matches (in the page or in a shadow
# root), the client is not loading any more, and it stays so for a moment
# (the chatter loads after the form).
READY = """
new Promise((resolve) => setTimeout(() => {
    const find = (root, selector) => root.querySelector(selector)
        || [...root.querySelectorAll("*")]
            .filter((element) => element.shadowRoot)
            .map((element) => find(element.shadowRoot, selector))
            .find(Boolean);
    resolve(
        !!find(document, %(selector)s)
        && !document.querySelector('.o_loading_indicator, .o_blockUI')
    );
}, 400))
"""


# The page's text and the text of its shadow roots (the portal's chatter is
# mounted in one), without their style sheets.
VISIBLE_TEXT = """
(() => {
    const texts = [document.body.innerText];
    const visit = (root) => {
        for (const element of root.querySelectorAll("*")) {
            if (!element.shadowRoot) {
                continue;
            }
            for (const child of element.shadowRoot.children) {
                if (!["STYLE", "LINK", "SCRIPT"].includes(child.tagName)) {
                    texts.push(child.innerText || "");
                }
            }
            visit(element.shadowRoot);
        }
    };
    visit(document);
    return texts.join("\\n");
})()
"""


@tagged("post_install", "-at_install", "sunshine_zh_screens")
class TestChineseScreens(SuiteHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref(
            "sunshine_helpdesk.user_dispatcher_changsha", raise_if_not_found=False
        ):
            cls.skipTest(cls, "the screens of the demo users need the demo data")
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.ticket = cls.env.ref("sunshine_helpdesk.ticket_transmission_alarm")
        cls.lot = cls.env.ref("sunshine_spares.lot_sdh_hunan_1")
        cls.part_list = cls.env.ref("sunshine_spares.spare_part_list_sdh")
        cls.training_session = cls.env.ref(
            "sunshine_training.session_transmission_done"
        )
        cls.inspection = cls.env.ref(
            "sunshine_quality.sunshine_inspection_demo_sdh_hunan_confirmed"
        )
        cls.repair = cls.env.ref("sunshine_spares.repair_switch_hunan_board")
        customer = cls.env.ref("sunshine_helpdesk.user_portal_customer")
        cls.customer = customer
        cls.portal_ticket = cls.env["helpdesk.ticket"].search(
            [
                (
                    "partner_id",
                    "child_of",
                    customer.partner_id.commercial_partner_id.id,
                )
            ],
            limit=1,
        )
        cls.portal_lot = cls.env["stock.lot"].search(
            [
                (
                    "customer_id",
                    "child_of",
                    customer.partner_id.commercial_partner_id.id,
                )
            ],
            limit=1,
        )

    def visible_texts(self, login, screens):
        """Open each (name, url, selector) as ``login``; their visible texts."""
        browser = ChromeBrowser(self, headless=True)
        texts = {}
        try:
            self.authenticate(login, login, browser=browser)
            self.cr.flush()
            self.cr.clear()
            for name, url, selector in screens:
                browser.navigate_to(self.base_url() + url, wait_stop=True)
                ready = READY % {"selector": repr(selector)}
                self.assertTrue(
                    browser._wait_ready(ready, timeout=60),
                    f"{login}: screen {name} ({url}) did not show {selector}",
                )
                result = browser._websocket_request(
                    "Runtime.evaluate",
                    params={"expression": VISIBLE_TEXT, "returnByValue": True},
                )
                texts[name] = result["result"]["value"]
        finally:
            browser.stop()
            self._wait_remaining_requests()
        return texts

    def assert_chinese(self, login, screens):
        self.env.ref("base.user_admin")  # the registry is loaded
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertEqual(user.lang, "zh_CN", f"{login} reads Chinese")
        # the demo users' passwords are their logins in the tests
        user.password = login
        texts = self.visible_texts(login, screens)
        offending = {
            name: words for name, text in texts.items() if (words := latin_words(text))
        }
        self.assertFalse(
            offending,
            f"{login} meets English words:\n"
            + "\n".join(
                f"  {name}: "
                + "; ".join(f"{word} («{around}»)" for word, around in words.items())
                for name, words in offending.items()
            ),
        )
        for name, text in texts.items():
            self.assertRegex(text, r"[\u4e00-\u9fff]", f"{name}: no Chinese at all")

    def action_url(self, xmlid, record=None, view_type=None):
        url = f"/odoo/action-{xmlid}"
        if record:
            url += f"/{record.id}"
        if view_type:
            url += f"?view_type={view_type}"
        return url

    def ticket_screens(self):
        tickets = "sunshine_helpdesk.helpdesk_ticket_action_service"
        return [
            ("工单列表", self.action_url(tickets, view_type="list"), ".o_data_row"),
            (
                "工单看板",
                self.action_url(tickets, view_type="kanban"),
                ".o_kanban_record:not(.o_kanban_ghost)",
            ),
            (
                "工单表单",
                self.action_url(tickets, self.ticket),
                ".o_form_view .o-mail-Chatter .o-mail-Message",
            ),
        ]

    def inspection_screens(self):
        inspections = "sunshine_quality.sunshine_inspection_action"
        return [
            ("现场巡检", self.action_url(inspections, view_type="list"), ".o_data_row"),
            (
                "巡检表单",
                self.action_url(inspections, self.inspection),
                ".o_form_view .o_data_row",
            ),
        ]

    def test_dispatcher(self):
        self.assert_chinese(
            "dispatcher.changsha",
            [
                *self.ticket_screens(),
                (
                    "升级记录",
                    self.action_url(
                        "sunshine_helpdesk.sunshine_ticket_escalation_action",
                        view_type="list",
                    ),
                    ".o_view_controller",
                ),
                (
                    "SLA 计时器",
                    self.action_url(
                        "sunshine_helpdesk.sunshine_sla_timer_action", view_type="list"
                    ),
                    ".o_data_row",
                ),
                (
                    "SLA 达成率",
                    self.action_url(
                        "sunshine_helpdesk.sunshine_sla_compliance_report_action"
                    ),
                    ".o_view_controller",
                ),
            ],
        )

    def test_engineer(self):
        lots = "sunshine_spares.stock_lot_action_installed_base"
        self.assert_chinese(
            "agent.changsha",
            [
                *self.ticket_screens(),
                (
                    "设备表单",
                    self.action_url(lots, self.lot),
                    ".o_form_view .o_field_widget",
                ),
                (
                    "我的认证",
                    self.action_url("sunshine_training.sunshine_certification_action"),
                    ".o_data_row",
                ),
                *self.inspection_screens(),
            ],
        )

    def test_warehouse_clerk(self):
        lists = "sunshine_spares.sunshine_spare_part_list_action"
        lots = "sunshine_spares.stock_lot_action_installed_base"
        self.assert_chinese(
            "warehouse.changsha",
            [
                ("设备列表", self.action_url(lots, view_type="list"), ".o_data_row"),
                (
                    "设备表单",
                    self.action_url(lots, self.lot),
                    ".o_form_view .o_field_widget",
                ),
                ("备件清单", self.action_url(lists, view_type="list"), ".o_data_row"),
                (
                    "备件清单表单",
                    self.action_url(lists, self.part_list),
                    ".o_form_view .o_data_row",
                ),
                (
                    "工单用件",
                    self.action_url("sunshine_spares.sunshine_ticket_part_action"),
                    ".o_view_controller",
                ),
                (
                    "维修单",
                    self.action_url(
                        "repair.action_repair_order_tree", view_type="list"
                    ),
                    ".o_data_row",
                ),
                (
                    "维修单表单",
                    self.action_url("repair.action_repair_order_tree", self.repair),
                    ".o_form_view .o_field_widget",
                ),
            ],
        )

    def test_trainer(self):
        sessions = "sunshine_training.sunshine_training_session_action"
        self.assert_chinese(
            "trainer",
            [
                (
                    "培训场次",
                    self.action_url(sessions, view_type="list"),
                    ".o_data_row",
                ),
                (
                    "培训场次表单",
                    self.action_url(sessions, self.training_session),
                    ".o_form_view .o_data_row",
                ),
                (
                    "认证",
                    self.action_url("sunshine_training.sunshine_certification_action"),
                    ".o_data_row",
                ),
                (
                    "即将到期",
                    self.action_url(
                        "sunshine_training.sunshine_certification_action_expiries"
                    ),
                    ".o_view_controller",
                ),
            ],
        )

    def test_quality_officer(self):
        complaints = "sunshine_quality.sunshine_complaint_action"
        complaint = self.env["sunshine.complaint"].search([], limit=1)
        self.assertTrue(complaint, "the demo has complaints")
        self.assert_chinese(
            "quality.officer",
            [
                (
                    "投诉列表",
                    self.action_url(complaints, view_type="list"),
                    ".o_data_row",
                ),
                (
                    "投诉表单",
                    self.action_url(complaints, complaint),
                    ".o_form_view .o-mail-Chatter",
                ),
                (
                    "电话询检",
                    self.action_url("sunshine_quality.sunshine_callback_action"),
                    ".o_view_controller",
                ),
                (
                    "询检问题",
                    self.action_url(
                        "sunshine_quality.sunshine_callback_issue_action",
                        view_type="list",
                    ),
                    ".o_view_controller",
                ),
                (
                    "满意度测评",
                    self.action_url(
                        "sunshine_quality.sunshine_survey_campaign_action",
                        self.env.ref("sunshine_quality.survey_campaign_current"),
                    ),
                    ".o_form_view .o_field_widget",
                ),
                *self.inspection_screens(),
            ],
        )

    def test_callers(self):
        """The local office's caller and the engineering office that
        supervises it: their calls, and the inspections the office reads."""
        callbacks = "sunshine_quality.sunshine_callback_action"
        for login in ("callback.changsha", "callback.beijing"):
            with self.subTest(login=login):
                self.assert_chinese(
                    login,
                    [
                        (
                            "电话询检",
                            self.action_url(callbacks, view_type="list"),
                            ".o_view_controller",
                        ),
                        (
                            "询检看板",
                            self.action_url(callbacks, view_type="kanban"),
                            ".o_view_controller",
                        ),
                    ],
                )

    def test_customer_portal(self):
        self.assertTrue(self.portal_ticket, "the demo customer has tickets")
        # what the customer may read, by the portal's rules
        inspection, complaint = (
            self.env[model].with_user(self.customer).search([], limit=1)
            for model in ("sunshine.inspection", "sunshine.complaint")
        )
        self.assertTrue(inspection and complaint, "the customer has both")
        self.assert_chinese(
            "portal.customer",
            [
                ("门户首页", "/my/home", ".o_portal_my_home"),
                ("我的工单", "/my/tickets", ".o_portal_my_doc_table, table"),
                # the chatter is mail's, mounted in a shadow root
                (
                    "工单页面",
                    f"/my/ticket/{self.portal_ticket.id}",
                    ".o-mail-Thread",
                ),
                ("提交工单", "/new/ticket", "form"),
                ("我的设备", "/my/equipment", "table"),
                ("设备页面", f"/my/equipment/{self.portal_lot.id}", "#wrap"),
                ("我的巡检", "/my/inspections", "table"),
                (
                    "巡检页面",
                    f"/my/inspections/{inspection.id}",
                    ".o-mail-Thread",
                ),
                ("我的投诉", "/my/complaints", "#wrap"),
                ("投诉页面", f"/my/complaints/{complaint.id}", ".o-mail-Thread"),
            ],
        )
