def fill_origin_team(cr):
    """Give every dispatched ticket without one its origin team: the team
    before its first escalation, else its team. Tickets of helpdesk_mgmt
    from before the install, or whose team came from their assignee, have
    none; the agents' record rule and the team protection read it."""
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


def post_init_hook(env):
    fill_origin_team(env.cr)
    # the creation messages of the addons installed before this one, from
    # their data and demo, loaded before their terms
    Module = env["ir.module.module"]
    Module._sunshine_translate_creation_messages(
        Module.search([("state", "=", "installed")]).mapped("name"),
        [code for code, _name in env["res.lang"].get_installed()],
    )
