from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .inspection_common import SunshineInspectionCase


@tagged("post_install", "-at_install")
class TestInspectionChecklist(SunshineInspectionCase):
    """The checklist is a copy of the template; its faults become tickets or
    improvement measures."""

    def setUp(self):
        super().setUp()
        self.lot = self.create_lot("T-CHECK", commissioning_date="2025-01-01")
        self.inspection = self.create_inspection(self.lot)
        self.inspection.with_user(self.officer).action_record_consent()
        self.inspection.with_user(self.engineer).action_start()
        self.fault = self.inspection.line_ids.filtered(
            lambda line: line.category == "power"
        )[0]

    def test_template_edit_does_not_change_the_lines(self):
        names = self.inspection.line_ids.mapped("name")
        self.template.line_ids.write({"name": "Changed"})
        self.template.line_ids[0].unlink()
        self.inspection.invalidate_recordset()
        self.assertEqual(self.inspection.line_ids.mapped("name"), names)

    def test_engineer_fills_in_the_lines_in_the_form(self):
        with (
            Form(self.inspection.with_user(self.engineer)) as form,
            form.line_ids.edit(0) as line,
        ):
            line.result = "fault"
            line.measured_value = "V1.0"
            line.note = "Old software"
        self.assertEqual(self.inspection.line_ids[0].result, "fault")
        self.assertEqual(self.inspection.fault_count, 1)

    def test_fault_opens_a_ticket(self):
        line = self.fault.with_user(self.engineer)
        with self.assertRaisesRegex(UserError, "not a fault"):
            line.action_open_ticket()
        line.write({"result": "fault", "measured_value": "-38V", "note": "Low"})
        action = line.action_open_ticket()
        ticket = line.ticket_id
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(ticket.lot_id, self.lot)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertIn("-38V", ticket.description)
        self.assertEqual(self.inspection.ticket_ids, ticket)
        line.action_open_ticket()
        self.assertEqual(line.ticket_id, ticket, "one ticket per fault")
        with self.assertRaises(AccessError):
            line.write({"ticket_id": False})

    def test_fault_becomes_an_improvement_measure(self):
        self.fault.with_user(self.engineer).write({"result": "fault", "note": "Dust"})
        line = self.fault.with_user(self.officer)
        line.action_create_measure()
        measure = line.action_id
        self.assertEqual(measure.inspection_id, self.inspection)
        self.assertEqual(measure.action_type, "improvement")
        self.assertEqual(self.inspection.action_ids, measure)
        other = (self.inspection.line_ids - self.fault)[0].with_user(self.engineer)
        other.result = "fault"
        with self.assertRaises(AccessError):
            other.action_create_measure()
        self.assertFalse(other.action_id)

    def test_findings_stay_actionable_after_signing(self):
        self.fill_checklist(self.inspection.with_user(self.engineer), self.fault)
        self.inspection.with_user(self.engineer).write(
            {"signed_by": "Signer", "signature": self.SIGNATURE}
        )
        self.inspection.with_user(self.engineer).action_done()
        self.fault.with_user(self.engineer).action_open_ticket()
        self.assertTrue(self.fault.ticket_id)
        self.assertEqual(self.fault.result, "fault")
