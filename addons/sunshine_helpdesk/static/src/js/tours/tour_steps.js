/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * Steps that open the ticket named `ticket` from Service Desk → Service
 * Tickets, for the tours of every Sunshine addon. They match menu xmlids and
 * the ticket's name only, so they work whatever the user's language.
 */
export function openTicketSteps(ticket) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Service Desk app",
            trigger: ".o_app[data-menu-xmlid='sunshine_helpdesk.sunshine_helpdesk_menu_root']",
            run: "click",
        },
        {
            content: "Open the service tickets",
            trigger:
                ".o_menu_sections [data-menu-xmlid='sunshine_helpdesk.sunshine_helpdesk_menu_tickets']",
            run: "click",
        },
        {
            content: "Wait for the ticket kanban",
            trigger: ".o_kanban_view .o_kanban_renderer",
        },
        {
            content: "Search the prepared ticket",
            trigger: ".o_searchview_input",
            run: `edit ${ticket}`,
        },
        {
            content: "Confirm the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Wait for the search to apply",
            trigger: `.o_searchview_facet:contains("${ticket}")`,
        },
        {
            content: "Open the prepared ticket",
            trigger: `.o_kanban_record:contains("${ticket}")`,
            run: "click",
        },
        {
            content: "The ticket form is open",
            trigger: `.o_form_view .o_field_widget[name='name'] input:value("${ticket}")`,
        },
    ];
}
