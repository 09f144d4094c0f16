from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from .sunshine_service_type import SERVICE_MODES, SEVERITIES
from .sunshine_sla_timer import TIMER_STATES

MODE_RANK = {code: rank for rank, (code, _label) in enumerate(SERVICE_MODES)}
# The clocks a ticket shows as milestones, and the clocks started with it.
MILESTONE_CLOCKS = ("response", "arrival", "resolution")
CLOCKS_AT_CREATION = ("response", "resolution")
# A reported date a little ahead of the server's clock is the client's clock.
REPORTED_DATE_TOLERANCE = timedelta(minutes=5)
SERVICE_MANAGER = "sunshine_helpdesk.group_service_manager"


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "sunshine.sla.mixin"]
    _sla_reference_field = "reported_date"
    # a breach escalates the tickets of a whole run in one call
    _sla_escalate_takes_many = True
    # The milestones and the first team are stamped by the actions.
    _sunshine_protected_fields = (
        "first_response_date",
        "onsite_decided_date",
        "onsite_arrival_date",
        "resolution_date",
        "origin_team_id",
    )

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
        # the form reads the escalations anyway: counting them costs nothing
        for ticket in self:
            ticket.escalation_count = len(ticket.escalation_ids)

    @api.depends("sla_timer_ids.deadline", "sla_timer_ids.state")
    def _compute_milestone_sla(self):
        # sudo: due times are shown to portal customers, the timers are not
        for ticket in self:
            timers = {t.clock_code: t for t in ticket._sla_timers()}
            for code in MILESTONE_CLOCKS:
                timer = timers.get(code)
                ticket[f"{code}_deadline"] = timer.deadline if timer else False
                ticket[f"{code}_sla_state"] = timer.state if timer else False

    @api.constrains("user_id")
    def _check_user_internal(self):
        for ticket in self:
            if ticket.user_id.share:
                raise ValidationError(
                    _(
                        "%(user)s is not an internal user: ticket %(ticket)s is "
                        "assigned to an engineer of the company, never to a "
                        "customer or portal user.",
                        user=ticket.user_id.name,
                        ticket=ticket.number,
                    )
                )

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
        self._sunshine_assert_create_values(vals_list)
        for vals in vals_list:
            if vals.get("reported_date"):
                self._sunshine_assert_reported_in_past(vals["reported_date"])
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
        # the client's values are checked above; the stamps set here are the
        # action's own (the records go back without that permission)
        tickets = (
            super(HelpdeskTicket, self._sunshine_as_action())
            .create(vals_list)
            .with_env(self.env)
        )
        # a team given by the assignee (helpdesk_mgmt) is the first team too
        for ticket in tickets.filtered(lambda t: t.team_id and not t.origin_team_id):
            ticket._sunshine_as_action().origin_team_id = ticket.team_id
        # one start for all the clocks of all the tickets
        tickets._sla_start_by_record(
            {
                ticket: CLOCKS_AT_CREATION
                + (("arrival",) if ticket.service_mode == "onsite" else ())
                for ticket in tickets
            },
            created=True,
        )
        return tickets

    def write(self, vals):
        self._sunshine_assert_write_values(vals)
        if "stage_id" not in vals:
            return super().write(vals)
        stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
        if stage.closed and not (self.env.su or self._sunshine_writes_protected()):
            # a card dragged to the resolving stage is resolved as by Resolve
            # (one search per team, not per ticket; no team is a team too)
            resolved_stages = {
                team: team._sunshine_resolved_stage()
                for team in {ticket.team_id for ticket in self}
            }
            self.filtered(
                lambda t: (
                    not t.resolution_date
                    and t.stage_id != stage
                    and stage == resolved_stages[t.team_id]
                )
            )._sunshine_assert_resolve_ready()
        paused_before = self.filtered("stage_id.sla_paused")
        res = super().write(vals)
        if stage.closed:
            unresolved = self.filtered(lambda t: not t.resolution_date)
            unresolved._sunshine_as_action().write(
                {"resolution_date": fields.Datetime.now()}
            )
            self._sla_stop(MILESTONE_CLOCKS)
        elif stage.sla_paused:
            (self - paused_before)._sla_pause()
        else:
            paused_before._sla_resume()
        return res

    # ------------------------------------------------------------------
    # Guards: what a client may not write directly
    # ------------------------------------------------------------------
    @api.model
    def _sunshine_assert_reported_in_past(self, value):
        reported = fields.Datetime.to_datetime(value)
        if reported and reported > fields.Datetime.now() + REPORTED_DATE_TOLERANCE:
            raise ValidationError(
                _(
                    "The fault cannot be reported in the future (%(date)s): enter "
                    "when the customer reported it.",
                    date=format_datetime(self.env, reported),
                )
            )

    def _sunshine_assert_write_values(self, vals):
        """The rules of a direct write that the protected fields do not
        cover: the reported date is never in the future and is fixed once
        a clock counts from it; the team and the service mode change by
        escalation only, except when a dispatcher gives a new ticket its
        first team. Code running as the superuser (data imports,
        migrations) is trusted, as for access rights."""
        if "reported_date" in vals:
            self._sunshine_assert_reported_in_past(vals["reported_date"])
        if self.env.su or self._sunshine_writes_protected():
            return
        if "reported_date" in vals:
            reported = fields.Datetime.to_datetime(vals["reported_date"])
            clocked = self.browse(self._sla_timers().mapped("res_id")).filtered(
                lambda t: t.reported_date != reported
            )
            if clocked:
                raise UserError(
                    _(
                        "The SLA clocks of %(tickets)s count from the reported date: "
                        "it is fixed. A service manager corrects it with Correct "
                        "Reported Date, giving the reason.",
                        tickets=", ".join(clocked.mapped("number")),
                    )
                )
        if "team_id" in vals:
            self._sunshine_assert_team_change(vals["team_id"])
        if "service_mode" in vals:
            changed = self.filtered(lambda t: t.service_mode != vals["service_mode"])
            if changed:
                raise UserError(
                    _(
                        "The service mode of %(ticket)s moves on with Change Service "
                        "Mode, which records why and starts the on-site clock.",
                        ticket=changed[0].number,
                    )
                )

    def _sunshine_assert_team_change(self, team_id):
        moved = self.filtered(lambda t: t.team_id and t.team_id.id != team_id)
        if moved:
            raise UserError(
                _(
                    "Ticket %(ticket)s is with %(team)s: it moves to another team "
                    "only by an escalation to the next support level (Escalate), "
                    "which records why.",
                    ticket=moved[0].number,
                    team=moved[0].team_id.display_name,
                )
            )
        undispatched = self.filtered(lambda t: not t.team_id)
        if not (undispatched and team_id):
            return
        if not self.env.user.has_group("sunshine_helpdesk.group_service_dispatcher"):
            raise AccessError(
                _(
                    "Only a dispatcher gives a new ticket its team; ask the "
                    "dispatcher of your maintenance centre."
                )
            )
        # the first team of a new ticket is its origin team
        undispatched.filtered(
            lambda t: not t.origin_team_id
        )._sunshine_as_action().write({"origin_team_id": team_id})

    def action_open_reported_date_wizard(self):
        self._sunshine_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Correct Reported Date"),
            "res_model": "sunshine.ticket.reported.date.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_reported_date": fields.Datetime.to_string(self.reported_date),
            },
        }

    def _correct_reported_date(self, reported_date, reason):
        """A service manager corrects when the fault was reported; logged.
        The clocks already running keep their deadlines."""
        if not self.env.user.has_group(SERVICE_MANAGER):
            raise AccessError(
                _("Only a service manager may correct the reported date of a ticket.")
            )
        if not (reason or "").strip():
            raise UserError(_("Give the reason for correcting the reported date."))
        self._sunshine_assert_reported_in_past(reported_date)
        reported_date = fields.Datetime.to_datetime(reported_date)
        for ticket in self._sunshine_as_action():
            previous = ticket.reported_date
            ticket.reported_date = reported_date
            ticket.message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "Reported date corrected from %(old)s to %(new)s by "
                        "%(manager)s.",
                        old=format_datetime(self.env, previous),
                        new=format_datetime(self.env, reported_date),
                        manager=self.env.user.name,
                    ),
                    reason,
                ),
                subtype_xmlid="sunshine_helpdesk.mt_reported_date_corrected",
            )
        return True

    # ------------------------------------------------------------------
    # Milestones
    # ------------------------------------------------------------------
    def action_respond(self):
        self._sunshine_ensure_one()
        if self.first_response_date:
            raise UserError(
                _("The first response of %s is already recorded.", self.number)
            )
        self._sunshine_as_action().first_response_date = fields.Datetime.now()
        self._sla_stop(["response"])
        return True

    def action_check_in(self):
        self._sunshine_ensure_one()
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
        self._sunshine_as_action().onsite_arrival_date = fields.Datetime.now()
        self._sla_stop(["arrival"])
        return True

    def _sunshine_assert_resolve_ready(self):
        """What resolving needs, from the Resolve button, its wizard or a
        card dragged to the resolving stage: the first response, the
        on-site arrival of an on-site service, and what
        ``_sunshine_assert_resolvable`` asks (helpdesk_ticket_resolve.py)."""
        for ticket in self:
            if ticket.resolution_date:
                raise UserError(_("Ticket %s is already resolved.", ticket.number))
            if not ticket.first_response_date:
                raise UserError(
                    _(
                        "Record the first response of %s before resolving it.",
                        ticket.number,
                    )
                )
            if ticket.service_mode == "onsite" and not ticket.onsite_arrival_date:
                raise UserError(
                    _(
                        "Ticket %s is served on site: check in on site before "
                        "resolving it.",
                        ticket.number,
                    )
                )
        self._sunshine_assert_resolvable()

    def action_resolve(self):
        self._sunshine_ensure_one()
        self._sunshine_assert_resolve_ready()
        self._sunshine_as_action().resolution_date = fields.Datetime.now()
        closed_stage = self.team_id._sunshine_resolved_stage()
        if closed_stage:
            self.stage_id = closed_stage  # write() stops the clocks
        else:
            self._sla_stop(MILESTONE_CLOCKS)
        return True

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------
    def action_open_escalation_wizard(self):
        self._sunshine_ensure_one()
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
        self._sunshine_ensure_one()
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
        level's leader follows it and is notified, in the leader's language.
        At the top level it stays where it is: a manual escalation is
        refused, an automatic one says so in the chatter.

        ``reason`` is one text for all, or a function of the language that
        gives {ticket id: text}. Batched: one insert of the escalations, one
        write per parent team, one subscription per leader, and the
        messages posted with what they share computed once.
        """
        reasons = reason if callable(reason) else None
        if reasons is None:
            self._check_reason(reason)
        # the action writes the escalation, the team and its notes
        Escalation = self.env["sunshine.ticket.escalation"]._sunshine_as_action()
        tickets = self._sunshine_as_action()
        top = tickets.filtered(lambda ticket: not ticket.team_id.parent_id)
        if top and not automatic:
            raise UserError(self._sunshine_top_level_message(top[0]))
        moving = tickets - top
        origins = {ticket.id: ticket.team_id for ticket in moving}
        if moving:
            by_lang = moving.grouped(lambda ticket: ticket._sunshine_escalation_lang())
            texts = {}
            for lang, group in by_lang.items():
                texts.update(
                    reasons(group.with_context(lang=lang))
                    if reasons
                    else dict.fromkeys(group.ids, reason)
                )
            Escalation.create(
                [
                    {
                        "ticket_id": ticket.id,
                        "escalation_type": "level",
                        "automatic": automatic,
                        "reason": texts[ticket.id],
                        "from_team_id": origins[ticket.id].id,
                        "to_team_id": origins[ticket.id].parent_id.id,
                    }
                    for ticket in moving
                ]
            )
            # Writing stage and assignee with the team keeps them: helpdesk_mgmt
            # recomputes both from the team otherwise.
            writes = moving.grouped(
                lambda ticket: (
                    origins[ticket.id].parent_id.id,
                    ticket.stage_id.id,
                    ticket.user_id.id,
                    (ticket.origin_team_id or origins[ticket.id]).id,
                )
            )
            for (parent, stage, user, origin), group in writes.items():
                group.write(
                    {
                        "team_id": parent,
                        "stage_id": stage,
                        "user_id": user,
                        "origin_team_id": origin,
                    }
                )
            leaders = moving.grouped(
                lambda ticket: origins[ticket.id].parent_id.user_id.partner_id
            )
            for leader, group in leaders.items():
                if leader:
                    group.message_subscribe(partner_ids=leader.ids)
            bodies = {}
            for lang, group in by_lang.items():
                group = group.with_context(lang=lang)
                for ticket in group:
                    bodies[ticket.id] = Markup("%s<br/>%s") % (
                        group._sunshine_escalated_line(origins[ticket.id]),
                        texts[ticket.id],
                    )
            moving._sla_post(
                bodies,
                "sunshine_helpdesk.mt_ticket_escalation",
                partner_ids={
                    ticket.id: origins[ticket.id].parent_id.user_id.partner_id.ids
                    for ticket in moving
                },
            )
        if top:
            top._sla_post(
                {
                    ticket.id: ticket._sunshine_top_level_message(ticket)
                    for ticket in top._sunshine_in_user_lang()
                },
                "sunshine_helpdesk.mt_ticket_escalation",
            )
        return True

    def _sunshine_escalation_lang(self):
        """The language of this ticket's escalation message: its recipient's,
        the leader of the next level, else the one the message is written
        in."""
        leader = self.team_id.parent_id.user_id.partner_id
        return leader.lang or self.env.lang or self.env.user.lang

    @api.model
    def _sunshine_top_level_message(self, ticket):
        return _(
            "Ticket %(ticket)s is at the top support level (%(team)s) and stays there.",
            ticket=ticket.number,
            team=ticket.team_id.name or _("no team"),
        )

    @api.model
    def _sunshine_escalated_line(self, team):
        """'Escalated from <team> to <its parent> (<its level>).' in the
        language of the environment."""
        parent = team.with_env(self.env).parent_id
        levels = dict(parent._fields["support_level"]._description_selection(self.env))
        return _(
            "Escalated from %(from)s to %(to)s (%(level)s).",
            **{
                "from": team.with_env(self.env).name,
                "to": parent.name,
                "level": levels[parent.support_level],
            },
        )

    def _change_service_mode(self, mode, reason):
        """Move on to a further service mode: phone, remote, on-site."""
        self._check_reason(reason)
        Escalation = self.env["sunshine.ticket.escalation"]._sunshine_as_action()
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
            ticket = ticket._sunshine_as_action()
            ticket.write(values)
            ticket.message_post(
                body=_(
                    "Service mode changed from %(from)s to %(to)s: %(reason)s",
                    **{"from": labels[previous], "to": labels[mode], "reason": reason},
                ),
                subtype_xmlid="sunshine_helpdesk.mt_ticket_escalation",
            )
        self.filtered(lambda t: t.service_mode == "onsite")._sla_start(["arrival"])
        return True

    def _sla_on_breach_escalate(self, timers):
        """Escalate these tickets, one or many, because ``timers`` (theirs)
        were breached: the reason is written in each message's language."""
        by_ticket = {
            ticket.id: ticket_timers
            for ticket, ticket_timers in self._sla_timers_by_record(timers)
        }
        self._sunshine_in_user_lang()._escalate_level(
            lambda tickets: tickets._sunshine_breach_reasons(by_ticket),
            automatic=True,
        )
        return True

    def _sunshine_breach_reasons(self, timers_by_ticket):
        """{ticket id: 'SLA breached: Response due ...'} in the language of
        the environment."""
        return {
            ticket.id: _(
                "SLA breached: %s",
                ", ".join(timers_by_ticket[ticket.id].with_env(self.env)._describe()),
            )
            for ticket in self
        }
