from odoo.tests import Form, tagged

from . import case_fixture
from .common import SunshineCaseCase


@tagged("post_install", "-at_install")
class TestSuggest(SunshineCaseCase):
    """Open tickets are offered the published cases that fit them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = cls.create_cases()

    def keys(self, cases):
        by_id = {case.id: key for key, case in self.cases.items()}
        return [by_id.get(case.id, case.name) for case in cases]

    def test_known_symptoms_in_other_words_find_their_case(self):
        """Each new ticket of the fixture gets its case in the first three."""
        for values, expected in case_fixture.QUERIES:
            with self.subTest(expected=expected):
                ticket = self.query_ticket(*values).with_user(self.engineer)
                offered = self.keys(ticket.suggested_case_ids)
                self.assertLessEqual(len(offered), 5)
                self.assertIn(expected, offered[:3], offered)

    def test_without_fault_code_ranked_by_text(self):
        """No fault, no serial, no product line: the text alone ranks, and
        the case of the same symptom comes first."""
        queries = [
            (values, expected)
            for values, expected in case_fixture.QUERIES
            if not any(values[2:])
        ]
        self.assertGreaterEqual(len(queries), 4)
        for values, expected in queries:
            with self.subTest(expected=expected):
                ticket = self.query_ticket(*values)
                offered = self.keys(ticket._sunshine_suggest_cases())
                self.assertEqual(offered[0], expected, offered)

    def test_text_of_other_faults_finds_nothing(self):
        ticket = self.create_ticket("客户咨询发票开具", "<p>请问发票什么时候寄出？</p>")
        self.assertFalse(ticket.suggested_case_ids)
        empty = self.create_ticket("?", "<p><br></p>")
        self.assertIsNone(empty._sunshine_suggestion_query(5))
        self.assertFalse(empty.suggested_case_ids)

    def test_fault_code_and_model_rank_first(self):
        """A vague ticket with a fault code is offered that fault's cases,
        those of its equipment model first."""
        ticket = self.create_ticket(
            "设备有问题",
            "<p>请尽快处理。</p>",
            fault_code_id=self.faults["T-LOS"].id,
            lot_id=self.create_lot("olt").id,
        )
        offered = self.keys(ticket.suggested_case_ids)
        los = [key for key, *rest in case_fixture.CASES if rest[2] == "T-LOS"]
        self.assertCountEqual(offered, los)
        self.assertCountEqual(offered[:2], ["olt_pon_los", "olt_onu_flapping"])

    def test_only_published_cases_of_the_company_not_yet_applied(self):
        values, expected = case_fixture.QUERIES[1]
        ticket = self.query_ticket(*values)
        case = self.cases[expected]
        self.assertIn(case, ticket.suggested_case_ids)
        for state in ("draft", "reviewed", "obsolete"):
            case._sunshine_as_action().write({"state": state})
            ticket.invalidate_recordset(["suggested_case_ids"])
            self.assertNotIn(case, ticket.suggested_case_ids, state)
        case._sunshine_as_action().write({"state": "published"})
        other_company = self.env["res.company"].create({"name": "Case Other Co."})
        case.company_id = other_company
        ticket.invalidate_recordset(["suggested_case_ids"])
        self.assertNotIn(case, ticket.with_user(self.engineer).suggested_case_ids)
        case.company_id = self.env.company
        self.env["sunshine.case.use"]._sunshine_apply(ticket, case)
        ticket.invalidate_recordset(["suggested_case_ids"])
        self.assertNotIn(case, ticket.suggested_case_ids, "already applied")

    def test_resolved_ticket_is_offered_nothing(self):
        values, expected = case_fixture.QUERIES[2]
        ticket = self.query_ticket(*values)
        self.assertIn(self.cases[expected], ticket.suggested_case_ids)
        self.resolve(ticket)
        self.assertFalse(ticket.suggested_case_ids)

    def test_suggestions_follow_the_ticket_being_typed(self):
        """The hotline sees the cases while typing a new ticket."""
        with Form(self.env["helpdesk.ticket"].with_user(self.engineer)) as form:
            form.name = "咨询"
            form.team_id = self.team
            form.partner_id = self.contact
            self.assertFalse(form.suggested_case_ids)
            form.description = "<p>告警板蜂鸣器一直响，按消音键也没用。</p>"
            self.assertEqual(
                self.keys(form.suggested_case_ids[:1]),
                ["alm_buzzer"],
            )
