from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class SunshineSlaTimer(models.Model):
    """A timer seen from its record: which record, whose, in which team; and
    who may see it (whoever may read its record)."""

    _inherit = "sunshine.sla.timer"

    res_name = fields.Char(
        string="Record", compute="_compute_record_data", help="The timed record."
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_record_data"
    )
    team_id = fields.Many2one("helpdesk.ticket.team", compute="_compute_record_data")
    record_readable = fields.Boolean(
        compute="_compute_record_readable",
        search="_search_record_readable",
        help="Whether the user may read the timer's record: the record rule of "
        "the timers follows the rules of their records.",
    )

    @api.depends("res_model", "res_id")
    @api.depends_context("uid", "lang")
    def _compute_record_data(self):
        for record, timers in self._sunshine_by_record().items():
            # a timer the user reads is one of a record the user reads (its rule)
            partner = record._sla_timer_partner()
            team = record._sla_timer_team()
            for timer in timers:
                timer.res_name = record.display_name
                timer.partner_id = partner
                timer.team_id = team
        for timer in self.filtered(lambda t: not t.res_name):
            timer.res_name = f"{timer.res_model},{timer.res_id}"
            timer.partner_id = timer.team_id = False

    @api.depends("res_model", "res_id")
    @api.depends_context("uid")
    def _compute_record_readable(self):
        ids_by_model = defaultdict(list)
        for record in self._sunshine_by_record():
            ids_by_model[record._name].append(record.id)
        # one access check per model
        readable = {
            (model_name, record.id)
            for model_name, ids in ids_by_model.items()
            for record in self.env[model_name].browse(ids)._sunshine_user_readable()
        }
        for timer in self:
            timer.record_readable = (timer.res_model, timer.res_id) in readable

    @api.model
    def _search_record_readable(self, operator, value):
        """The timers of the records the user may read: for each model with
        timers, a subquery of its records under the user's own rules (rules
        are evaluated as the superuser, the records' rules are the user's)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search the readable timers with = True or = False."))
        domains = []
        for model_name in self.env["sunshine.sla.policy"]._sla_model_names():
            records = self.env[model_name]._sunshine_user_readable_query()
            if records is not None:
                domains.append(
                    [("res_model", "=", model_name), ("res_id", "in", records)]
                )
        domain = expression.OR(domains) if domains else expression.FALSE_DOMAIN
        if (operator == "=") != value:
            domain = ["!", *domain]
        return domain

    def _sunshine_by_record(self):
        """{record: its timers among these}, the records read in one batch
        per model, for those that still exist."""
        ids_by_model = defaultdict(set)
        for timer in self:
            if timer.res_model in self.env and timer.res_id:
                ids_by_model[timer.res_model].add(timer.res_id)
        records = {}
        for model_name, ids in ids_by_model.items():
            for record in self.env[model_name].browse(sorted(ids)).exists():
                records[(model_name, record.id)] = record
        result = defaultdict(lambda: self.browse())
        for timer in self:
            record = records.get((timer.res_model, timer.res_id))
            if record is not None:
                result[record] |= timer
        return result

    @api.depends("clock_name", "res_name")
    def _compute_display_name(self):
        for timer in self:
            timer.display_name = f"{timer.clock_name} · {timer.res_name}"

    def action_open_record(self):
        """Open the timer's ticket (or complaint, repair...)."""
        self._sunshine_ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
