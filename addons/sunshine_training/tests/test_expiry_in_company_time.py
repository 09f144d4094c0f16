from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.sunshine_helpdesk.tests.common import QueryCountMixin

from .common import SunshineTrainingCase


@tagged("post_install", "-at_install")
class TestExpiryInCompanyTime(SunshineTrainingCase):
    """Issue 16: the notice tells an enrolled engineer so; gating and the
    daily run read the expiry date in the company's time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the scheduled action works on every certification: keep ours only
        cls.env["sunshine.certification"].search([]).unlink()
        with freeze_time("2026-03-04"):
            cls.certification = cls.certify(cls.engineer)
        # the cron user's time zone is not the company's
        cls.env.user.tz = "Europe/Brussels"
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"

    def run_cron(self):
        return self.env["sunshine.certification"]._cron_check_expiry()

    def ticket(self, **values):
        vals = {
            "name": "SDH board alarm",
            "description": "<p>alarm</p>",
            "team_id": self.team.id,
            "product_categ_id": self.sub_line.id,
        }
        vals.update(values)
        return self.env["helpdesk.ticket"].create(vals)

    def notes(self):
        return self.certification.activity_ids.mapped("note")

    def test_an_enrolled_engineer_is_told_so(self):
        planned = self.create_session(
            date_start="2028-03-01 01:00:00", date_end="2028-03-02 09:00:00"
        )
        self.env["sunshine.training.attendee"].create(
            {"session_id": planned.id, "employee_id": self.engineer.id}
        )
        with freeze_time("2028-02-10"):
            self.assertEqual(self.run_cron(), 1)
        self.assertEqual(len(planned.attendee_ids), 1, "not enrolled twice")
        notes = self.notes()
        self.assertTrue(notes)
        for note in notes:
            self.assertIn("Already enrolled in session", note)
            self.assertIn(planned.name, note)
            self.assertNotIn("No session", note)

    def test_an_engineer_not_enrolled_is_enrolled(self):
        planned = self.create_session(
            date_start="2028-03-01 01:00:00", date_end="2028-03-02 09:00:00"
        )
        with freeze_time("2028-02-10"):
            self.run_cron()
        self.assertEqual(planned.attendee_ids.employee_id, self.engineer)
        for note in self.notes():
            self.assertIn("Enrolled in session", note)
            self.assertNotIn("Already", note)

    def test_no_planned_session_asks_for_one(self):
        with freeze_time("2028-02-10"):
            self.run_cron()
        for note in self.notes():
            self.assertIn("No session of", note)

    def test_gating_stops_at_the_expiry_not_at_the_next_run(self):
        self.assertEqual(str(self.certification.expiry_date), "2028-03-04")
        # the last day in Shanghai: still certified
        with freeze_time(datetime(2028, 3, 4, 15, 0)):
            ticket = self.ticket(user_id=self.engineer_user.id)
            self.assertEqual(ticket.certified_user_ids, self.engineer_user)
        # 01:00 in Shanghai on the 5th (still the 4th in UTC and in the cron
        # user's Brussels), before any daily run
        with freeze_time(datetime(2028, 3, 4, 17, 0)):
            self.assertEqual(self.certification.state, "valid", "no run yet")
            ticket = self.ticket()
            self.assertFalse(ticket.certified_user_ids)
            with self.assertRaisesRegex(ValidationError, "no valid certification"):
                ticket.user_id = self.engineer_user
            with self.assertRaisesRegex(ValidationError, "no valid certification"):
                self.ticket(user_id=self.engineer_user.id)

    def test_daily_run_counts_today_in_the_company_time_zone(self):
        # 01:00 on the 5th in Shanghai, 18:00 on the 4th in Brussels
        with freeze_time(datetime(2028, 3, 4, 17, 0)):
            self.assertEqual(self.run_cron(), 1)
            self.assertEqual(self.certification.state, "expired")
            self.assertEqual(self.run_cron(), 0, "second run changes nothing")

    def test_daily_run_waits_for_the_company_day(self):
        self.company.partner_id.tz = "America/New_York"
        # 03:00 on the 5th in Brussels, 22:00 on the 4th in New York
        with freeze_time(datetime(2028, 3, 5, 3, 0)):
            self.run_cron()
            self.assertNotEqual(self.certification.state, "expired")
        with freeze_time(datetime(2028, 3, 5, 6, 0)):
            self.run_cron()
            self.assertEqual(self.certification.state, "expired")


@tagged("post_install", "-at_install")
class TestGatingQueries(QueryCountMixin, SunshineTrainingCase):
    """Issue 13: the certification check costs the same for one ticket as
    for a batch, and tickets without a product line log no domain warning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.certify(cls.engineer)

    def values(self, count, **values):
        vals = {
            "name": "SDH board alarm",
            "description": "<p>alarm</p>",
            "team_id": self.team.id,
            "product_categ_id": self.sub_line.id,
            "user_id": self.engineer_user.id,
        }
        vals.update(values)
        return [dict(vals) for _index in range(count)]

    def test_certification_check_once_per_batch(self):
        Ticket = self.env["helpdesk.ticket"]
        tickets = Ticket.create(self.values(1) + self.values(20))
        one, batch = tickets[:1], tickets[1:]
        queries_one, _result = self.count_queries(one._check_dispatch)
        queries_batch, _result = self.count_queries(batch._check_dispatch)
        self.assertEqual(queries_batch, queries_one)
        # the tickets, their companies' time zones, the lines, one search of
        # the certifications and what it reads
        self.assertLessEqual(queries_one, 8)
        queries_one, _result = self.count_queries(
            lambda: one.mapped("certified_user_ids")
        )
        queries_batch, _result = self.count_queries(
            lambda: batch.mapped("certified_user_ids")
        )
        self.assertEqual(queries_batch, queries_one)

    def test_tickets_without_product_line_log_no_domain_warning(self):
        with self.assertNoLogs("odoo.osv.expression", level="WARNING"):
            tickets = self.env["helpdesk.ticket"].create(
                self.values(3, product_categ_id=False, user_id=self.novice_user.id)
            )
            self.assertFalse(tickets.mapped("certified_user_ids"))
            tickets._check_dispatch()
        queries, _result = self.count_queries(tickets._check_dispatch)
        self.assertEqual(queries, 1, "the tickets read, no search")
