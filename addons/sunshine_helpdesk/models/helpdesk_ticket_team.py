from odoo import api, fields, models

SUPPORT_LEVELS = [
    ("1", "Maintenance Centre"),
    ("2", "Engineering Office"),
    ("3", "Product Division"),
    ("4", "HQ Engineering"),
]


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    support_level = fields.Selection(
        SUPPORT_LEVELS,
        default="1",
        required=True,
        help="Tickets escalate from a team to its parent team, one level up: "
        "local service office, engineering office, product division customer "
        "service, HQ engineering department.",
    )

    @api.depends("name", "parent_id.complete_name")
    @api.depends_context("lang")
    def _compute_complete_name(self):
        """helpdesk_mgmt's 'HQ / Division / Office / Centre', with the names
        of every ancestor read at once from the parent path, instead of one
        query per level of the four-level tree."""
        self.flush_model(["parent_id"])  # the parent paths follow it
        paths = {}
        for team in self:
            path = [int(i) for i in (team.parent_path or "").split("/") if i]
            if (
                team.id
                and path
                and path[-1] == team.id
                and path[-2:-1] == team.parent_id.ids
            ):
                paths[team] = path
        ancestors = self.browse({i for path in paths.values() for i in path})
        names = {ancestor.id: ancestor.name for ancestor in ancestors}
        for team, path in paths.items():
            team.complete_name = " / ".join(names[i] for i in path)
        others = self.filtered(lambda team: team not in paths)
        return super(HelpdeskTicketTeam, others)._compute_complete_name()

    @api.depends("name", "complete_name")
    @api.depends_context("sunshine_team_path")
    def _compute_display_name(self):
        """The short name (长沙维护中心) in badges, lists and breadcrumbs; the
        path of the support hierarchy where a choice needs it (context key
        ``sunshine_team_path``)."""
        if self.env.context.get("sunshine_team_path"):
            return super()._compute_display_name()
        for team in self:
            team.display_name = team.name

    def _sunshine_resolved_stage(self):
        """The stage a resolved ticket of this team goes to: its first
        closing stage (helpdesk_mgmt's 已完成; the later ones, cancelled and
        rejected, close a ticket that was not solved)."""
        return self._get_applicable_stages().filtered("closed")[:1]
