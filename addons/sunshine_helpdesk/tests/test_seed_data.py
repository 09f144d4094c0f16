"""The seed's commitments ship as product data, not as demo data.

``./sunshine test`` also runs this file on a database installed without
demo data (``SUNSHINE_WITHOUT_DEMO=1``): there, the catalogue, the policies
and the calendars below are all a new ticket has.
"""

import os
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

SERVICE_TYPES = {
    "service_type_phone_consult": "PHONE_CONSULT",
    "service_type_phone_support": "PHONE_SUPPORT",
    "service_type_remote_support": "REMOTE_SUPPORT",
    "service_type_onsite_support": "ONSITE_SUPPORT",
    "service_type_hw_repair": "HW_REPAIR",
    "service_type_hw_replace": "HW_REPLACE",
    "service_type_spare_sale": "SPARE_SALE",
    "service_type_sw_patch": "SW_PATCH",
    "service_type_sw_upgrade": "SW_UPGRADE",
    "service_type_callback": "CALLBACK",
    "service_type_complaint": "COMPLAINT",
    "service_type_quality_eval": "QUALITY_EVAL",
    "service_type_inspection": "INSPECTION",
    "service_type_onsite_training": "ONSITE_TRAINING",
    "service_type_regional_rep": "REGIONAL_REP",
}
FESTIVALS = (
    "new_year",
    "spring_festival",
    "qingming",
    "labour_day",
    "dragon_boat",
    "mid_autumn",
    "national_day",
)


def utc(text):
    """A time of day in Asia/Shanghai, as the UTC Odoo stores."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M") - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestSeedData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Seed Test Centre", "support_level": "1"}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Seed Test Customer", "is_company": True}
        )
        cls.calendar_7x24 = cls.env.ref("sunshine_helpdesk.resource_calendar_7x24")
        cls.working_days = cls.env.ref(
            "sunshine_helpdesk.resource_calendar_working_days"
        )

    def test_database_without_demo_data(self):
        if not os.environ.get("SUNSHINE_WITHOUT_DEMO"):
            self.skipTest("run by ./sunshine test on a database without demo data")
        addons = self.env["ir.module.module"].search(
            [("name", "=like", "sunshine\\_%"), ("state", "=", "installed")]
        )
        self.assertTrue(addons)
        self.assertEqual(addons.filtered("demo"), addons.browse())
        self.assertFalse(
            self.env.ref("sunshine_helpdesk.team_centre_changsha", False),
            "no demo organisation",
        )

    def test_the_fifteen_service_types_are_data(self):
        shipped = self.env["ir.model.data"].search(
            [
                ("module", "=", "sunshine_helpdesk"),
                ("model", "=", "sunshine.service.type"),
            ]
        )
        self.assertEqual(set(shipped.mapped("name")), set(SERVICE_TYPES))
        self.assertTrue(all(shipped.mapped("noupdate")), "the manager's to edit")
        for xmlid, code in SERVICE_TYPES.items():
            service_type = self.env.ref(f"sunshine_helpdesk.{xmlid}")
            self.assertEqual(service_type.code, code)
            self.assertTrue(service_type.channel_id, f"{code} has a default channel")

    def test_a_new_ticket_gets_the_seed_numbers(self):
        with freeze_time("2026-03-02 10:00"):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": "Fault reported by phone",
                    "description": "<p>Alarm on the transmission board</p>",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "service_type_id": self.env.ref(
                        "sunshine_helpdesk.service_type_phone_support"
                    ).id,
                    "severity": "critical",
                }
            )
        reported = datetime(2026, 3, 2, 10, 0)
        # phone response in 30 minutes, fault solved in 3 days, around the clock
        self.assertEqual(ticket.response_deadline, reported + timedelta(minutes=30))
        self.assertEqual(ticket.resolution_deadline, reported + timedelta(days=3))
        self.assertFalse(ticket.arrival_deadline)
        with freeze_time("2026-03-02 12:00"):
            ticket._change_service_mode("onsite", "Phone help could not clear it")
        # on site within 24 hours of the report
        self.assertEqual(ticket.arrival_deadline, reported + timedelta(hours=24))
        timers = ticket.sla_timer_ids
        self.assertEqual(
            {timer.clock_id.code: timer.policy_id for timer in timers},
            {
                "response": self.env.ref("sunshine_helpdesk.sla_policy_response"),
                "arrival": self.env.ref("sunshine_helpdesk.sla_policy_arrival"),
                "resolution": self.env.ref("sunshine_helpdesk.sla_policy_resolution"),
            },
        )
        self.assertEqual(timers.calendar_id, self.calendar_7x24)

    def test_working_days_follow_the_2026_notice(self):
        def plan(hours, start):
            moment = self.working_days.plan_hours(
                hours, utc(start), compute_leaves=True
            )
            return (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)

        # Sunday 4 January and Saturday 14 February are worked (调休)
        self.assertEqual(plan(1, "2026-01-03 09:00"), utc("2026-01-04 09:30"))
        self.assertEqual(plan(1, "2026-02-14 09:00"), utc("2026-02-14 10:00"))
        # the Spring Festival is off from 15 to 23 February
        self.assertEqual(plan(1, "2026-02-14 17:00"), utc("2026-02-24 09:00"))
        # National Day: 1 to 7 October off, Saturday 10 October worked
        self.assertEqual(plan(1, "2026-09-30 17:00"), utc("2026-10-08 09:00"))
        self.assertEqual(plan(1, "2026-10-10 08:30"), utc("2026-10-10 09:30"))
        # an ordinary Saturday is not
        self.assertEqual(plan(1, "2026-03-07 09:00"), utc("2026-03-09 09:30"))

    def test_holidays_of_this_year_and_next(self):
        for year in (2026, 2027):
            for festival in FESTIVALS:
                holiday = self.env.ref(f"sunshine_helpdesk.holiday_{year}_{festival}")
                self.assertEqual(holiday.calendar_id, self.working_days)
                self.assertEqual((holiday.date_to + timedelta(hours=8)).year, year)
