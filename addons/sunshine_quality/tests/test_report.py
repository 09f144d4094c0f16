import io
from collections import defaultdict

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunshineQualityCase


@tagged("post_install", "-at_install")
class TestReport(SunshineQualityCase):
    """The XLSX statistics, read with openpyxl, against figures computed here
    from the complaints themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaints = cls.Complaint
        # January: one closed on time, one reopened and closed late, one open
        with freeze_time("2026-01-05 09:00"):
            on_time = cls.create_complaint(subject="Jan on time")
            cls.contact_customer(on_time, "reply")
            form = cls.send_form(on_time)
            cls.return_opinion(form)
            cls.propose(on_time)
            cls.contact_customer(on_time, "decision", decision="approve")
            cls.report_result(form, measures=False)
        with freeze_time("2026-01-08 09:00"):
            cls.contact_customer(on_time, "verification", result="satisfied", score=5)
        with freeze_time("2026-01-10 09:00"):
            late = cls.create_complaint(subject="Jan late")
        with freeze_time("2026-01-10 13:00"):
            cls.contact_customer(late, "reply")
            form = cls.send_form(late)
        with freeze_time("2026-01-10 16:00"):
            cls.env["sunshine.sla.timer"]._cron_process_due_timers()
            cls.return_opinion(form)
            cls.propose(late)
            cls.contact_customer(late, "decision", decision="approve")
            cls.report_result(form, measures=False)
            cls.contact_customer(late, "verification", result="not_satisfied")
        with freeze_time("2026-01-28 09:00"):
            cls.env["sunshine.sla.timer"]._cron_process_due_timers()
            second = late.tracking_ids.filtered(lambda f: f.state == "draft")
            second.action_send()
            cls.return_opinion(second)
            cls.propose(late)
            cls.contact_customer(late, "decision", decision="approve")
            cls.report_result(second, measures=False)
            cls.contact_customer(late, "verification", result="satisfied", score=3)
        with freeze_time("2026-01-20 09:00"):
            still_open = cls.create_complaint(subject="Jan open")
        # February: another category and department
        with freeze_time("2026-02-03 09:00"):
            february = cls.create_complaint(
                subject="Feb", category_id=cls.category_response.id
            )
            cls.contact_customer(february, "reply")
            cls.send_form(february, department=cls.other_department)
        # outside the period
        with freeze_time("2026-03-03 09:00"):
            cls.create_complaint(subject="March")
        cls.complaints = on_time | late | still_open | february
        cls.env.flush_all()

    def expected_rows(self, complaints):
        """The figures of each (month, category, department), from the records."""
        groups = defaultdict(lambda: self.Complaint)
        for complaint in complaints:
            key = (
                complaint.received_date.strftime("%Y-%m"),
                complaint.category_id.name or "Uncategorised",
                complaint.department_id.name or "No Department",
            )
            groups[key] |= complaint
        rows = {}
        for key, members in [*groups.items(), (("Total", None, None), complaints)]:

            def share(field, members=members):
                decided = members.filtered(lambda c: c[field] in ("on_time", "late"))
                if not decided:
                    return None
                return len(decided.filtered(lambda c: c[field] == "on_time")) / len(
                    decided
                )

            closed = members.filtered(lambda c: c.state == "closed")
            rows[key] = {
                "count": len(members),
                "reply": share("reply_sla"),
                "opinion": share("opinion_sla"),
                "solved": share("resolution_sla"),
                "mean_days": (
                    sum(closed.mapped("resolution_days")) / len(closed)
                    if closed
                    else None
                ),
                "reopen": len(members.filtered("reopen_count")) / len(members),
                "satisfied": len(closed) / len(members),
            }
        return rows

    def test_statistics_xlsx_equal_the_records(self):
        wizard = (
            self.env["sunshine.complaint.statistics.wizard"]
            .with_user(self.officer)
            .create({"date_from": "2026-01-01", "date_to": "2026-02-28"})
        )
        self.assertEqual(
            self.Complaint.search(wizard._complaint_domain()) & self.complaints,
            self.complaints,
        )
        self.assertFalse(
            self.Complaint.search(wizard._complaint_domain()).filtered(
                lambda c: c.subject == "March"
            )
        )
        report = self.env.ref("sunshine_quality.action_report_complaint_statistics")
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render(report.report_name, wizard.ids)
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[4]]
        self.assertEqual(header[:4], ["Month", "Category", "Department", "Complaints"])
        found = {}
        for row in sheet.iter_rows(min_row=5, values_only=True):
            if row[0] is None:
                continue
            key = (
                (row[0], row[1], row[2]) if row[0] != "Total" else ("Total", None, None)
            )
            found[key] = row
        # only the test complaints of the period: the demo ones are later
        period = self.Complaint.search(wizard._complaint_domain())
        self.assertEqual(period, self.complaints)
        expected = self.expected_rows(period)
        self.assertEqual(set(found), set(expected))
        self.assertEqual(len(expected), 4, "two January groups, February, total")
        for key, figures in expected.items():
            with self.subTest(key=key):
                row = found[key]
                self.assertEqual(row[3], figures["count"])
                for col, name in (
                    (4, "reply"),
                    (5, "opinion"),
                    (6, "solved"),
                    (7, "mean_days"),
                    (8, "reopen"),
                    (9, "satisfied"),
                ):
                    if figures[name] is None:
                        self.assertIsNone(row[col], name)
                    else:
                        self.assertAlmostEqual(
                            row[col], figures[name], places=3, msg=name
                        )
        # and the figures are the ones the loop produced
        january = found[("2026-01", self.category.name, self.department.name)]
        self.assertEqual(january[3], 2, "the open one has no department yet")
        self.assertAlmostEqual(january[4], 0.5, places=3, msg="one reply late")
        self.assertAlmostEqual(january[5], 0.5, places=3, msg="one opinion late")
        self.assertAlmostEqual(january[6], 0.5, places=3, msg="one solved late")
        self.assertAlmostEqual(january[8], 0.5, places=3, msg="one reopened")
        self.assertAlmostEqual(january[9], 1.0, places=3, msg="both closed")
        self.assertAlmostEqual(january[7], (3 + 18) / 2, places=3, msg="mean days")

    def test_selected_complaints_from_the_list(self):
        report = self.env.ref("sunshine_quality.action_report_complaint_selection")
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer)
            ._render(report.report_name, self.complaints.ids)
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        total = next(
            row
            for row in sheet.iter_rows(min_row=5, values_only=True)
            if row[0] == "Total"
        )
        self.assertEqual(total[3], 4)

    def test_rows_written_in_constant_memory(self):
        options = self.env[
            "report.sunshine_quality.complaint_statistics_xlsx"
        ].get_workbook_options()
        self.assertTrue(options.get("constant_memory"))
        # the rows come from grouped queries: more complaints, same queries
        wizard = self.env["sunshine.complaint.statistics.wizard"].create(
            {"date_from": "2026-01-01", "date_to": "2026-02-28"}
        )
        report = self.env["report.sunshine_quality.complaint_statistics_xlsx"]

        def count_rows():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rows = list(report._statistics_rows(wizard))
            return self.env.cr.sql_log_count - before, rows

        queries, rows = count_rows()
        self.assertEqual(len(rows), 4)
        with freeze_time("2026-01-12 09:00"):
            for index in range(20):
                self.create_complaint(subject=f"More {index}")
        more_queries, more_rows = count_rows()
        self.assertEqual(more_rows[0]["count"] + more_rows[1]["count"], 23)
        self.assertEqual(more_queries, queries)
        self.assertLessEqual(queries, 8)
