from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .sunshine_service_type import SERVICE_MODES, SEVERITIES
from .sunshine_sla_timer import TIMER_STATES

MODE_RANK = {code: rank for rank, (code, _label) in enumerate(SERVICE_MODES)}
# The clocks a ticket shows as milestones, and the clocks started with it.
MILESTONE_CLOCKS = ("response", "arrival", "resolution")
CLOCKS_AT_CREATION = ("response", "resolution")


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "sunshine.sla.mixin"]
    _sla_reference_field = "reported_date"

    service_type_id = fields.Many2one(
        "sunshine.service.type", tracking=True, index=True
    )
    severity = fields.Selection(
        SEVERITIES, default="minor", required=True, tracking=True, index=True
    )
    service_mode = fields.Selection(
        SERVICE_MODES,
        default="phone",
        required=True,
        tracking=True,
        help="Phone, then remote, then on-site: use Change Service Mode to move on.",
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Line",
        help="The product line the ticket is about.",
    )
    reported_date = fields.Datetime(
        string="Reported On",
        required=True,
        default=fields.Datetime.now,
        copy=False,
        help="When the customer reported the fault; the SLA clocks count from it.",
    )
    first_response_date = fields.Datetime(
        string="First Response", readonly=True, copy=False, tracking=True
    )
    onsite_decided_date = fields.Datetime(
        string="On-site Decided", readonly=True, copy=False
    )
    onsite_arrival_date = fields.Datetime(
        string="On-site Arrival", readonly=True, copy=False, tracking=True
    )
    resolution_date = fields.Datetime(
        string="Resolved On", readonly=True, copy=False, tracking=True
    )
    support_level = fields.Selection(
        related="team_id.support_level",
        store=True,
    )
    parent_team_id = fields.Many2one(
        related="team_id.parent_id", string="Next Level Team"
    )
    origin_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        readonly=True,
        copy=False,
        index=True,
        help="The team the ticket was first given to; it keeps seeing the "
        "ticket after an escalation.",
    )
    escalation_ids = fields.One2many(
        "sunshine.ticket.escalation", "ticket_id", string="Escalations", readonly=True
    )
    escalation_count = fields.Integer(compute="_compute_escalation_count")
    response_deadline = fields.Datetime(
        string="Response Due", compute="_compute_milestone_sla"
    )
    response_sla_state = fields.Selection(
        TIMER_STATES, string="Response SLA", compute="_compute_milestone_sla"
    )
    arrival_deadline = fields.Datetime(
        string="Arrival Due", compute="_compute_milestone_sla"
    )
    arrival_sla_state = fields.Selection(
        TIMER_STATES, string="Arrival SLA", compute="_compute_milestone_sla"
    )
    resolution_deadline = fields.Datetime(
        string="Resolution Due", compute="_compute_milestone_sla"
    )
    resolution_sla_state = fields.Selection(
        TIMER_STATES, string="Resolution SLA", compute="_compute_milestone_sla"
    )

    @api.depends("escalation_ids")
    def _compute_escalation_count(self):
        counts = dict(
            self.env["sunshine.ticket.escalation"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.escalation_count = counts.get(ticket, 0)

    @api.depends("sla_timer_ids.deadline", "sla_timer_ids.state")
    def _compute_milestone_sla(self):
        # sudo: due times are shown to portal customers, the timers are not
        for ticket in self:
            timers = {t.clock_id.code: t for t in ticket._sla_timers()}
            for code in MILESTONE_CLOCKS:
                timer = timers.get(code)
                ticket[f"{code}_deadline"] = timer.deadline if timer else False
                ticket[f"{code}_sla_state"] = timer.state if timer else False

    @api.onchange("service_type_id")
    def _onchange_service_type_id(self):
        self.update(self._service_type_defaults(self.service_type_id))

    @api.model
    def _service_type_defaults(self, service_type):
        """The mode and channel a ticket of ``service_type`` starts with."""
        values = {}
        if service_type:
            values["service_mode"] = service_type.service_mode
            if service_type.channel_id:
                values["channel_id"] = service_type.channel_id.id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        ServiceType = self.env["sunshine.service.type"]
        for vals in vals_list:
            defaults = self._service_type_defaults(
                ServiceType.browse(vals.get("service_type_id"))
            )
            for name, value in defaults.items():
                vals.setdefault(name, value)
            vals.setdefault("origin_team_id", vals.get("team_id"))
            if vals.get("service_mode") == "onsite":
                vals.setdefault("onsite_decided_date", fields.Datetime.now())
        tickets = super().create(vals_list)
        tickets._sla_start(CLOCKS_AT_CREATION)
        tickets.filtered(lambda t: t.service_mode == "onsite")._sla_start(["arrival"])
        return tickets

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        paused_before = self.filtered("stage_id.sla_paused")
        res = super().write(vals)
        stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        if stage.closed:
            unresolved = self.filtered(lambda t: not t.resolution_date)
            unresolved.write({"resolution_date": fields.Datetime.now()})
            self._sla_stop(MILESTONE_CLOCKS)
        elif stage.sla_paused:
            (self - paused_before)._sla_pause()
        else:
            paused_before._sla_resume()
        return res

    # ------------------------------------------------------------------
    # Milestones
    # ------------------------------------------------------------------
    def action_respond(self):
        self.ensure_one()
        if self.first_response_date:
            raise UserError(
                _("The first response of %s is already recorded.", self.number)
            )
        self.first_response_date = fields.Datetime.now()
        self._sla_stop(["response"])
        return True

    def action_check_in(self):
        self.ensure_one()
        if self.service_mode != "onsite":
            raise UserError(
                _(
                    "Ticket %s is not an on-site service. Escalate its service mode "
                    "to on-site before checking in.",
                    self.number,
                )
            )
        if not self.first_response_date:
            raise UserError(
                _("Record the first response of %s before checking in.", self.number)
            )
        if self.onsite_arrival_date:
            raise UserError(
                _("The on-site arrival of %s is already recorded.", self.number)
            )
        self.onsite_arrival_date = fields.Datetime.now()
        self._sla_stop(["arrival"])
        return True

    def action_resolve(self):
        self.ensure_one()
        if self.resolution_date:
            raise UserError(_("Ticket %s is already resolved.", self.number))
        if not self.first_response_date:
            raise UserError(
                _("Record the first response of %s before resolving it.", self.number)
            )
        if self.service_mode == "onsite" and not self.onsite_arrival_date:
            raise UserError(
                _(
                    "Ticket %s is served on site: check in on site before "
                    "resolving it.",
                    self.number,
                )
            )
        self.resolution_date = fields.Datetime.now()
        closed_stage = self.team_id._get_applicable_stages().filtered("closed")[:1]
        if closed_stage:
            self.stage_id = closed_stage  # write() stops the clocks
        else:
            self._sla_stop(MILESTONE_CLOCKS)
        return True

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------
    def action_open_escalation_wizard(self):
        self.ensure_one()
        escalation_type = self.env.context.get("escalation_type", "level")
        return {
            "type": "ir.actions.act_window",
            "name": _("Escalate Ticket"),
            "res_model": "sunshine.ticket.escalate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_escalation_type": escalation_type,
            },
        }

    def action_view_escalations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Escalations"),
            "res_model": "sunshine.ticket.escalation",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"default_ticket_id": self.id},
        }

    @api.model
    def _check_reason(self, reason):
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the escalation."))

    def _escalate_level(self, reason, automatic=False):
        """Hand the tickets to the parent team, one support level up.

        The ticket keeps its stage, assignee, history and timers; the next
        level's leader follows it and is notified. At the top level it stays
        where it is: a manual escalation is refused, an automatic one says
        so in the chatter.
        """
        self._check_reason(reason)
        Escalation = self.env["sunshine.ticket.escalation"]
        for ticket in self:
            team = ticket.team_id
            parent = team.parent_id
            if not parent:
                message = _(
                    "Ticket %(ticket)s is at the top support level (%(team)s) "
                    "and stays there.",
                    ticket=ticket.number,
                    team=team.name or _("no team"),
                )
                if not automatic:
                    raise UserError(message)
                ticket.message_post(body=message)
                continue
            Escalation.create(
                {
                    "ticket_id": ticket.id,
                    "escalation_type": "level",
                    "automatic": automatic,
                    "reason": reason,
                    "from_team_id": team.id,
                    "to_team_id": parent.id,
                }
            )
            # Writing stage and assignee with the team keeps them: helpdesk_mgmt
            # recomputes both from the team otherwise.
            ticket.write(
                {
                    "team_id": parent.id,
                    "stage_id": ticket.stage_id.id,
                    "user_id": ticket.user_id.id,
                }
            )
            leader = parent.user_id.partner_id
            if leader:
                ticket.message_subscribe(partner_ids=leader.ids)
            ticket.message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "Escalated from %(from)s to %(to)s (%(level)s).",
                        **{
                            "from": team.name,
                            "to": parent.name,
                            "level": dict(
                                parent._fields["support_level"]._description_selection(
                                    parent.env
                                )
                            )[parent.support_level],
                        },
                    ),
                    reason,
                ),
                partner_ids=leader.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _change_service_mode(self, mode, reason):
        """Move on to a further service mode: phone, remote, on-site."""
        self._check_reason(reason)
        Escalation = self.env["sunshine.ticket.escalation"]
        labels = dict(SERVICE_MODES)
        if mode not in MODE_RANK:
            raise UserError(_("Choose the service mode the ticket moves on to."))
        for ticket in self:
            if MODE_RANK[mode] <= MODE_RANK[ticket.service_mode]:
                raise UserError(
                    _(
                        "Ticket %(ticket)s is already served by %(current)s; choose "
                        "a further mode than that.",
                        ticket=ticket.number,
                        current=labels[ticket.service_mode],
                    )
                )
            previous = ticket.service_mode
            Escalation.create(
                {
                    "ticket_id": ticket.id,
                    "escalation_type": "mode",
                    "reason": reason,
                    "from_mode": previous,
                    "to_mode": mode,
                }
            )
            values = {"service_mode": mode}
            if mode == "onsite":
                values["onsite_decided_date"] = fields.Datetime.now()
            ticket.write(values)
            ticket.message_post(
                body=_(
                    "Service mode changed from %(from)s to %(to)s: %(reason)s",
                    **{"from": labels[previous], "to": labels[mode], "reason": reason},
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.filtered(lambda t: t.service_mode == "onsite")._sla_start(["arrival"])
        return True

    def _sla_on_breach_escalate(self, timers):
        # the scheduled action has no language: the message is the user's
        # ("Response截止于" otherwise), as mail.thread does
        tickets = self._sunshine_in_user_lang()
        tickets._escalate_level(
            _("SLA breached: %s", ", ".join(timers.with_env(tickets.env)._describe())),
            automatic=True,
        )
        return True
