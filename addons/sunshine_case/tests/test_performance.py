from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.sunshine_helpdesk.tests.common import QueryCountMixin

from . import case_fixture
from .common import SunshineCaseCase

# The queries of one suggestion, on cold record caches: the ticket and its
# serial, the planning settings, the ranked search, the settings restored,
# the names of the cases found.
SUGGESTION_QUERY_BUDGET = 6


@tagged("post_install", "-at_install")
class TestPerformance(QueryCountMixin, SunshineCaseCase):
    """The suggestion is one ranked query whatever the size of the case base,
    and the text match is served by the trigram index."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cases = cls.create_cases()
        values, cls.expected = case_fixture.QUERIES[0]
        cls.ticket = cls.query_ticket(*values)
        values, cls.text_expected = case_fixture.QUERIES[1]
        cls.text_ticket = cls.query_ticket(*values)
        cls.env.flush_all()
        cls.texts = [case.search_text for case in cls.cases.values()]

    @classmethod
    def bulk_create(cls, count, offset):
        """``count`` published cases inserted in one statement: the ORM would
        take minutes for 10 000 and the suggestion reads the table only."""
        lines = [line.id for line in cls.lines.values()]
        models = [model.id for model in cls.models.values()]
        faults = [fault.id for fault in cls.faults.values()]
        numbers = range(offset, offset + count)
        cls.env.cr.execute(
            SQL(
                """
                INSERT INTO sunshine_case (
                    number, name, state, active, company_id, product_categ_id,
                    product_id, fault_code_id, search_text, use_count,
                    helpful_count, author_id, create_uid, write_uid,
                    create_date, write_date)
                SELECT 'BULK-' || n, 'Bulk case ' || n, 'published', TRUE, %s,
                       (%s::int[])[1 + mod(n, %s)], (%s::int[])[1 + mod(n, %s)],
                       (%s::int[])[1 + mod(n, %s)], text, mod(n, 5), mod(n, 3),
                       %s, %s, %s,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM unnest(%s::int[], %s::text[]) AS bulk(n, text)
                """,
                cls.env.company.id,
                lines,
                len(lines),
                models,
                len(models),
                faults,
                len(faults),
                cls.engineer.id,
                cls.env.uid,
                cls.env.uid,
                list(numbers),
                case_fixture.bulk_texts(cls.texts, count),
            )
        )
        cls.env.cr.execute("ANALYZE sunshine_case")

    def suggest(self, ticket):
        ticket = ticket.with_user(self.engineer)
        ticket._sunshine_suggest_cases()  # the rules and rights, in their caches
        return self.count_queries(
            lambda: ticket._sunshine_suggest_cases().mapped("name")
        )

    def test_same_queries_for_100_and_10000_cases(self):
        Case = self.env["sunshine.case"]
        self.bulk_create(50, 0)
        self.assertEqual(Case.search_count([("state", "=", "published")]), 100)
        small = self.suggest(self.ticket)
        small_text = self.suggest(self.text_ticket)
        self.bulk_create(9900, 50)
        self.assertEqual(Case.search_count([("state", "=", "published")]), 10000)
        large = self.suggest(self.ticket)
        large_text = self.suggest(self.text_ticket)
        self.assertEqual(small[0], large[0])
        self.assertEqual(small_text[0], large_text[0])
        self.assertLessEqual(large[0], SUGGESTION_QUERY_BUDGET)
        # and the right case still comes first among 10 000
        self.assertEqual(large[1][0], self.cases[self.expected].name)
        self.assertEqual(large_text[1][0], self.cases[self.text_expected].name)

    def test_explain_uses_the_trigram_index(self):
        """The plan the suggestions run, with or without a fault code, reads
        the candidates from the trigram index."""
        self.bulk_create(9950, 0)
        for ticket in (self.ticket, self.text_ticket):
            with self.subTest(ticket=ticket.name):
                ticket = ticket.with_user(self.engineer)
                query = ticket._sunshine_suggestion_query(5)
                with ticket._sunshine_trigram_planning():
                    self.env.cr.execute(SQL("EXPLAIN %s", query))
                    plan = "\n".join(row[0] for row in self.env.cr.fetchall())
                self.assertRegex(
                    plan, r"Bitmap Index Scan on sunshine_case__search_text_index"
                )
                self.assertNotIn("Seq Scan on sunshine_case ", plan)
        self.env.cr.execute("SHOW enable_seqscan")
        self.assertEqual(self.env.cr.fetchone()[0], "on", "planning restored")
