from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.modules.db import FunctionStatus
from odoo.tools import SQL

from .sunshine_case import case_search_text, html_text

CASE_USER_GROUP = "sunshine_case.group_case_user"
# How many cases a ticket is offered.
SUGGESTION_LIMIT = 5
# The words of the ticket compared: its title and the start of its
# description say what the fault is; a pasted log or a mail signature
# after them would only make the comparison slower.
SUGGESTION_QUERY_WORDS = 60
# The least trigram similarity of a case's text to the ticket's for the
# text alone to make it a candidate (pg_trgm's ``%`` operator, served by the
# trigram index). Measured on the 50 cases of the tests: the ten tickets
# that word a known fault otherwise score 0.19 to 0.52 with their case, and
# 0.07 to 0.17 with the closest other case. A lower threshold lets the
# short tickets of the demo data (0.07 to 0.16 with a related case) find a
# case by their text alone, at the price of ranking two to three times more
# candidates: their fault code finds it instead.
SIMILARITY_THRESHOLD = 0.1
# What each structured match adds to the similarity (0 to 1) of the texts.
# A shared fault code weighs as much as a strong text match; the equipment
# model and the product line break the ties between texts.
FAULT_CODE_WEIGHT = 0.3
MODEL_WEIGHT = 0.15
PRODUCT_LINE_WEIGHT = 0.05
# pg_trgm's similarity operator. SQL() takes "%%" as written when it has no
# parameters, and psycopg2 turns it into "%" when the query is executed.
_SIMILAR = SQL("%%")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # resolution_note (sunshine_helpdesk): a case made from the ticket takes
    # it as its solution
    case_use_ids = fields.One2many(
        "sunshine.case.use",
        "ticket_id",
        string="Applied Cases",
        readonly=True,
        groups=CASE_USER_GROUP,
    )
    suggested_case_ids = fields.Many2many(
        "sunshine.case",
        string="Suggested Cases",
        compute="_compute_suggested_case_ids",
        groups=CASE_USER_GROUP,
        help="The published cases most likely to fit the open ticket: same "
        "fault, same equipment model, same product line, and a symptom "
        "worded like the ticket's title and description.",
    )
    source_case_ids = fields.One2many(
        "sunshine.case",
        "source_ticket_id",
        string="Cases Made",
        readonly=True,
        groups=CASE_USER_GROUP,
    )
    source_case_count = fields.Integer(
        string="Cases", compute="_compute_source_case_count", groups=CASE_USER_GROUP
    )

    @api.depends(
        "name",
        "description",
        "fault_code_id",
        "lot_id",
        "product_categ_id",
        "resolution_date",
        "case_use_ids",
    )
    def _compute_suggested_case_ids(self):
        for ticket in self:
            if ticket.resolution_date:
                ticket.suggested_case_ids = False
            else:
                ticket.suggested_case_ids = ticket._sunshine_suggest_cases()

    @api.depends("source_case_ids")
    def _compute_source_case_count(self):
        counts = dict(
            self.env["sunshine.case"]._read_group(
                [("source_ticket_id", "in", self.ids)],
                ["source_ticket_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.source_case_count = counts.get(ticket, 0)

    def action_create_case(self):
        """Write up the resolved ticket as a draft experience case."""
        self.ensure_one()
        if not self.resolution_date:
            raise UserError(
                _(
                    "Resolve ticket %s before making an experience case of it: "
                    "a case records a solved fault.",
                    self.number,
                )
            )
        return self.env["sunshine.case"]._sunshine_create_from_source(
            "source_ticket_id", self, self._sunshine_case_values()
        )

    def action_view_source_cases(self):
        self.ensure_one()
        cases = self.source_case_ids
        if len(cases) == 1:
            return cases._sunshine_form_action()
        return {
            "type": "ir.actions.act_window",
            "name": _("Experience Cases"),
            "res_model": "sunshine.case",
            "view_mode": "list,form",
            "domain": [("source_ticket_id", "=", self.id)],
        }

    def _sunshine_case_values(self):
        """What a case made from the ticket starts with."""
        self.ensure_one()
        model = self.lot_id.product_id
        return {
            "name": self.name,
            "symptom": self.description,
            "solution": self.resolution_note,
            "fault_code_id": self.fault_code_id.id,
            "product_id": model.id,
            "product_categ_id": (self.product_categ_id or model.categ_id).id,
            "company_id": self.company_id.id or self.env.company.id,
        }

    def _sunshine_suggest_cases(self, limit=SUGGESTION_LIMIT):
        """The published cases that best fit the ticket, best first."""
        self.ensure_one()
        query = self._sunshine_suggestion_query(limit)
        Case = self.env["sunshine.case"]
        if query is None:
            return Case
        Case.flush_model()
        self.env["sunshine.case.use"].flush_model(["case_id", "ticket_id"])
        with self._sunshine_trigram_planning():
            ids = [row[0] for row in self.env.execute_query(query)]
        return Case.browse(ids)

    @contextmanager
    def _sunshine_trigram_planning(self):
        """Plan the queries of the block through the indexes only.

        Sets the threshold of the ``%`` operator for the transaction, and for
        the block no sequential nor plain index scan: pg_trgm gives its
        operator the cost of a plain comparison, so the planner takes reading
        every case and extracting the trigrams of each for cheap, and prefers
        it to the trigram index from a few thousand cases on (with 10 000
        cases the index answers four times faster, see the README). An error
        in the block aborts the transaction, and the settings with it.
        """
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true),"
                " set_config('enable_seqscan', 'off', true),"
                " set_config('enable_indexscan', 'off', true)",
                str(SIMILARITY_THRESHOLD),
            )
        )
        yield
        cr.execute(
            "SELECT set_config('enable_seqscan', 'on', true),"
            " set_config('enable_indexscan', 'on', true)"
        )

    def _sunshine_suggestion_query(self, limit):
        """The SQL of the suggestions, or None when the ticket has nothing
        to compare.

        The candidates are the cases that share the ticket's fault code
        (btree index) or whose text is similar to the ticket's (``%``,
        served by the trigram index); the database ranks them, the same
        equipment model and product line adding to the similarity, and
        returns the first ``limit``. The case rules apply: each user is
        offered the cases they may read. Run it in
        ``_sunshine_trigram_planning``.
        """
        self.ensure_one()
        text = case_search_text(
            self.name, html_text(self.description), max_words=SUGGESTION_QUERY_WORDS
        )
        model = self.lot_id.product_id
        line = self.product_categ_id or model.categ_id
        fault = self.fault_code_id
        if not (text or fault):
            return None
        Case = self.env["sunshine.case"]
        query = Case._search([("state", "=", "published")])

        def column(name):
            return SQL.identifier(query.table, name)

        compared = column("search_text")
        if self.env.registry.has_unaccent == FunctionStatus.INDEXABLE:
            # the trigram index is on unaccent(search_text) then
            compared = self.env.registry.unaccent(compared)
        candidates, score = [], [SQL("0")]
        if text:
            candidates.append(SQL("%s %s %s", compared, _SIMILAR, text))
            score.append(SQL("similarity(%s, %s)", compared, text))
        for field, record, weight in (
            ("fault_code_id", fault, FAULT_CODE_WEIGHT),
            ("product_id", model, MODEL_WEIGHT),
            ("product_categ_id", line, PRODUCT_LINE_WEIGHT),
        ):
            if not record:
                continue
            match = SQL("%s = %s", column(field), record.id)
            if field == "fault_code_id":
                # a model or a product line alone is too wide to make a
                # candidate: hundreds of cases to rank for a vague ticket
                candidates.append(match)
            score.append(SQL("CASE WHEN %s THEN %s ELSE 0 END", match, weight))
        query.add_where(SQL("(%s)", SQL(" OR ").join(candidates)))
        if self._origin.id:
            query.add_where(
                SQL(
                    "NOT EXISTS (SELECT 1 FROM sunshine_case_use u"
                    " WHERE u.case_id = %s AND u.ticket_id = %s)",
                    column("id"),
                    self._origin.id,
                )
            )
        query.order = SQL(
            "%s DESC, %s DESC, %s DESC, %s DESC",
            SQL(" + ").join(score),
            column("helpful_count"),
            column("use_count"),
            column("id"),
        )
        query.limit = limit
        return query.select(column("id"))
