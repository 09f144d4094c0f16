from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .callback_common import SunshineCallbackCase


@tagged("post_install", "-at_install")
class TestSurveyCustomers(SunshineCallbackCase):
    """Who a quarter's survey asks: the customers with equipment delivered by
    the end of the quarter or a ticket reported in it (China's days); nobody
    else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.with_unit, cls.later_unit, cls.in_quarter, cls.after, cls.idle = (
            Partner.create({"name": f"T Survey {name}", "is_company": True})
            for name in ("unit", "later unit", "ticket", "late ticket", "idle")
        )
        cls.create_lot("T-SC-UNIT", customer=cls.with_unit, delivery_date="2026-09-30")
        cls.create_lot(
            "T-SC-LATER", customer=cls.later_unit, delivery_date="2026-10-01"
        )
        Ticket = cls.env["helpdesk.ticket"]
        # stored in UTC: 23:00 on 30 September and 00:30 on 1 October in China
        for partner, created in (
            (cls.in_quarter, datetime(2026, 9, 30, 15, 0)),
            (cls.after, datetime(2026, 9, 30, 16, 30)),
        ):
            ticket = Ticket.create(
                {
                    "name": f"T survey {partner.name}",
                    "description": "<p>Alarm</p>",
                    "partner_id": partner.id,
                }
            )
            ticket.flush_recordset()
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                [created, ticket.id],
            )
        cls.env.invalidate_all()
        cls.campaign = (
            cls.env["sunshine.survey.campaign"]
            .with_user(cls.officer)
            .create(
                {
                    "theme": "Who is asked",
                    "survey_id": cls.env["survey.survey"]
                    .create({"title": "T who", "access_mode": "token"})
                    .id,
                    "period_start": date(2026, 7, 1),
                    "threshold": 3.0,
                    "department_id": cls.department.id,
                }
            )
        )

    def test_active_customers_of_the_quarter_only(self):
        self.campaign.with_user(self.officer).action_generate_lines()
        asked = self.campaign.line_ids.partner_id
        self.assertIn(self.with_unit, asked)
        self.assertIn(self.in_quarter, asked)
        for partner in (self.later_unit, self.after, self.idle):
            with self.subTest(partner=partner.name):
                self.assertNotIn(partner, asked)
        # a second run asks nobody twice
        count = len(self.campaign.line_ids)
        self.campaign.with_user(self.officer).action_generate_lines()
        self.assertEqual(len(self.campaign.line_ids), count)

    def test_threshold_outside_the_scale_is_refused(self):
        for threshold in (0.0, 5.5, -1.0):
            with self.subTest(threshold=threshold):
                with self.assertRaises(ValidationError) as caught:
                    self.campaign.with_user(self.officer).write(
                        {"threshold": threshold}
                    )
                self.assertIn("from 1 to 5", str(caught.exception))
        self.assertEqual(self.campaign.threshold, 3.0)
