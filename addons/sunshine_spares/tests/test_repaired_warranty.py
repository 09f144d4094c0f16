from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import SunshineSparesCase


@tagged("post_install", "-at_install")
class TestRepairedPartWarranty(SunshineSparesCase):
    """The lot's warranty ends on 2026-02-28; a repaired part is covered
    for 3 more months from its repair."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls.create_lot()
        cls.team = cls.env.ref("sunshine_helpdesk.team_centre_changsha")

    def repair(self, day, **values):
        with freeze_time(day):
            repair = self.repair_of(self.lot, **values)
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair

    def ticket_on(self, day):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Board alarm again",
                "description": "<p>Board alarm again</p>",
                "partner_id": self.contact.id,
                "team_id": self.team.id,
                "lot_id": self.lot.id,
                "service_type_id": self.service_repair.id,
                "reported_date": datetime.combine(day, datetime.min.time()).replace(
                    hour=12
                ),
            }
        )

    def test_part_repaired_under_warranty_carries_its_own_warranty(self):
        self.repair("2026-01-15 10:00:00")
        self.assertEqual(self.lot.repaired_warranty_end_date, date(2026, 4, 14))
        on = self.lot._warranty_status_on
        self.assertEqual(on(date(2026, 2, 28)), "in_warranty")
        self.assertEqual(on(date(2026, 3, 1)), "repaired_part_warranty")
        self.assertEqual(on(date(2026, 4, 14)), "repaired_part_warranty")
        self.assertEqual(on(date(2026, 4, 15)), "out_of_warranty")
        covered = self.ticket_on(date(2026, 3, 10))
        self.assertEqual(covered.warranty_status, "repaired_part_warranty")
        self.assertEqual(covered.service_charge, "free")
        self.assertEqual(covered.fee_amount, 0.0)
        charged = self.ticket_on(date(2026, 4, 20))
        self.assertEqual(charged.service_charge, "charged")
        self.assertEqual(charged.fee_amount, 1500.0)
        Lot = self.env["stock.lot"]
        for day, status in (
            ("2026-03-10", "repaired_part_warranty"),
            ("2026-04-20", "out_of_warranty"),
        ):
            with freeze_time(day):
                self.lot.invalidate_recordset(["warranty_status"])
                self.assertEqual(self.lot.warranty_status, status)
                mine = [("id", "=", self.lot.id)]
                self.assertEqual(
                    Lot.search(mine + [("warranty_status", "=", status)]), self.lot
                )
                self.assertFalse(Lot.search(mine + [("warranty_status", "!=", status)]))

    def test_repair_after_the_warranty_adds_none(self):
        self.repair("2026-03-15 10:00:00")
        self.assertFalse(self.lot.repaired_warranty_end_date)
        self.assertEqual(
            self.lot._warranty_status_on(date(2026, 3, 20)), "out_of_warranty"
        )

    def test_the_term_says_what_the_repaired_part_covers(self):
        """Repaired under warranty for a power fault: after the unit's
        warranty, a term that covers the repaired part's faults only makes
        another power failure free, not a fan failure; one that covers the
        whole unit makes both free."""
        FaultCode = self.env["sunshine.fault.code"]
        power = FaultCode.create({"code": "T-RP-PWR", "name": "Test Power"})
        fan = FaultCode.create({"code": "T-RP-FAN", "name": "Test Fan"})
        self.term.repaired_part_scope = "part"
        repair = self.repair("2026-01-15 10:00:00", fault_code_id=power.id)
        # set when the repair of the power fault was done
        self.assertEqual(repair.repaired_warranty_end_date, date(2026, 4, 14))
        self.assertEqual(self.lot.repaired_warranty_end_date, date(2026, 4, 14))
        again = self.ticket_on(date(2026, 3, 10))
        again.fault_code_id = power
        other = self.ticket_on(date(2026, 3, 10))
        other.fault_code_id = fan
        unknown = self.ticket_on(date(2026, 3, 10))
        self.assertRecordValues(
            again | other | unknown,
            [
                {"warranty_status": "repaired_part_warranty", "service_charge": "free"},
                {"warranty_status": "out_of_warranty", "service_charge": "charged"},
                {"warranty_status": "out_of_warranty", "service_charge": "charged"},
            ],
        )
        self.assertEqual(other.fee_amount, 1500.0)
        # the lot itself has a part under warranty
        self.assertEqual(
            self.lot._warranty_status_on(date(2026, 3, 10)), "repaired_part_warranty"
        )
        self.term.repaired_part_scope = "unit"
        self.assertRecordValues(
            again | other | unknown,
            [
                {"service_charge": "free"},
                {"service_charge": "free"},
                {"service_charge": "free"},
            ],
        )

    def test_a_repair_of_another_fault_after_the_warranty_adds_none(self):
        FaultCode = self.env["sunshine.fault.code"]
        power = FaultCode.create({"code": "T-RP-PWR2", "name": "Test Power 2"})
        fan = FaultCode.create({"code": "T-RP-FAN2", "name": "Test Fan 2"})
        self.term.repaired_part_scope = "part"
        self.repair("2026-01-15 10:00:00", fault_code_id=power.id)
        second = self.repair("2026-03-20 10:00:00", fault_code_id=fan.id)
        self.assertEqual(second.warranty_status, "out_of_warranty")
        self.assertFalse(second.repaired_warranty_end_date, "the fan was not covered")
        self.assertEqual(self.lot.repaired_warranty_end_date, date(2026, 4, 14))
