import io
from collections import Counter, defaultdict
from datetime import date

import openpyxl

from odoo import Command
from odoo.tests import tagged

from .callback_common import SunshineCallbackCase


@tagged("post_install", "-at_install")
class TestCallbackReport(SunshineCallbackCase):
    """The XLSX statistics of the callbacks and surveys, read with openpyxl,
    against figures counted here from the records themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for n in range(5):
            cls.create_lot(f"T-REP-A{n}", initial_acceptance_date="2026-01-05")
        for n in range(3):
            cls.create_lot(
                f"T-REP-B{n}",
                customer=cls.customer_b,
                commissioning_date="2026-05-10",
                initial_acceptance_date="2026-05-20",
            )
        cls.plan("2026-05-31")
        cls.calls = cls.Callback.search([])
        done = cls.calls.filtered(lambda c: c.team_id == cls.team_a)[:3]
        done |= cls.calls.filtered(lambda c: c.team_id == cls.team_b)[:1]
        for call in done:
            call.action_done()
        cls.calls.filtered(lambda c: c.state == "planned")[:1].action_cancel()

    def render(self, xmlid, records, user=None):
        report = self.env.ref(xmlid)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.officer)
            ._render(report.report_name, records.ids)
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[4]]
        rows = [row for row in sheet.iter_rows(min_row=5, values_only=True)]
        return header, rows

    def test_coverage_equals_the_calls(self):
        header, rows = self.render(
            "sunshine_quality.action_report_callback_coverage", self.calls
        )
        self.assertEqual(
            header,
            [
                "Period",
                "Local Office",
                "Planned",
                "Done",
                "Coverage",
                "Frozen Coverage",
                "Frozen On",
            ],
        )
        expected = defaultdict(Counter)
        for call in self.calls.filtered(lambda c: c.state != "cancelled"):
            key = (call.period_name, call.team_id.display_name)
            expected[key]["planned"] += 1
            expected[key]["done"] += call.state == "done"
        found = {(row[0], row[1]): row for row in rows if row[0] != "Total"}
        self.assertEqual(set(found), set(expected))
        for key, figures in expected.items():
            row = found[key]
            self.assertEqual(row[2:4], (figures["planned"], figures["done"]), key)
            self.assertAlmostEqual(row[4], figures["done"] / figures["planned"], 4)
        total = next(row for row in rows if row[0] == "Total")
        self.assertEqual(total[2], sum(f["planned"] for f in expected.values()))
        self.assertEqual(total[3], 4)

    def test_closed_period_shows_its_frozen_figure(self):
        """A call done after its month closed moves the live figure, not the
        frozen one printed beside it."""
        Coverage = self.env["sunshine.callback.coverage"]
        frozen = Coverage._sunshine_freeze("month", date(2026, 5, 1))
        self.assertTrue(frozen)
        late = self.calls.filtered(
            lambda c: c.state == "planned" and c.period_name == "2026-05"
        )[:1]
        self.assertTrue(late, "an open call of the closed month")
        late.action_done()
        _header, rows = self.render(
            "sunshine_quality.action_report_callback_coverage", self.calls
        )
        found = {(row[0], row[1]): row for row in rows if row[0] != "Total"}
        for coverage in frozen:
            row = found[coverage.period_name, coverage.team_id.display_name]
            with self.subTest(team=coverage.team_id.display_name):
                self.assertAlmostEqual(row[5], coverage.coverage_percent / 100.0, 4)
                self.assertEqual(row[6], coverage.frozen_date.date().isoformat())
        row = found["2026-05", late.team_id.display_name]
        self.assertGreater(row[4], row[5], "the late call counts live only")
        # periods not closed have no frozen figure
        for key, row in found.items():
            if key[0] != "2026-05":
                self.assertIsNone(row[5], key)

    def test_satisfaction_equals_the_answers(self):
        survey = self.env["survey.survey"].create(
            {
                "title": "Report survey",
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Overall",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create({"value": str(n), "answer_score": n})
                                for n in range(1, 6)
                            ],
                        }
                    )
                ],
            }
        )
        campaign = self.env["sunshine.survey.campaign"].create(
            {
                "theme": "Spare parts",
                "survey_id": survey.id,
                "period_start": "2026-04-01",
                "department_id": self.department.id,
            }
        )
        campaign.action_generate_lines()
        question = survey.question_ids
        for line, score in zip(campaign.line_ids[:2], (4, 2), strict=False):
            answer = line._sunshine_answer().sudo()
            choice = question.suggested_answer_ids.filtered(
                lambda a, score=score: a.answer_score == score
            )
            answer._save_lines(question, choice.id)
            answer._mark_done()
        header, rows = self.render(
            "sunshine_quality.action_report_survey_satisfaction", campaign.line_ids
        )
        self.assertEqual(
            header[:4], ["Quarter", "Local Office", "Topic", "Customers Asked"]
        )
        by_team = defaultdict(list)
        for line in campaign.line_ids:
            by_team[line.team_id.display_name or "No Office"].append(line)
        found = {row[1]: row for row in rows}
        self.assertEqual(set(found), set(by_team))
        for team, lines in by_team.items():
            answered = [line for line in lines if line.state == "answered"]
            row = found[team]
            self.assertEqual(row[0], "2026-Q2")
            self.assertEqual(row[2], "Spare parts")
            self.assertEqual(row[3:5], (len(lines), len(answered)))
            self.assertAlmostEqual(row[5], len(answered) / len(lines), 4)
            if answered:
                mean = sum(line.satisfaction_score for line in answered) / len(answered)
                self.assertAlmostEqual(row[6], mean, 2)
            else:
                self.assertIsNone(row[6])

    def test_key_issues(self):
        Issue = self.env["sunshine.callback.issue"]
        issues = Issue.create(
            [
                {
                    "title": f"Issue {n}",
                    "callback_id": self.calls[n].id,
                    "partner_id": self.calls[n].partner_id.id,
                    "department_id": self.department.id,
                }
                for n in range(3)
            ]
        )
        issues[:2].action_mark_key_issue()
        header, rows = self.render(
            "sunshine_quality.action_report_callback_key_issues", issues
        )
        self.assertEqual(header[0], "Number")
        numbers = [row[0] for row in rows if row[0] != "Total"]
        self.assertEqual(numbers, issues[:2].sorted("id").mapped("name"))
        total = next(row for row in rows if row[0] == "Total")
        self.assertEqual(total[1], "2")

    def test_statistics_wizard_of_a_period(self):
        wizard = (
            self.env["sunshine.callback.statistics.wizard"]
            .with_user(self.officer)
            .create(
                {
                    "report": "coverage",
                    "date_from": "2026-05-01",
                    "date_to": "2026-05-31",
                    "team_ids": [(6, 0, [self.office.id])],
                }
            )
        )
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "sunshine_quality.callback_coverage_period_xlsx"
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render(action["report_name"], wizard.ids)
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(min_row=5, values_only=True))
        may = self.calls.filtered(
            lambda c: c.period_name == "2026-05" and c.state != "cancelled"
        )
        self.assertTrue(may)
        self.assertEqual({row[0] for row in rows if row[0] != "Total"}, {"2026-05"})
        total = next(row for row in rows if row[0] == "Total")
        self.assertEqual(total[2], len(may))
        self.assertEqual(total[3], len(may.filtered(lambda c: c.state == "done")))
        self.assertIn("2026-05-01", sheet["A2"].value)

    def test_key_issues_of_a_period_are_days_of_the_user(self):
        """A key issue raised at 07:30 in Shanghai on 1 July is of July,
        though it is still 30 June in UTC; one raised at 23:00 in Shanghai
        on 30 June is not."""
        issues = self.env["sunshine.callback.issue"].create(
            [
                {
                    "title": title,
                    "callback_id": self.calls[0].id,
                    "partner_id": self.calls[0].partner_id.id,
                    "department_id": self.department.id,
                }
                for title in ("07:30 on 1 July", "23:00 on 30 June")
            ]
        )
        issues.action_mark_key_issue()
        for issue, moment in zip(
            issues, ("2026-06-30 23:30:00", "2026-06-30 15:00:00"), strict=True
        ):
            self.env.cr.execute(
                "UPDATE sunshine_callback_issue SET create_date = %s WHERE id = %s",
                (moment, issue.id),
            )
        issues.invalidate_recordset(["create_date"])
        wizard = (
            self.env["sunshine.callback.statistics.wizard"]
            .with_user(self.officer)
            .with_context(tz="Asia/Shanghai")
            .create(
                {
                    "report": "key_issues",
                    "date_from": "2026-07-01",
                    "date_to": "2026-07-31",
                }
            )
        )
        found = self.env["sunshine.callback.issue"].search(wizard._records_domain())
        self.assertEqual(found & issues, issues[0])
