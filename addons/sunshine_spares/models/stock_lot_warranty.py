from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

WARRANTY_STATUSES = [
    ("in_warranty", "In Warranty"),
    ("out_of_warranty", "Out of Warranty"),
    # Set by the repairs: a part repaired under warranty keeps its own
    # warranty of the term's repaired-part months past the equipment's.
    ("repaired_part_warranty", "Under Repaired-Part Warranty"),
]
# The statuses in which service and repairs are free of charge.
COVERED_STATUSES = ("in_warranty", "repaired_part_warranty")


class StockLot(models.Model):
    """The warranty of a unit of the installed base: its term, its dates and
    its status on a day."""

    _name = "stock.lot"
    _inherit = ["stock.lot", "sunshine.protected.fields.mixin"]

    # Set by the repairs done under warranty only.
    _sunshine_protected_fields = ("repaired_warranty_end_date",)

    warranty_term_id = fields.Many2one(
        "sunshine.warranty.term",
        # Not check_company: lots of shared products have no company, and
        # the terms' multi-company rule already keeps users to their own.
        tracking=True,
    )
    warranty_start_date = fields.Date(
        string="Warranty Start",
        compute="_compute_warranty_dates",
        store=True,
        help="The date of the term's start event.",
    )
    warranty_end_date = fields.Date(
        string="Warranty End",
        compute="_compute_warranty_dates",
        store=True,
        index=True,
        help="The last day in warranty.",
    )
    repaired_warranty_end_date = fields.Date(
        string="Repaired-Part Warranty End",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="The last day a part repaired under warranty stays covered: the "
        "repair date plus the term's repaired-part months.",
    )
    # Not stored: the status changes with the day, not with the record, and
    # a stored one would be wrong from midnight until a scheduled action
    # rewrote every lot. The search method turns it into a domain on the
    # stored, indexed dates, so filters and the portal stay exact and cheap.
    warranty_status = fields.Selection(
        WARRANTY_STATUSES,
        compute="_compute_warranty_status",
        search="_search_warranty_status",
        help="Today. Empty while the warranty has not started or the lot has "
        "no warranty term.",
    )

    @api.depends(
        "warranty_term_id.start_event",
        "warranty_term_id.duration_months",
        "delivery_date",
        "commissioning_date",
        "final_acceptance_date",
    )
    def _compute_warranty_dates(self):
        for lot in self:
            if lot.warranty_term_id:
                start, end = lot.warranty_term_id._warranty_dates(lot)
            else:
                start = end = False
            lot.warranty_start_date = start
            lot.warranty_end_date = end

    @api.depends(
        "warranty_start_date", "warranty_end_date", "repaired_warranty_end_date"
    )
    @api.depends_context("tz")
    def _compute_warranty_status(self):
        today = fields.Date.context_today(self)
        for lot in self:
            lot.warranty_status = lot._warranty_status_on(today)

    def _search_warranty_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(
                _(
                    "The warranty status is searched by value only (is, is not, "
                    "is in, is not in): pick one of the statuses in the filter."
                )
            )
        values = [value] if operator in ("=", "!=") else list(value)
        if operator in ("!=", "not in"):
            # The statuses split the lots; a negation of their domains would
            # lose the lots without dates (NULL compares to nothing).
            every_status = [status for status, _label in WARRANTY_STATUSES]
            values = [s for s in [*every_status, False] if s not in values]
        today = fields.Date.context_today(self)
        return expression.OR(
            [self._warranty_status_domain(status, today) for status in values]
        )

    def _warranty_status_on(self, date, fault=None):
        """The warranty status of the lot on ``date``.

        'in_warranty' from the warranty start to its last day included,
        'repaired_part_warranty' after it while a part repaired under
        warranty is still covered, 'out_of_warranty' after both, False
        before it starts or without a term.

        With ``fault`` (a fault code, or an empty one) the status is the one
        of a failure of that kind: a term that covers the repaired part only
        covers after the warranty the faults its repairs repaired. Without
        it, the status is the unit's: covered while any repaired part is.
        """
        self.ensure_one()
        if not (date and self.warranty_start_date and self.warranty_end_date):
            return False
        if date < self.warranty_start_date:
            return False
        if date <= self.warranty_end_date:
            return "in_warranty"
        repaired_end = self._repaired_warranty_end_date_for(fault)
        if repaired_end and date <= repaired_end:
            return "repaired_part_warranty"
        return "out_of_warranty"

    def _repaired_warranty_end_date_for(self, fault=None):
        """The last day a repaired part covers a failure of ``fault``.

        The unit's repaired-part warranty end, unless its term covers the
        repaired part only and a fault is asked: then the latest end of the
        repairs of that fault (none for a failure of no known fault).
        """
        self.ensure_one()
        if fault is None or self.warranty_term_id.repaired_part_scope != "part":
            return self.repaired_warranty_end_date
        ends = [
            repair.repaired_warranty_end_date
            for repair in self.repair_order_ids
            if fault
            and repair.fault_code_id == fault
            and repair.repaired_warranty_end_date
        ]
        return max(ends, default=False)

    def _warranty_status_at(self, moment, fault=None):
        """The warranty status on the day of the datetime ``moment``, in the
        user's time zone; False for no lot or no moment."""
        if not (self and moment):
            return False
        return self._warranty_status_on(
            fields.Date.context_today(self, moment), fault=fault
        )

    def _warranty_covers(self, status, parts=False, labour=False, travel=False):
        """Whether the warranty, in ``status``, covers what is asked.

        The lot must be under warranty (or its repaired part), and its term
        cover each of the parts, the labour and the travel asked for.
        """
        self.ensure_one()
        term = self.warranty_term_id
        return bool(
            status in COVERED_STATUSES
            and (term.covers_parts or not parts)
            and (term.covers_labour or not labour)
            and (term.covers_travel or not travel)
        )

    def _warranty_fee(self, service_type):
        """The post-warranty fee of ``service_type`` in the lot's term, if any."""
        self.ensure_one()
        if not (self.warranty_term_id and service_type):
            return self.env["sunshine.warranty.fee"]
        return self.warranty_term_id._fee_for(service_type)

    @api.model
    def _warranty_status_domain(self, status, date):
        """The lots whose ``_warranty_status_on(date)`` is ``status``."""
        if status == "in_warranty":
            return [
                ("warranty_start_date", "<=", date),
                ("warranty_end_date", ">=", date),
            ]
        if status == "out_of_warranty":
            return [
                ("warranty_end_date", "<", date),
                "|",
                ("repaired_warranty_end_date", "=", False),
                ("repaired_warranty_end_date", "<", date),
            ]
        if status == "repaired_part_warranty":
            return [
                ("warranty_end_date", "<", date),
                ("repaired_warranty_end_date", ">=", date),
            ]
        if not status:
            return [
                "|",
                ("warranty_end_date", "=", False),
                ("warranty_start_date", ">", date),
            ]
        return expression.FALSE_DOMAIN

    def _sunshine_repaired_warranty_end(self, repair_date, fault=None):
        """The end of the repaired-part warranty that a repair of ``fault``
        done on ``repair_date`` gives, or False: none for a repair the
        warranty did not cover, none from a term without repaired-part
        months."""
        self.ensure_one()
        months = self.warranty_term_id.repaired_part_months
        status = self._warranty_status_on(repair_date, fault=fault)
        if not months or status not in COVERED_STATUSES:
            return False
        return repair_date + relativedelta(months=months, days=-1)
