from odoo import fields, models


class StockLot(models.Model):
    """The maintenance centre that serves a unit of the installed base."""

    _inherit = "stock.lot"  # pylint: disable=consider-merging-classes-inherited

    centre_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Maintenance Centre",
        index="btree_not_null",
        tracking=True,
        domain=[("support_level", "=", "1")],
        help="The maintenance centre that serves the unit: the faults its "
        "customer reports on the portal go to it. When empty, the centre of "
        "the warehouse the unit was last delivered from.",
    )

    def _sunshine_centre_team(self):
        """The team a fault of this unit is reported to: its maintenance
        centre, or the centre of the warehouse it was delivered from; none
        when neither is known (a dispatcher then gives the ticket its team)."""
        self.ensure_one()
        if self.centre_team_id:
            return self.centre_team_id
        teams = self._delivery_warehouse().centre_team_ids
        return teams.filtered(lambda team: team.support_level == "1")[:1] or teams[:1]
