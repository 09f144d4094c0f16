from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

START_EVENTS = [
    ("delivery", "Delivery"),
    ("commissioning", "Commissioning"),
    ("acceptance", "Final Acceptance"),
]
# The date of stock.lot each start event reads.
# What a repaired part's own warranty covers after the unit's warranty.
REPAIRED_PART_SCOPES = [
    ("part", "The Repaired Part's Faults"),
    ("unit", "The Whole Unit"),
]
START_EVENT_FIELDS = {
    "delivery": "delivery_date",
    "commissioning": "commissioning_date",
    "acceptance": "final_acceptance_date",
}


class SunshineWarrantyTerm(models.Model):
    """A warranty the equipment is sold with (保修期), and what it costs after."""

    _name = "sunshine.warranty.term"
    _description = "Warranty Term"
    _order = "sequence, duration_months, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    duration_months = fields.Integer(
        string="Duration (months)",
        required=True,
        default=12,
        help="How long the warranty runs from its start event.",
    )
    start_event = fields.Selection(
        START_EVENTS,
        required=True,
        default="acceptance",
        help="The event the warranty starts from: the delivery, the "
        "commissioning, or the final acceptance (终验) of the equipment.",
    )
    covers_parts = fields.Boolean(default=True)
    covers_labour = fields.Boolean(default=True)
    covers_travel = fields.Boolean(default=True)
    repaired_part_months = fields.Integer(
        string="Repaired-Part Warranty (months)",
        default=3,
        help="How long a part repaired or replaced under this term stays in "
        "warranty after the repair, even past the end of the equipment's warranty.",
    )
    repaired_part_scope = fields.Selection(
        REPAIRED_PART_SCOPES,
        string="Repaired-Part Warranty Covers",
        required=True,
        default="unit",
        help="After the unit's warranty, while a part repaired under warranty "
        "is still covered: only new failures of the fault that repair "
        "repaired are free, or every failure of the unit.",
    )
    fee_ids = fields.One2many(
        "sunshine.warranty.fee",
        "term_id",
        string="Post-Warranty Fees",
        copy=True,
        help="What each service costs once the warranty has ended.",
    )
    description = fields.Text(translate=True)

    @api.constrains("duration_months", "repaired_part_months")
    def _check_durations(self):
        for term in self:
            if term.duration_months <= 0:
                raise ValidationError(
                    _(
                        "The duration of warranty term %(term)s must be more than "
                        "zero months.",
                        term=term.name,
                    )
                )
            if term.repaired_part_months < 0:
                raise ValidationError(
                    _(
                        "The repaired-part warranty of term %(term)s cannot be "
                        "negative; enter 0 for none.",
                        term=term.name,
                    )
                )

    def _warranty_dates(self, lot):
        """Return the (start, end) dates of this term for ``lot``.

        The end is the last day in warranty: a 12-month warranty starting on
        1 March ends on the last day of February. Both are False while the
        lot has no date for the term's start event.
        """
        self.ensure_one()
        start = lot[START_EVENT_FIELDS[self.start_event]]
        if not start:
            return False, False
        return start, start + relativedelta(months=self.duration_months, days=-1)

    def _fee_for(self, service_type):
        """The post-warranty fee line of ``service_type``, if any."""
        self.ensure_one()
        return self.fee_ids.filtered(lambda f: f.service_type_id == service_type)[:1]
