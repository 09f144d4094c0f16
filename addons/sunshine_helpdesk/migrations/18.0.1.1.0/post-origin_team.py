"""Give every dispatched ticket its origin team.

Tickets whose team came from their assignee (helpdesk_mgmt's default) were
left without an origin team, which the agents' record rule and the team
protection read: the team before their first escalation, else their team.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE helpdesk_ticket ticket
           SET origin_team_id = COALESCE(
                   (SELECT escalation.from_team_id
                      FROM sunshine_ticket_escalation escalation
                     WHERE escalation.ticket_id = ticket.id
                       AND escalation.escalation_type = 'level'
                       AND escalation.from_team_id IS NOT NULL
                  ORDER BY escalation.date, escalation.id
                     LIMIT 1),
                   ticket.team_id)
         WHERE ticket.origin_team_id IS NULL
           AND ticket.team_id IS NOT NULL
        """
    )
