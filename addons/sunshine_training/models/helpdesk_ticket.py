from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sunshine_certification import ACTIVE_STATES


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

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

    @api.depends("product_categ_id")
    def _compute_certified_user_ids(self):
        for ticket in self:
            ticket.certified_user_ids = ticket._certified_users()

    def _certified_users(self):
        """Users whose engineer holds a valid certification for this
        ticket's product line or a line above it."""
        self.ensure_one()
        # sudo: who is certified for what is not private to HR
        certifications = (
            self.env["sunshine.certification"]
            .sudo()
            .search(
                [
                    ("state", "in", ACTIVE_STATES),
                    ("product_categ_id", "parent_of", self.product_categ_id.id),
                ]
            )
        )
        return certifications.user_id

    def _check_dispatch(self):
        for ticket in self:
            user = ticket.user_id
            if not (user and ticket.product_categ_id) or ticket.dispatch_override:
                continue
            if user not in ticket._certified_users():
                raise ValidationError(
                    _(
                        "%(user)s has no valid certification for %(line)s. Assign a "
                        "certified engineer, or ask a service manager to override "
                        "with a reason.",
                        user=user.name,
                        line=ticket.product_categ_id.display_name,
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
        )
        defaulted.filtered(
            lambda t: (
                t.user_id
                and t.product_categ_id
                and t.user_id not in t._certified_users()
            )
        ).user_id = False
        tickets._check_dispatch()
        return tickets

    def write(self, vals):
        to_check = self.browse()
        if "user_id" in vals and not vals.get("dispatch_override"):
            to_check = self.filtered(lambda t: t.user_id.id != vals["user_id"])
        if "product_categ_id" in vals:
            to_check = self
        res = super().write(vals)
        if "user_id" in vals and not vals.get("dispatch_override"):
            # a new assignee is checked again, whatever an earlier override said
            to_check.filtered("dispatch_override").write(
                {"dispatch_override": False, "dispatch_override_reason": False}
            )
        to_check._check_dispatch()
        return res

    def action_open_dispatch_override_wizard(self):
        self.ensure_one()
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
        if not self.env.user.has_group("sunshine_helpdesk.group_service_manager"):
            raise UserError(
                _("Only a service manager may assign an uncertified engineer.")
            )
        if not (reason or "").strip():
            raise UserError(_("Give the reason for assigning an uncertified engineer."))
        self.write(
            {
                "user_id": user.id,
                "dispatch_override": True,
                "dispatch_override_reason": reason,
            }
        )
        for ticket in self:
            ticket.message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "%(user)s assigned without certification for %(line)s "
                        "by %(manager)s.",
                        user=user.name,
                        line=ticket.product_categ_id.display_name,
                        manager=self.env.user.name,
                    ),
                    reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
