from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from .sunshine_service_type import SEVERITIES

ENDED_STATES = [("met", "Met"), ("breached", "Breached")]


class SunshineSlaComplianceReport(models.Model):
    """The clocks of the tickets that ended, one row each: met in time or
    breached. Compliance is met ÷ (met + breached): the average of each
    row's 100 (met) or 0 (breached), so any grouping (team, severity,
    month, clock) gives its exact share. A running or paused clock has no
    outcome yet and is not counted either way."""

    _name = "sunshine.sla.compliance.report"
    _description = "SLA Compliance of Tickets"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        readonly=True,
        help="The team the ticket was given to, accountable for its clocks "
        "whatever the escalations after.",
    )
    current_team_id = fields.Many2one("helpdesk.ticket.team", readonly=True)
    severity = fields.Selection(SEVERITIES, readonly=True)
    service_type_id = fields.Many2one("sunshine.service.type", readonly=True)
    clock_id = fields.Many2one("sunshine.sla.clock", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(ENDED_STATES, string="Outcome", readonly=True)
    date = fields.Datetime(
        string="Ended On",
        readonly=True,
        help="When the clock was met, or when it was breached.",
    )
    met_count = fields.Integer(string="Met", readonly=True, aggregator="sum")
    breached_count = fields.Integer(string="Breached", readonly=True, aggregator="sum")
    compliance = fields.Float(
        string="Compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Met ÷ (met + breached) of the ended clocks, in percent.",
    )
    ticket_readable = fields.Boolean(
        compute="_compute_ticket_readable",
        search="_search_ticket_readable",
        help="Whether the user may read the row's ticket: the record rule of "
        "the report follows the rules of the tickets.",
    )

    @api.depends_context("uid")
    def _compute_ticket_readable(self):
        readable = self.sudo().ticket_id._sunshine_user_readable()
        for row in self:
            row.ticket_readable = row.sudo().ticket_id in readable

    @api.model
    def _search_ticket_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search the readable rows with = True or = False."))
        tickets = self.env["helpdesk.ticket"]._sunshine_user_readable_query()
        positive = (operator == "=") == value
        if tickets is None:
            return [("id", "=", 0)] if positive else []
        return [("ticket_id", "in" if positive else "not in", tickets)]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT timer.id AS id,
                           ticket.id AS ticket_id,
                           COALESCE(ticket.origin_team_id, ticket.team_id)
                               AS team_id,
                           ticket.team_id AS current_team_id,
                           ticket.severity AS severity,
                           ticket.service_type_id AS service_type_id,
                           timer.clock_id AS clock_id,
                           ticket.company_id AS company_id,
                           timer.state AS state,
                           CASE WHEN timer.state = 'met' THEN timer.met_date
                                ELSE timer.breached_date END AS date,
                           CASE WHEN timer.state = 'met' THEN 1 ELSE 0 END
                               AS met_count,
                           CASE WHEN timer.state = 'breached' THEN 1 ELSE 0 END
                               AS breached_count,
                           CASE WHEN timer.state = 'met' THEN 100.0 ELSE 0.0 END
                               AS compliance
                      FROM sunshine_sla_timer timer
                      JOIN helpdesk_ticket ticket
                        ON ticket.id = timer.res_id
                       AND timer.res_model = 'helpdesk.ticket'
                     WHERE timer.state IN ('met', 'breached')
                )
                """,
                SQL.identifier(self._table),
            )
        )
