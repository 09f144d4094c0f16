from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class HelpdeskTicket(models.Model):
    """Resolving a ticket: what was done, by whom; and how a ticket names
    itself while it is typed."""

    _inherit = "helpdesk.ticket"  # pylint: disable=consider-merging-classes-inherited

    resolution_note = fields.Html(
        sanitize_style=True,
        help="How the fault was solved: what was checked, replaced or set. "
        "Asked for by Resolve.",
    )

    @api.depends("name", "number")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """'TK0012 - Board alarm'; a ticket being typed has no number yet
        ('/') and maybe no title: it is a new ticket, not '/ - False'."""
        for ticket in self:
            number = ticket.number if ticket.number not in (False, "/") else ""
            name = ticket.name or ""
            if number and name:
                ticket.display_name = f"{number} - {name}"
            else:
                ticket.display_name = number or name or _("New Ticket")

    def action_open_resolve_wizard(self):
        """Resolve asks for the resolution note (and, with the spare parts,
        the fault) before it resolves."""
        self._sunshine_ensure_one()
        self._sunshine_assert_resolvable(check_values=False)
        return {
            "type": "ir.actions.act_window",
            "name": _("Resolve Ticket"),
            "res_model": "sunshine.ticket.resolve.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _sunshine_assert_resolvable(self, check_values=True):
        """Refuse to resolve what is not ready: a ticket nobody is assigned
        to, or (``check_values``) without its resolution note. Addons add
        their own conditions (parts not issued, the fault)."""
        for ticket in self:
            if not ticket.user_id:
                raise UserError(
                    _(
                        "Ticket %s is assigned to nobody: assign the engineer who "
                        "solved it before resolving it.",
                        ticket.number,
                    )
                )
            if check_values and is_html_empty(ticket.resolution_note):
                raise UserError(
                    _(
                        "Write the resolution note of %s (what was checked, "
                        "replaced or set) before resolving it.",
                        ticket.number,
                    )
                )
