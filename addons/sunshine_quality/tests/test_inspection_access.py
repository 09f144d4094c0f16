from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .inspection_common import SunshineInspectionCase


@tagged("post_install", "-at_install")
class TestInspectionAccess(SunshineInspectionCase):
    """Quality staff everything; engineers their own inspections; the
    centre's dispatcher, the supervising office and service managers read;
    customers theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.create_inspection(
            cls.create_lot("T-ACC-MINE", commissioning_date="2025-01-01")
        )
        cls.other = cls.create_inspection(
            cls.create_lot("T-ACC-OTHER", commissioning_date="2025-01-01"),
            engineers=cls.engineer_b,
        )
        cls.elsewhere = cls.Inspection.create(
            {
                "lot_id": cls.create_lot(
                    "T-ACC-B", customer=cls.customer_b, commissioning_date="2025-01-01"
                ).id,
                "team_id": cls.centre_b.id,
                "planned_date": date(2026, 11, 20),
            }
        )
        cls.all = cls.mine | cls.other | cls.elsewhere

    def visible(self, user):
        return self.Inspection.with_user(user).search([("id", "in", self.all.ids)])

    def test_who_reads_what(self):
        for user, expected in (
            (self.engineer, self.mine),
            (self.engineer_b, self.other),
            (self.dispatcher, self.mine | self.other),
            (self.supervisor, self.mine | self.other),
            (self.service_manager, self.all),
            (self.officer, self.all),
            (self.manager, self.all),
            (self.portal_user, self.mine | self.other),
            (self.portal_b, self.elsewhere),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(self.visible(user), expected)
                Line = self.env["sunshine.inspection.line"].with_user(user)
                if user.share:
                    # customers read the checklist on the page and the PDF
                    with self.assertRaises(AccessError):
                        Line.search([])
                    continue
                lines = Line.search([("inspection_id", "in", self.all.ids)])
                self.assertEqual(lines.inspection_id, expected)
                # the form lists the configuration changes of the inspection
                Change = self.env["sunshine.lot.config.change"].with_user(user)
                Change.check_access("read")
                expected.with_user(user).config_change_ids.read(["name"])
        with self.assertRaises(AccessError):
            self.Inspection.with_user(self.employee).search([])

    def test_engineer_works_own_inspection_only(self):
        line = self.mine.line_ids[0].with_user(self.engineer)
        line.write({"result": "ok", "measured_value": "V3"})
        self.mine.with_user(self.engineer).findings = "<p>Clean</p>"
        with self.assertRaises(AccessError):
            self.other.line_ids[0].with_user(self.engineer).write({"result": "ok"})
        with self.assertRaises(AccessError):
            self.other.with_user(self.engineer).findings = "<p>Not mine</p>"
        with self.assertRaises(AccessError):
            self.Inspection.with_user(self.engineer).create(
                {"lot_id": self.mine.lot_id.id, "planned_date": date(2027, 1, 5)}
            )

    def test_supervising_levels_read_only(self):
        for user in (self.dispatcher, self.supervisor, self.service_manager):
            with self.subTest(user=user.login):
                inspection = self.other.with_user(user)
                self.assertTrue(inspection.name)
                with self.assertRaises(AccessError):
                    inspection.findings = "<p>Supervised</p>"
                with self.assertRaises(AccessError):
                    inspection.line_ids[0].result = "ok"
                with self.assertRaises(AccessError):
                    inspection.unlink()

    def test_portal_reads_only(self):
        inspection = self.mine.with_user(self.portal_user)
        self.assertTrue(inspection.name)
        with self.assertRaises(AccessError):
            inspection.findings = "<p>Customer</p>"
        with self.assertRaises(AccessError):
            inspection.action_record_consent()

    def test_quality_staff_plan_and_correct(self):
        self.other.with_user(self.officer).write(
            {
                "planned_date": date(2026, 12, 1),
                "engineer_ids": [(6, 0, self.engineer.ids)],
            }
        )
        self.assertIn(self.other, self.visible(self.engineer))
        created = self.Inspection.with_user(self.officer).create(
            {
                "lot_id": self.create_lot(
                    "T-ACC-NEW", commissioning_date="2025-01-01"
                ).id,
                "planned_date": date(2026, 12, 10),
            }
        )
        self.assertEqual(created.partner_id, self.customer)
        with self.assertRaises(AccessError):
            created.with_user(self.officer).unlink()
        created.with_user(self.manager).unlink()

    def test_templates_for_quality_managers(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.officer).name = "Mine"
        self.assertTrue(self.template.with_user(self.engineer).line_ids)
        self.template.with_user(self.manager).line_ids[0].expected_value = "New"

    def test_every_role_opens_the_views(self):
        views = [
            (False, kind)
            for kind in (
                "list",
                "form",
                "kanban",
                "calendar",
                "search",
                "pivot",
                "graph",
            )
        ]
        for user in (self.engineer, self.dispatcher, self.supervisor, self.officer):
            with self.subTest(user=user.login):
                result = self.Inspection.with_user(user).get_views(views)
                self.assertIn("signature", result["views"]["form"]["arch"])
                self.mine.with_user(user).web_read(
                    {"line_ids": {"fields": {"name": {}, "result": {}}}, "state": {}}
                )
