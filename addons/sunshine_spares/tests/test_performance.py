from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from odoo.addons.sunshine_helpdesk.tests.common import QueryCountMixin

from .common import SunshineSparesCase

# Query counts measured on Odoo 18.0 with the demo database (2026-11-25);
# each bound is the measured figure plus a few, so that a regression fails.
# - warranty reminders: 39 queries for 5 lots ending within 30 days, the
#   same among 10 and 1000 idle lots, and the same for 25 lots of one
#   representative (2026-12-02; 120 when each lot scheduled its own activity
#   and mailed it): the to-dos are inserted at once and each representative
#   gets one message for all their lots; 5 for a second run that reminds
#   nobody (the companies and their time zones, one search of the lots of
#   their windows and
#   the end dates they were reminded of).
WARRANTY_CRON_QUERIES_FOR_5_DUE = 45
WARRANTY_CRON_QUERIES_NOTHING_DUE = 6
WARRANTY_CRON_QUERIES_PER_LOT = 1
# - low stock, every part in stock: 15 queries for 5 and for 50 list parts
#   in one centre, 19 with a second centre (4 a centre: its team and the
#   on-hand quantities of all the parts at once).
LOW_STOCK_QUERIES_ALL_IN_STOCK = 17
LOW_STOCK_QUERIES_PER_CENTRE = 5
# - low stock with open alerts: 16 queries with 1 and with 10 parts low
#   and told already (25 for 10 when each low part had its own search for
#   its open alert); 80 for the run that creates the one alert.
LOW_STOCK_QUERIES_ALERTS_OPEN = 18
# - issuing parts on a ticket: 133 queries for 1 part, 349 for 10 (one
#   transfer, its stock read once, shelves included; the 24 more a part
#   are stock's own work on each move: the availability check,
#   reservation, quants, valuation).
ISSUE_1_PART_QUERIES = 136
ISSUE_10_PARTS_QUERIES = 355
# - ticket_count and part_count of 10 and of 100 lots: 2 queries;
#   repair_count of 10 and of 100 tickets: 1.
LOT_COUNTS_QUERIES = 2
TICKET_REPAIR_COUNT_QUERIES = 1
# - creating tickets with a serial: 7 queries more than without, for 10 and
#   for 50 tickets in one call (75 against 68, 195 against 188); with the
#   training addon, 13: the serial gives the tickets their product line, so
#   the dispatch gating reads the lines and the certifications and sets the
#   uncertified creator aside, once for the batch (issue 11).
SERIAL_QUERIES_PER_BATCH = 13


class SparesPerformanceCase(QueryCountMixin, SunshineSparesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Nothing here reads the creation messages or the tracking.
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )

    def make_lots(self, prefix, count, acceptance):
        """``count`` serials whose 12-month warranty starts at ``acceptance``."""
        return self.env["stock.lot"].create(
            [
                self.lot_values(
                    f"{prefix}-{index:05d}",
                    delivery_date=acceptance - timedelta(days=30),
                    commissioning_date=False,
                    initial_acceptance_date=False,
                    final_acceptance_date=acceptance,
                )
                for index in range(count)
            ]
        )


