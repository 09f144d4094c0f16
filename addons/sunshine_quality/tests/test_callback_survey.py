from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .callback_common import SunshineCallbackCase


@tagged("post_install", "-at_install")
class TestSurveyCampaign(SunshineCallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.create_lot("T-SURVEY-A", initial_acceptance_date="2026-01-05")
        cls.create_lot("T-SURVEY-B", customer=cls.customer_b)
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Test satisfaction",
                "access_mode": "token",
                "questions_layout": "one_page",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Overall satisfaction",
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
        cls.question = cls.survey.question_ids
        cls.campaign = (
            cls.env["sunshine.survey.campaign"]
            .with_user(cls.officer)
            .create(
                {
                    "theme": "Response time",
                    "survey_id": cls.survey.id,
                    "period_start": date(2026, 8, 15),
                    "threshold": 3.0,
                    "department_id": cls.department.id,
                }
            )
        )

    def answer(self, user_input, score):
        """Answer as the survey's pages do: with the answer's token, in sudo."""
        user_input = user_input.sudo()
        choice = self.question.suggested_answer_ids.filtered(
            lambda a: a.answer_score == score
        )
        user_input._save_lines(self.question, choice.id)
        user_input._mark_done()

    def ours(self):
        return self.campaign.line_ids.filtered(
            lambda line: line.partner_id in self.customer_a | self.customer_b
        )

    def test_invitations_once_per_quarter(self):
        self.assertEqual(self.campaign.period_start, date(2026, 7, 1))
        self.assertEqual(self.campaign.period_name, "2026-Q3")
        self.campaign.action_generate_lines()
        self.campaign.action_generate_lines()
        lines = self.ours()
        self.assertEqual(lines.partner_id, self.customer_a | self.customer_b)
        line_a = lines.filtered(lambda line: line.partner_id == self.customer_a)
        line_b = lines - line_a
        self.assertEqual(line_a.channel, "email")
        self.assertEqual(line_b.channel, "letter")
        self.campaign.line_ids.filtered(
            lambda line: line.channel == "email" and not line.partner_id.email
        ).write({"channel": "letter"})
        Mail = self.env["mail.mail"]
        self.campaign.action_send_invitations()
        mails = Mail.search([("model", "=", line_a._name), ("res_id", "=", line_a.id)])
        self.assertEqual(len(mails), 1)
        answer = line_a.user_input_id
        self.assertEqual(answer.sunshine_campaign_line_id, line_a)
        self.assertEqual(answer.partner_id, self.customer_a)
        self.assertIn(answer.access_token, mails.body_html)
        self.assertEqual(line_a.state, "invited")
        self.assertEqual(line_b.state, "to_invite", "a letter is not e-mailed")
        # rerun: nobody invited twice
        self.campaign.action_send_invitations()
        self.assertEqual(
            Mail.search_count(
                [("model", "=", line_a._name), ("res_id", "=", line_a.id)]
            ),
            1,
        )
        self.assertEqual(
            self.env["survey.user_input"].search_count(
                [("sunshine_campaign_line_id", "=", line_a.id)]
            ),
            1,
        )
        # a second campaign, or the same customer twice, in the quarter
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["sunshine.survey.campaign"].create(
                {
                    "theme": "Other",
                    "survey_id": self.survey.id,
                    "period_start": date(2026, 9, 30),
                    "department_id": self.department.id,
                }
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["sunshine.survey.campaign.line"].create(
                {"campaign_id": self.campaign.id, "partner_id": self.customer_a.id}
            )

    def test_letter_answer_keyed_in_is_linked_and_low_score_follows_up(self):
        self.campaign.action_generate_lines()
        line_b = self.ours().filtered(lambda line: line.partner_id == self.customer_b)
        action = line_b.with_user(self.officer).action_key_in()
        answer = line_b.user_input_id
        self.assertIn(answer.access_token, action["url"])
        self.assertEqual(answer.sunshine_campaign_line_id, line_b)
        self.assertEqual(answer.sunshine_customer_id, self.customer_b)
        self.assertEqual(answer.partner_id, self.officer.partner_id, "keyed in")
        self.assertEqual(line_b.state, "invited")
        self.answer(answer, 2)
        self.assertRecordValues(
            line_b, [{"state": "answered", "satisfaction_score": 2.0}]
        )
        with self.assertRaises(UserError):
            line_b.with_user(self.officer).action_key_in()
        issue = line_b.follow_up_issue_id
        self.assertRecordValues(
            issue,
            [
                {
                    "source": "survey",
                    "campaign_line_id": line_b.id,
                    "partner_id": self.customer_b.id,
                    "department_id": self.department.id,
                    "team_id": self.team_b.id,
                    "state": "open",
                }
            ],
        )
        # the department's result is verified by a callback
        issue = issue.with_user(self.caller_b)
        issue.solution = "<p>A faster engineer rota.</p>"
        issue.action_receive_solution()
        issue.action_relay()
        issue.action_customer_agree()
        issue.action_carried_out()
        call = issue.check_callback_id
        self.assertRecordValues(
            call,
            [
                {
                    "rule_id": self.env.ref(
                        "sunshine_quality.callback_rule_follow_up"
                    ).id,
                    "follow_up_issue_id": issue.id,
                    "team_id": self.team_b.id,
                    "state": "planned",
                }
            ],
        )
        issue.action_customer_satisfied()
        self.assertEqual(issue.state, "closed")
        self.assertEqual(call.state, "done")

    def test_a_good_score_opens_no_follow_up_and_figures(self):
        self.campaign.action_generate_lines()
        lines = self.ours()
        line_a = lines.filtered(lambda line: line.partner_id == self.customer_a)
        self.campaign.action_send_invitations()
        self.answer(line_a.user_input_id, 5)
        self.assertFalse(line_a.follow_up_issue_id)
        self.assertEqual(line_a.response_rate, 100.0)
        answered = self.campaign.line_ids.filtered(
            lambda line: line.state == "answered"
        )
        self.assertEqual(answered, line_a)
        self.assertEqual(self.campaign.mean_score, 5.0)
        self.assertEqual(
            self.campaign.response_rate,
            round(100.0 / len(self.campaign.line_ids), 2),
        )

    def test_only_the_lines_own_answer_scores_it(self):
        self.campaign.action_generate_lines()
        line_a = self.ours().filtered(lambda line: line.partner_id == self.customer_a)
        line_b = self.ours() - line_a
        self.campaign.action_send_invitations()
        self.assertEqual(line_b.state, "to_invite")
        self.plan("2026-08-20")
        call = self.calls()[:1]
        self.assertTrue(call)
        # a survey user cannot point an answer to a line, nor to a call
        Answer = self.env["survey.user_input"].with_user(self.officer)
        own = Answer.create({"survey_id": self.survey.id})
        for field, record in (
            ("sunshine_campaign_line_id", line_a),
            ("sunshine_callback_id", call),
        ):
            with self.subTest(field=field):
                with self.assertRaises(AccessError) as caught:
                    Answer.create({"survey_id": self.survey.id, field: record.id})
                self.assertIn("actions only", str(caught.exception))
                with self.assertRaises(AccessError):
                    Answer.with_context(**{f"default_{field}": record.id}).create(
                        {"survey_id": self.survey.id}
                    )
                with self.assertRaises(AccessError):
                    own.write({field: record.id})
                with self.assertRaises(AccessError):
                    line_a.user_input_id.with_user(self.officer).write({field: False})
        self.assertFalse(own.sunshine_campaign_line_id)
        self.assertEqual(line_a.user_input_id.sunshine_campaign_line_id, line_a)
        # an answer that points to a line without being its own scores nothing
        stray = self.env["survey.user_input"].create(
            {"survey_id": self.survey.id, "sunshine_campaign_line_id": line_b.id}
        )
        self.answer(stray, 1)
        self.assertRecordValues(
            line_b, [{"state": "to_invite", "satisfaction_score": 0.0}]
        )
        self.assertFalse(line_b.follow_up_issue_id)
        # the line's own answer scores it, once
        self.answer(line_a.user_input_id, 5)
        self.assertRecordValues(
            line_a, [{"state": "answered", "satisfaction_score": 5.0}]
        )
        self.answer(line_a.user_input_id, 1)  # submitted again
        second = self.env["survey.user_input"].create(
            {"survey_id": self.survey.id, "sunshine_campaign_line_id": line_a.id}
        )
        self.answer(second, 1)
        self.assertRecordValues(
            line_a, [{"state": "answered", "satisfaction_score": 5.0}]
        )
        self.assertFalse(line_a.follow_up_issue_id)
