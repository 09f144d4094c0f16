from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SunshineCaseCase


@tagged("post_install", "-at_install")
class TestCapture(SunshineCaseCase):
    """A resolved ticket becomes a draft case filled from it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls.create_ticket(
            "光口R_LOS告警，2M业务中断",
            "<p>线路板光口上报R_LOS告警，该方向2M业务中断。</p>",
            fault_code_id=cls.faults["T-LOS"].id,
            lot_id=cls.create_lot("sdh").id,
        )

    def test_case_from_a_resolved_ticket_is_filled_from_it(self):
        ticket = self.assign(self.ticket).with_user(self.engineer)
        ticket.action_respond()
        # the note is asked for once the engineer works on the ticket
        with Form(ticket) as form:
            form.resolution_note = "<p>清洁法兰盘，更换弯折尾纤，告警消失。</p>"
        ticket.action_resolve()
        action = ticket.action_create_case()
        case = self.env["sunshine.case"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "sunshine.case")
        self.assertRecordValues(
            case,
            [
                {
                    "name": "光口R_LOS告警，2M业务中断",
                    "state": "draft",
                    "author_id": self.engineer.id,
                    "source_ticket_id": ticket.id,
                    "fault_code_id": self.faults["T-LOS"].id,
                    "product_id": self.models["sdh"].id,
                    "product_categ_id": self.lines["transmission"].id,
                    "is_public": False,
                    "use_count": 0,
                }
            ],
        )
        self.assertIn("该方向2M业务中断", case.symptom)
        self.assertIn("更换弯折尾纤", case.solution)
        self.assertTrue(case.number.startswith("CASE-"))
        self.assertIn("2m 业务", case.search_text, "plain words, no markup")
        self.assertNotIn("<p>", case.search_text)
        self.assertEqual(ticket.source_case_count, 1)
        self.assertIn(case.number, ticket.message_ids[0].body)

    def test_resolution_note_shown_when_resolving(self):
        form = Form(self.ticket.with_user(self.engineer))
        with self.assertRaisesRegex(AssertionError, "invisible"):
            form.resolution_note = "<p>too early</p>"

    def test_the_ticket_line_wins_over_the_model_line(self):
        ticket = self.create_ticket(
            "Alarm board",
            lot_id=self.create_lot("sdh").id,
            product_categ_id=self.lines["alarm"].id,
        )
        values = ticket._sunshine_case_values()
        self.assertEqual(values["product_categ_id"], self.lines["alarm"].id)
        self.assertEqual(values["product_id"], self.models["sdh"].id)

    def test_open_ticket_refused(self):
        with self.assertRaisesRegex(UserError, "Resolve ticket"):
            self.ticket.with_user(self.engineer).action_create_case()
        self.assertFalse(self.ticket.source_case_ids)

    def test_one_case_per_ticket(self):
        self.ticket.resolution_note = "<p>更换尾纤。</p>"
        ticket = self.resolve(self.ticket.with_user(self.engineer))
        first = ticket.action_create_case()
        again = ticket.action_create_case()
        self.assertEqual(first["res_id"], again["res_id"])
        self.assertEqual(len(ticket.source_case_ids), 1)
        # a colleague is told who drafted it: the draft is not theirs to read
        colleague = ticket.with_user(self.other_engineer)
        with self.assertRaisesRegex(UserError, "already made from"):
            colleague.action_create_case()
        # once published every engineer opens it
        self.env["sunshine.case"].browse(first["res_id"]).with_user(
            self.reviewer
        ).action_publish()
        self.assertEqual(colleague.action_create_case()["res_id"], first["res_id"])

    def test_hand_written_case_takes_the_line_of_its_model(self):
        with Form(self.env["sunshine.case"].with_user(self.engineer)) as form:
            form.name = "UPS 风扇异响"
            form.product_id = self.models["ups"]
            self.assertEqual(form.product_categ_id, self.lines["power"])
        case = form.record
        self.assertEqual(case.author_id, self.engineer)
        self.assertEqual(case.state, "draft")
