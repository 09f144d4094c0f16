from datetime import date, datetime, timedelta

from odoo.tests import Form, tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestTicketWarranty(SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot()
        cls.team = cls.env.ref("sunshine_helpdesk.team_centre_changsha")

    def create_ticket(self, days_after_start, **values):
        start = datetime.combine(self.lot.warranty_start_date, datetime.min.time())
        vals = {
            "name": "Board alarm",
            "description": "<p>Board alarm on site</p>",
            "partner_id": self.contact.id,
            "team_id": self.team.id,
            "lot_id": self.lot.id,
            "service_type_id": self.service_onsite.id,
            # noon UTC: the same day in every time zone of the demo users
            "reported_date": start + timedelta(days=days_after_start, hours=12),
        }
        vals.update(values)
        return self.env["helpdesk.ticket"].create(vals)

    def test_day_364_is_free_and_day_366_is_charged_by_the_schedule(self):
        self.assertEqual(self.lot.warranty_start_date, date(2025, 3, 1))
        day_364 = self.create_ticket(364)
        self.assertEqual(day_364.warranty_status, "in_warranty")
        self.assertEqual(day_364.service_charge, "free")
        self.assertEqual(day_364.fee_amount, 0.0)

        day_366 = self.create_ticket(366)
        self.assertEqual(day_366.warranty_status, "out_of_warranty")
        self.assertEqual(day_366.service_charge, "charged")
        self.assertEqual(day_366.fee_amount, 2000.0)
        self.assertEqual(day_366.fee_currency_id, self.term.fee_ids[0].currency_id)

        repair = self.create_ticket(366, service_type_id=self.service_repair.id)
        self.assertEqual(repair.fee_amount, 1500.0, "the price of its service type")
        patch = self.create_ticket(366, service_type_id=self.service_patch.id)
        self.assertEqual(patch.service_charge, "charged")
        self.assertEqual(patch.fee_amount, 0.0, "no price in the schedule")

    def test_the_terms_coverage_decides_what_is_free(self):
        self.term.covers_travel = False
        onsite = self.create_ticket(100)
        phone = self.create_ticket(100, service_type_id=self.service_patch.id)
        self.assertEqual(onsite.service_mode, "onsite")
        self.assertRecordValues(
            onsite | phone,
            [
                {"service_charge": "charged", "fee_amount": 2000.0},
                {"service_charge": "free", "fee_amount": 0.0},
            ],
        )
        self.term.covers_labour = False
        self.assertEqual(phone.service_charge, "charged")

    def test_a_closed_ticket_keeps_its_charge(self):
        ticket = self.create_ticket(366)
        open_ticket = self.create_ticket(366)
        self.assertEqual(ticket.fee_amount, 2000.0)
        closed_stage = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        ticket.stage_id = closed_stage
        self.assertTrue(ticket.closed_date)
        # the schedule is raised and the acceptance found to be later
        self.term.fee_ids.filtered(
            lambda fee: fee.service_type_id == self.service_onsite
        ).price = 2500.0
        self.lot.final_acceptance_date = date(2025, 3, 10)
        self.assertRecordValues(
            ticket, [{"service_charge": "charged", "fee_amount": 2000.0}]
        )
        self.assertRecordValues(
            open_ticket, [{"service_charge": "free", "fee_amount": 0.0}]
        )

    def test_status_is_the_one_of_the_reported_date(self):
        ticket = self.create_ticket(366)
        self.assertEqual(ticket.service_charge, "charged")
        # the acceptance was a month later than recorded: the warranty too
        self.lot.final_acceptance_date = date(2025, 4, 1)
        self.assertEqual(ticket.warranty_status, "in_warranty")
        self.assertEqual(ticket.service_charge, "free")
        self.assertEqual(ticket.fee_amount, 0.0)
        ticket.reported_date = datetime(2026, 4, 2, 12)
        self.assertEqual(ticket.service_charge, "charged")
        self.assertEqual(ticket.fee_amount, 2000.0)
        self.term.fee_ids.filtered(
            lambda f: f.service_type_id == self.service_onsite
        ).price = 2200.0
        self.assertEqual(ticket.fee_amount, 2200.0)

    def test_ticket_without_equipment_or_warranty(self):
        ticket = self.create_ticket(10, lot_id=False)
        self.assertFalse(ticket.warranty_status)
        self.assertFalse(ticket.service_charge)
        before_start = self.create_ticket(-10)
        self.assertFalse(before_start.warranty_status, "warranty not started")
        self.assertFalse(before_start.service_charge, "the agent decides")
        before_start.action_charge_free()
        self.assertEqual(before_start.service_charge, "free")

    def test_form_proposes_the_customer_equipment(self):
        form = Form(self.env["helpdesk.ticket"])
        form.name = "Link down"
        form.description = "<p>Link down</p>"
        form.team_id = self.team
        form.partner_id = self.contact
        self.assertEqual(form.lot_id, self.lot, "the customer's only equipment")
        self.create_lot("TEST-SN-0002")
        form.partner_id = self.other_customer
        self.assertFalse(form.lot_id)
        form.partner_id = self.contact
        self.assertFalse(form.lot_id, "two pieces of equipment: the agent chooses")
        form.lot_id = self.lot
        form.service_type_id = self.service_onsite
        form.reported_date = datetime(2026, 3, 10, 12)
        self.assertEqual(form.warranty_status, "out_of_warranty")
        self.assertEqual(form.service_charge, "charged")
        self.assertEqual(form.fee_amount, 2000.0)
        ticket = form.save()
        self.assertEqual(self.lot.ticket_ids, ticket)
        self.assertEqual(self.lot.ticket_count, 1)
        action = self.lot.action_view_tickets()
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), ticket)