@tagged("post_install", "-at_install")
class TestWarrantyPerformance(SparesPerformanceCase):
    today = date(2026, 2, 1)

    def cron_queries(self, idle):
        """The queries of a first and a second run with 5 lots ending within
        30 days among ``idle`` lots ending far away or ended."""
        with self.env.cr.savepoint(flush=False) as savepoint:
            due = self.make_lots("PERF-DUE", 5, date(2025, 3, 1))  # ends 2026-02-28
            self.make_lots("PERF-FAR", idle // 2, date(2026, 1, 1))
            self.make_lots("PERF-END", idle - idle // 2, date(2024, 1, 1))
            Lot = self.env["stock.lot"]
            with freeze_time(self.today):
                first, reminded = self.count_queries(Lot._cron_warranty_ending)
                second, again = self.count_queries(Lot._cron_warranty_ending)
            self.assertEqual(reminded, due)
            self.assertFalse(again)
            savepoint.rollback()
        return first, second

    def test_warranty_reminders_read_only_the_lots_ending(self):
        self.cron_queries(idle=10)  # warm the caches of the first run
        small = self.cron_queries(idle=10)
        large = self.cron_queries(idle=1000)
        self.assertEqual(small, large, "the scan does not grow with idle lots")
        first, second = large
        self.assertLessEqual(first, WARRANTY_CRON_QUERIES_FOR_5_DUE)
        self.assertLessEqual(second, WARRANTY_CRON_QUERIES_NOTHING_DUE)

    def test_warranty_reminders_cost_per_lot(self):
        """Each reminded lot costs its activity and its notification, no
        more: the lots of a batch are read, reminded and stamped at once."""

        def queries(count):
            with self.env.cr.savepoint(flush=False) as savepoint:
                self.make_lots(f"PERF-BATCH-{count}", count, date(2025, 3, 1))
                with freeze_time(self.today):
                    spent, reminded = self.count_queries(
                        self.env["stock.lot"]._cron_warranty_ending
                    )
                self.assertEqual(len(reminded), count)
                savepoint.rollback()
            return spent

        queries(5)  # warm
        five, twenty_five = queries(5), queries(25)
        self.assertLessEqual((twenty_five - five) / 20, WARRANTY_CRON_QUERIES_PER_LOT)

    def test_the_installed_base_opens_ungrouped(self):
        """Grouping by customer by default would read every serial of the
        installed base to count its groups before showing one."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sunshine_spares.stock_lot_action_installed_base"
        )
        context = safe_eval(action["context"])
        self.assertFalse([key for key in context if "group" in key], context)
        self.assertEqual(safe_eval(action["domain"]), [("customer_id", "!=", False)])

    def test_warranty_status_search_uses_the_date_indexes(self):
        # The web client's context carries the user's time zone.
        Lot = self.env["stock.lot"].with_context(tz="Asia/Shanghai")
        end_index = "stock_lot__warranty_end_date_index"
        repaired_index = "stock_lot__repaired_warranty_end_date_index"
        domains = [
            ([("warranty_status", "=", "in_warranty")], end_index),
            ([("warranty_status", "=", "repaired_part_warranty")], repaired_index),
            (  # the warranty reminders' scan
                [
                    ("warranty_end_date", ">=", self.today),
                    ("warranty_end_date", "<=", self.today + relativedelta(days=30)),
                    ("warranty_reminder_date", "=", False),
                    ("regional_representative_id", "!=", False),
                ],
                end_index,
            ),
        ]

        def search_queries():
            with freeze_time(self.today):
                Lot.search(domains[0][0])  # warm
                return [
                    self.count_queries(lambda d=domain: Lot.search(d))[0]
                    for domain, _index in domains
                ]

        self.assertEqual(search_queries(), [1, 1, 1])
        # 3000 lots, accepted over ten years
        for year in range(2016, 2026):
            self.make_lots(f"PERF-{year}", 300, date(year, 6, 1))
        self.assertEqual(search_queries(), [1, 1, 1], "one query whatever the lots")
        self.env.flush_all()
        self.env.cr.execute("ANALYZE stock_lot")
        # with seqscan off, as on a large table: the date indexes serve
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        with freeze_time(self.today):
            for domain, index in domains:
                query = Lot._search(domain)
                self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
                plan = "\n".join(row[0] for row in self.env.cr.fetchall())
                self.assertIn(index, plan, domain)
        self.env.cr.execute("SET LOCAL enable_seqscan = on")


@tagged("post_install", "-at_install")
class TestLowStockPerformance(SparesPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only this test's centre and list: the demo ones stay out of the scan.
        cls.env["sunshine.spare.part.list"].search([]).active = False
        cls.env["helpdesk.ticket.team"].search([]).warehouse_id = False
        cls.leader = new_test_user(
            cls.env, login="perf_leader", groups="sunshine_spares.group_spares_user"
        )
        cls.centre, _team = cls.create_centre(
            "Perf Centre", "PRF1", user_id=cls.leader.id
        )
        cls.part_list = cls.env["sunshine.spare.part.list"].create(
            {"product_id": cls.product.id}
        )

    def add_parts(self, count, centre):
        """``count`` list parts of minimum 2, 3 of each on hand in ``centre``."""
        parts = self.env["product.product"].create(
            [
                {"name": f"Perf Part {index}", "type": "consu", "is_storable": True}
                for index in range(count)
            ]
        )
        self.part_list.line_ids = [
            Command.create({"product_id": part.id, "min_qty": 2, "recommended_qty": 4})
            for part in parts
        ]
        self.stock(parts, centre, 3)
        return parts

    def stock(self, parts, centre, quantity):
        for part in parts:
            self.env["stock.quant"]._update_available_quantity(
                part, centre.lot_stock_id, quantity
            )

    def cron_queries(self):
        """The queries of a run, after a run that warms the caches."""
        Line = self.env["sunshine.spare.part.list.line"]
        Line._cron_low_stock()
        return self.count_queries(Line._cron_low_stock)

    def test_low_stock_scan_grows_with_the_centres_not_the_parts(self):
        parts = self.add_parts(5, self.centre)
        five, created = self.cron_queries()
        self.assertFalse(created)
        parts |= self.add_parts(45, self.centre)
        fifty, created = self.cron_queries()
        self.assertFalse(created)
        self.assertEqual(five, fifty, "the scan does not grow with the parts")
        self.assertLessEqual(fifty, LOW_STOCK_QUERIES_ALL_IN_STOCK)

        leader = new_test_user(
            self.env, login="perf_leader_2", groups="sunshine_spares.group_spares_user"
        )
        second_centre, _team = self.create_centre(
            "Perf Centre 2", "PRF2", user_id=leader.id
        )
        self.stock(parts, second_centre, 3)
        two_centres, created = self.cron_queries()
        self.assertFalse(created)
        self.assertLessEqual(two_centres - fifty, LOW_STOCK_QUERIES_PER_CENTRE)

    def test_open_alerts_are_found_in_one_search(self):
        parts = self.add_parts(10, self.centre)
        Line = self.env["sunshine.spare.part.list.line"]
        Line._cron_low_stock()  # warm
        self.stock(parts[0], self.centre, -2)
        first, created = self.count_queries(Line._cron_low_stock)
        self.assertEqual(len(created), 1)
        one_open, created = self.count_queries(Line._cron_low_stock)
        self.assertFalse(created)
        self.assertLessEqual(one_open, first, "a second run costs no more")
        self.stock(parts[1:], self.centre, -2)
        _queries, created = self.count_queries(Line._cron_low_stock)
        self.assertEqual(len(created), 9)
        ten_open, created = self.count_queries(Line._cron_low_stock)
        self.assertFalse(created)
        self.assertEqual(one_open, ten_open, "not a search per low part")
        self.assertLessEqual(ten_open, LOW_STOCK_QUERIES_ALERTS_OPEN)


@tagged("post_install", "-at_install")
class TestTicketPerformance(SparesPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse, cls.team = cls.create_centre("Perf Ticket Centre", "PRFT")

    def ticket_values(self, count, lots=None):
        return [
            {
                "name": f"Perf ticket {index}",
                "description": "<p>load</p>",
                "team_id": self.team.id,
                "partner_id": self.customer.id,
                "service_type_id": self.service_onsite.id,
                "lot_id": lots[index].id if lots else False,
            }
            for index in range(count)
        ]

    def issue_queries(self, count):
        """The queries of issuing ``count`` parts on a new ticket."""
        parts = self.env["product.product"].create(
            [
                {
                    "name": f"Perf Issued {count}-{index}",
                    "type": "consu",
                    "is_storable": True,
                }
                for index in range(count)
            ]
        )
        for part in parts:
            self.env["stock.quant"]._update_available_quantity(
                part, self.warehouse.lot_stock_id, 5
            )
        ticket = self.env["helpdesk.ticket"].create(self.ticket_values(1))
        ticket.part_ids = [Command.create({"product_id": part.id}) for part in parts]
        queries, _result = self.count_queries(ticket.action_issue_parts)
        self.assertEqual(set(ticket.part_ids.mapped("state")), {"issued"})
        self.assertEqual(len(ticket.part_ids.move_id.picking_id), 1)
        return queries

    def test_issuing_ten_parts_is_one_transfer(self):
        self.issue_queries(1)  # warm
        one = self.issue_queries(1)
        ten = self.issue_queries(10)
        self.assertLessEqual(one, ISSUE_1_PART_QUERIES)
        self.assertLessEqual(ten, ISSUE_10_PARTS_QUERIES)
        self.assertLess(ten, 3 * one, "far less than a transfer per part")

    def test_counts_are_read_in_one_query_each(self):
        lots = self.make_lots("PERF-CNT", 100, date(2025, 3, 1))
        tickets = self.env["helpdesk.ticket"].create(self.ticket_values(100, lots))
        part = self.create_part("Perf Counted Part")
        self.env["sunshine.ticket.part"].create(
            [{"ticket_id": ticket.id, "product_id": part.id} for ticket in tickets]
        )
        self.env["repair.order"].create(
            [
                {
                    "product_id": self.product.id,
                    "lot_id": ticket.lot_id.id,
                    "partner_id": self.customer.id,
                    "ticket_id": ticket.id,
                }
                for ticket in tickets[:10]
            ]
        )
        # as a list view reads them
        lot_fields = ["ticket_count", "part_count"]
        lots[:10].read(lot_fields)  # warm
        lots_10, _values = self.count_queries(lambda: lots[:10].read(lot_fields))
        lots_100, values = self.count_queries(lambda: lots.read(lot_fields))
        self.assertEqual(
            {(row["ticket_count"], row["part_count"]) for row in values}, {(1, 1)}
        )
        self.assertEqual(lots_10, lots_100)
        self.assertLessEqual(lots_100, LOT_COUNTS_QUERIES)

        tickets[:10].read(["repair_count"])  # warm
        tickets_10, _values = self.count_queries(
            lambda: tickets[:10].read(["repair_count"])
        )
        tickets_100, values = self.count_queries(lambda: tickets.read(["repair_count"]))
        self.assertEqual(sum(row["repair_count"] for row in values), 10)
        self.assertEqual(tickets_10, tickets_100)
        self.assertLessEqual(tickets_100, TICKET_REPAIR_COUNT_QUERIES)

    def test_ticket_creation_with_a_serial_is_batched(self):
        Ticket = self.env["helpdesk.ticket"]
        today = fields.Date.context_today(Ticket)
        # half in warranty (free), half after it (charged by the fee schedule)
        lots = self.make_lots("PERF-IN", 25, today - timedelta(days=60))
        lots |= self.make_lots("PERF-OUT", 25, today - timedelta(days=800))
        # warm both paths: what a process reads once is not the batch's cost
        Ticket.create(self.ticket_values(1, lots))
        Ticket.create(self.ticket_values(1))
        with_serial_10, tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(10, lots[20:30]))
        )
        self.assertEqual(set(tickets.mapped("service_charge")), {"free", "charged"})
        with_serial_50, tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(50, lots))
        )
        self.assertEqual(sum(tickets.mapped("fee_amount")), 25 * 2000.0)
        without_10, _tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(10))
        )
        without_50, _tickets = self.count_queries(
            lambda: Ticket.create(self.ticket_values(50))
        )
        self.assertLessEqual(with_serial_10 - without_10, SERIAL_QUERIES_PER_BATCH)
        self.assertLessEqual(with_serial_50 - without_50, SERIAL_QUERIES_PER_BATCH)
