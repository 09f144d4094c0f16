"""The certificate prints as a PDF with its Chinese text, as on a fresh
machine set up by ./sunshine setup (wkhtmltopdf and a CJK font)."""

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCertificatePdf(HttpCase):
    def test_certificate_prints_in_chinese(self):
        Report = self.env["ir.actions.report"]
        if Report.get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed (see README, Needs)")
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        self.env["res.lang"]._activate_lang("zh_CN")
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        line = zh["product.category"].create({"name": "测试传输产品线"})
        course = zh["sunshine.training.course"].create(
            {
                "name": "测试传输设备维护",
                "product_categ_id": line.id,
                "validity_months": 24,
                "pass_mark": 70,
            }
        )
        user = new_test_user(
            zh,
            login="pdf_engineer",
            name="赵工程师",
            groups="sunshine_helpdesk.group_service_agent",
        )
        employee = zh["hr.employee"].create({"name": "Zhao", "user_id": user.id})
        session = zh["sunshine.training.session"].create(
            {
                "course_id": course.id,
                "date_start": "2026-03-02 01:00:00",
                "date_end": "2026-03-04 09:00:00",
            }
        )
        zh["sunshine.training.attendee"].create(
            {
                "session_id": session.id,
                "employee_id": employee.id,
                "attended": True,
                "score": 90,
            }
        )
        session.action_done()
        certification = session.certification_ids
        self.assertEqual(len(certification), 1)
        pdf, kind = Report.with_context(
            lang="zh_CN", force_report_rendering=True
        )._render_qweb_pdf(
            "sunshine_training.action_report_certificate", certification.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "certificate.pdf")
            path.write_bytes(pdf)
            text = subprocess.run(
                ["pdftotext", "-layout", str(path), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        # pdftotext gives some CJK glyphs as their compatibility forms
        # (the Kangxi radical of 工): NFKC folds them
        compact = unicodedata.normalize("NFKC", "".join(text.split()))
        for expected in ("合格证书", "兹证明", "赵工程师", "测试传输设备维护"):
            self.assertIn(expected, compact, f"{expected!r} not printed:\n{text}")
        # the Latin letters and digits print too: number, dates, trainer
        self.assertIn(certification.name, compact, text)
        issued = certification.issue_date
        self.assertIn(f"{issued.year}年{issued.month:02d}月{issued.day:02d}日", compact)
        self.assertIn(certification.trainer_id.name, compact)
