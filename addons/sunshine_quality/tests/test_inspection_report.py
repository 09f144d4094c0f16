import io
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import openpyxl

from odoo.tests import tagged

from .inspection_common import SunshineInspectionCase


@tagged("post_install", "-at_install")
class TestInspectionReport(SunshineInspectionCase):
    """The signed report as a real PDF, and the inspection statistics in
    XLSX equal to figures counted from the records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for n in range(4):
            cls.create_lot(f"T-REP-A{n}", commissioning_date="2026-01-05")
        for n in range(2):
            cls.create_lot(
                f"T-REP-B{n}", customer=cls.customer_b, commissioning_date="2026-02-01"
            )
        cls.plan("2026-08-01")
        cls.plan("2026-11-01")
        cls.inspections = cls.Inspection.search([("lot_id.name", "=like", "T-REP-%")])

    def render_xlsx(self, xmlid, records, user=None):
        report = self.env.ref(xmlid)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.officer)
            ._render(report.report_name, records.ids)
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[4]]
        rows = list(sheet.iter_rows(min_row=5, values_only=True))
        return header, rows

    def work(self):
        """Sign three inspections of Q3 with a fault in one, cancel one."""
        q3 = self.inspections.filtered(lambda i: i.period_name == "2026-Q3")
        q3.engineer_ids = self.engineer
        done = q3.filtered(lambda i: i.team_id == self.centre)[:2]
        done |= q3.filtered(lambda i: i.team_id == self.centre_b)[:1]
        for inspection in done:
            inspection.with_user(self.officer).action_record_consent()
            inspection.with_user(self.engineer).action_start()
            fault = inspection.line_ids[:2] if inspection == done[0] else None
            for line in inspection.line_ids:
                line.with_user(self.engineer).result = (
                    "fault" if fault and line in fault else "ok"
                )
            inspection.with_user(self.engineer).write(
                {"signed_by": "Signer", "signature": self.SIGNATURE}
            )
            inspection.with_user(self.engineer).action_done()
        self.inspections.filtered(
            lambda i: i.state == "planned" and i.period_name == "2026-Q4"
        )[:1].with_user(self.officer).action_cancel()

    def test_statistics_equal_the_records(self):
        self.work()
        wizard = (
            self.env["sunshine.inspection.statistics.wizard"]
            .with_user(self.officer)
            .create(
                {
                    "date_from": "2026-07-01",
                    "date_to": "2026-12-31",
                    # the demo's inspections are of other centres
                    "team_ids": [(6, 0, (self.centre | self.centre_b).ids)],
                }
            )
        )
        header, rows = self.render_xlsx(
            "sunshine_quality.action_report_inspection_statistics_period", wizard
        )
        self.assertEqual(
            header,
            [
                "Quarter",
                "Maintenance Centre",
                "Planned",
                "Done",
                "Done (%)",
                "With Findings",
                "Faulty Items",
            ],
        )
        counted = self.Inspection.search(
            [
                ("planned_date", ">=", "2026-07-01"),
                ("planned_date", "<=", "2026-12-31"),
                ("state", "!=", "cancelled"),
                ("team_id", "in", (self.centre | self.centre_b).ids),
            ]
        )
        planned = Counter((i.period_name, i.team_id.display_name) for i in counted)
        done = Counter(
            (i.period_name, i.team_id.display_name)
            for i in counted
            if i.state == "done"
        )
        faults = Counter()
        with_findings = Counter()
        for inspection in counted:
            key = (inspection.period_name, inspection.team_id.display_name)
            count = len(inspection.line_ids.filtered(lambda l: l.result == "fault"))
            faults[key] += count
            with_findings[key] += 1 if count else 0
        body = {(row[0], row[1]): row for row in rows[:-1]}
        self.assertEqual(set(body), set(planned))
        for key, row in body.items():
            with self.subTest(key=key):
                self.assertEqual(row[2], planned[key])
                self.assertEqual(row[3], done[key])
                self.assertAlmostEqual(row[4], round(done[key] / planned[key], 4))
                self.assertEqual(row[5], with_findings[key])
                self.assertEqual(row[6], faults[key])
        total = rows[-1]
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[2], len(counted))
        self.assertEqual(total[3], 3)
        self.assertEqual(total[5], 1)
        self.assertEqual(total[6], 2)
        self.assertEqual(planned[("2026-Q3", self.centre.display_name)], 4)

    def test_statistics_of_selected_inspections(self):
        _header, rows = self.render_xlsx(
            "sunshine_quality.action_report_inspection_statistics",
            self.inspections[:3],
        )
        self.assertEqual(rows[-1][0], "Total")
        self.assertEqual(rows[-1][2], 3)

    def test_signed_pdf_text(self):
        if not shutil.which("wkhtmltopdf") or not shutil.which("pdftotext"):
            self.skipTest("wkhtmltopdf or pdftotext (poppler-utils) is not installed")
        inspection = self.inspections.filtered(
            lambda i: i.period_name == "2026-Q4" and i.team_id == self.centre
        )[0]
        # the customer reads Chinese: the report is printed in their language
        inspection.partner_id.lang = "zh_CN"
        inspection.engineer_ids = self.engineer
        inspection.with_user(self.officer).action_record_consent()
        inspection.with_user(self.engineer).action_start()
        voltage = inspection.line_ids.filtered(lambda line: line.category == "power")[0]
        for line in inspection.line_ids:
            line.with_user(self.engineer).write(
                {
                    "result": "fault" if line == voltage else "ok",
                    "measured_value": "-38.5V" if line == voltage else False,
                }
            )
        inspection.with_user(self.engineer).write(
            {"signed_by": "王建国", "signature": self.SIGNATURE}
        )
        inspection.with_user(self.engineer).with_context(
            force_report_rendering=True
        ).action_done()
        pdf = inspection.report_attachment_id.raw
        self.assertTrue(pdf.startswith(b"%PDF"), "a real PDF, not the test HTML")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.pdf"
            path.write_bytes(pdf)
            text = subprocess.run(
                ["pdftotext", "-layout", str(path), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        # the CJK fonts map some characters to their Kangxi radicals (⽇ for 日)
        text = unicodedata.normalize("NFKC", text)
        self.assertIn("现场巡检报告", text)
        self.assertIn(inspection.name, text)
        self.assertIn(inspection.lot_id.name, text)
        self.assertIn("Test Insp Customer", text)
        self.assertIn("系统检查", text)
        self.assertIn("常规检查", text)
        self.assertIn(voltage.name, text, "the items copied from the checklist")
        self.assertRegex(text, r"-38\.5V\s+故障", "the fault and its measured value")
        self.assertIn("客户签字", text)
        self.assertRegex(text, r"签字人[:：]\s*王建国", "the signer, in the CJK fonts")
        lot_copy = self.env["ir.attachment"].search(
            [("res_model", "=", "stock.lot"), ("res_id", "=", inspection.lot_id.id)]
        )
        self.assertEqual(lot_copy.raw, pdf)
