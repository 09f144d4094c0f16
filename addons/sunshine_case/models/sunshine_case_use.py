from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SunshineCaseUse(models.Model):
    """An experience case applied on a ticket, and whether it helped.

    Made by the ticket's engineers from its suggestions; the case counts
    its uses and the helpful ones from these.
    """

    _name = "sunshine.case.use"
    _description = "Experience Case Use"
    _inherit = ["sunshine.protected.fields.mixin"]
    _order = "date desc, id desc"
    _sunshine_protected_fields = ("helpful", "helpful_date")

    case_id = fields.Many2one(
        "sunshine.case", required=True, ondelete="cascade", index=True
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Engineer",
        required=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(
        string="Applied On", required=True, default=fields.Datetime.now
    )
    helpful = fields.Boolean(string="Found Helpful", readonly=True)
    helpful_date = fields.Datetime(string="Found Helpful On", readonly=True)
    product_categ_id = fields.Many2one(
        related="case_id.product_categ_id", store=True, string="Product Line"
    )
    fault_code_id = fields.Many2one(related="case_id.fault_code_id", store=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)

    _sql_constraints = [
        (
            "case_ticket_unique",
            "unique (case_id, ticket_id)",
            "An experience case is applied once on a ticket.",
        ),
    ]

    @api.depends("case_id.number", "ticket_id.number")
    def _compute_display_name(self):
        for use in self:
            use.display_name = _(
                "%(case)s on %(ticket)s",
                case=use.case_id.number,
                ticket=use.ticket_id.number,
            )

    @api.model
    def _sunshine_apply(self, ticket, case):
        """Link ``case`` to ``ticket`` as applied there by the current user."""
        ticket.ensure_one()
        case.ensure_one()
        ticket.check_access("write")
        case.check_access("read")
        if case.state != "published":
            raise UserError(
                _(
                    "Case %s is not published: apply a published case, or ask "
                    "a reviewer to publish this one.",
                    case.number,
                )
            )
        if self.search_count(
            [("ticket_id", "=", ticket.id), ("case_id", "=", case.id)]
        ):
            raise UserError(
                _(
                    "Case %(case)s is already applied on %(ticket)s.",
                    case=case.number,
                    ticket=ticket.number,
                )
            )
        # sudo: the engineers have no direct right on uses; the user may
        # write the ticket and read the published case (checked above), and
        # the use only records that the case was applied there.
        use = self.sudo().create(
            {"ticket_id": ticket.id, "case_id": case.id, "user_id": self.env.uid}
        )
        ticket.message_post(
            body=_(
                "Experience case %s applied.",
                case._get_html_link(f"{case.number} {case.name}"),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return use.with_env(self.env)

    def action_mark_helpful(self):
        """The case helped to solve the ticket."""
        self.ensure_one()
        self.ticket_id.check_access("write")
        if self.helpful:
            raise UserError(
                _(
                    "Case %(case)s is already marked helpful on %(ticket)s.",
                    case=self.case_id.number,
                    ticket=self.ticket_id.number,
                )
            )
        # sudo: as for applying; the user may write the ticket (checked).
        self.sudo()._sunshine_as_action().write(
            {"helpful": True, "helpful_date": fields.Datetime.now()}
        )
        self.ticket_id.message_post(
            body=_(
                "Experience case %s found helpful.",
                self.case_id._get_html_link(self.case_id.number),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True
