from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .sunshine_certification import ACTIVE_STATES

SERVICE_MANAGER = "sunshine_helpdesk.group_service_manager"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"
    # set by the override wizard of a service manager only
    _sunshine_protected_fields = ("dispatch_override", "dispatch_override_reason")

    certified_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_certified_user_ids",
        string="Certified Engineers",
        help="Engineers with a valid certification for the ticket's product line.",
    )
    dispatch_override = fields.Boolean(
        readonly=True,
        copy=False,
        help="Assigned without certification by a service manager.",
    )
    dispatch_override_reason = fields.Text(readonly=True, copy=False)

    dispatch_categ_id = fields.Many2one(
        "product.category",
        string="Dispatch Product Line",
        compute="_compute_dispatch_categ_id",
        help="The product line the assignee must be certified for: the "
        "ticket's, or else that of its unit's model.",
    )

    def _sunshine_dispatch_line_depends(self):
        return ["product_categ_id"]

    @api.depends(lambda self: self._sunshine_dispatch_line_depends())
    def _compute_dispatch_categ_id(self):
        for ticket in self:
            ticket.dispatch_categ_id = ticket._sunshine_dispatch_line()

    def _sunshine_dispatch_line(self):
        """The product line the assignee of this ticket must be certified
        for; an addon that knows the ticket's unit falls back to its model's
        line."""
        self.ensure_one()
        return self.product_categ_id

    @api.depends("dispatch_categ_id")
    def _compute_certified_user_ids(self):
        certified = self._certified_users_by_ticket()
        for ticket in self:
            ticket.certified_user_ids = certified[ticket]

    def _certified_users_by_ticket(self):
        """{ticket: users whose engineer holds a certification for the
        ticket's product line or a line above it, valid today in the
        ticket's company}; one search for the whole batch."""
        Users = self.env["res.users"]
        result = dict.fromkeys(self, Users)
        line_of = {ticket: ticket._sunshine_dispatch_line() for ticket in self}
        lines = self.env["product.category"].union(*line_of.values())
        # a line typed in a form but not saved yet has no id to search by
        lines = lines.browse([line_id for line_id in lines._origin.ids if line_id])
        if not lines:
            return result
        today = {company: company._sunshine_today() for company in self.company_id}
        # sudo: who is certified for what is not private to HR
        certifications = (
            self.env["sunshine.certification"]
            .sudo()
            .search(
                [
                    ("state", "in", ACTIVE_STATES),
                    ("product_categ_id", "parent_of", lines.ids),
                    ("expiry_date", ">=", min(today.values())),
                    ("user_id", "!=", False),
                ]
            )
        )
        for ticket in self:
            path = line_of[ticket]._origin.parent_path
            if not path:
                continue
            day = today[ticket.company_id]
            result[ticket] = certifications.filtered(
                lambda c, path=path, day=day: (
                    path.startswith(c.product_categ_id.parent_path)
                    and c.expiry_date >= day
                )
            ).user_id.with_env(self.env)
        return result

    def _certified_users(self):
        """Users whose engineer holds a valid certification for this
        ticket's product line or a line above it."""
        self.ensure_one()
        return self._certified_users_by_ticket()[self]

    def _check_dispatch(self):
        to_check = self.filtered(
            lambda t: (
                t.user_id and t._sunshine_dispatch_line() and not t.dispatch_override
            )
        )
        if not to_check:
            return
        certified = to_check._certified_users_by_ticket()
        for ticket in to_check:
            if ticket.user_id not in certified[ticket]:
                raise ValidationError(
                    _(
                        "%(user)s has no valid certification for %(line)s. Assign a "
                        "certified engineer, or ask a service manager to override "
                        "with a reason.",
                        user=ticket.user_id.name,
                        line=ticket._sunshine_dispatch_line().display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        # helpdesk_mgmt assigns a new ticket to its creator by default: when
        # the creator is not certified, the ticket waits for dispatch instead.
        defaulted = tickets.browse(
            ticket.id
            for ticket, vals in zip(tickets, vals_list, strict=True)
            if "user_id" not in vals
        ).filtered(lambda t: t.user_id and t._sunshine_dispatch_line())
        if defaulted:
            certified = defaulted._certified_users_by_ticket()
            defaulted.filtered(lambda t: t.user_id not in certified[t]).user_id = False
        tickets._check_dispatch()
        return tickets

    def write(self, vals):
        to_check = self.browse()
        if "user_id" in vals and not vals.get("dispatch_override"):
            to_check = self.filtered(lambda t: t.user_id.id != vals["user_id"])
        if set(self._sunshine_dispatch_line_depends()) & set(vals):
            to_check = self
        res = super().write(vals)
        if "user_id" in vals and not vals.get("dispatch_override"):
            # a new assignee is checked again, whatever an earlier override said
            to_check.filtered("dispatch_override")._sunshine_as_action().write(
                {"dispatch_override": False, "dispatch_override_reason": False}
            )
        to_check._check_dispatch()
        return res

    def action_open_dispatch_override_wizard(self):
        self._sunshine_ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Assign Without Certification"),
            "res_model": "sunshine.dispatch.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _assign_with_override(self, user, reason):
        """A service manager assigns an uncertified engineer; logged."""
        if not self.env.user.has_group(SERVICE_MANAGER):
            raise AccessError(
                _("Only a service manager may assign an uncertified engineer.")
            )
        if not (reason or "").strip():
            raise UserError(_("Give the reason for assigning an uncertified engineer."))
        if not user or user.share:
            raise UserError(
                _(
                    "%s is not an internal user: only an engineer of the company "
                    "may be assigned, even without certification.",
                    user.name or _("Nobody"),
                )
            )
        for ticket in self._sunshine_as_action():
            ticket.write(
                {
                    "user_id": user.id,
                    "dispatch_override": True,
                    "dispatch_override_reason": reason,
                }
            )
            ticket.message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "%(user)s assigned without certification for %(line)s "
                        "by %(manager)s.",
                        user=user.name,
                        line=ticket._sunshine_dispatch_line().display_name,
                        manager=self.env.user.name,
                    ),
                    reason,
                ),
                subtype_xmlid="sunshine_training.mt_dispatch_override",
            )
        return True
