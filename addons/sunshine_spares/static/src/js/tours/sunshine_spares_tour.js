/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The ticket, its requested part line and the part are prepared by
// tests/test_tour.py; keep both in step. The warehouse user works in Chinese
// (zh_CN): the steps match field and button names, menu xmlids, and the
// names of the records the test creates, never translated labels.
const TICKET = "Tour: fan failure at the substation";
const PART = "Tour Cooling Fan";

const PARTS = ".o_form_view .o_field_widget[name='part_ids']";
// The part's row; saved rows render their cells without the .o_field_widget
// wrapper, so the checks below match the cells. A requested row is muted.
const PART_ROW = `${PARTS} .o_data_row:has(.o_data_cell[name='product_id']:contains("${PART}"))`;

registry.category("web_tour.tours").add("sunshine_spares_issue_tour", {
    url: "/odoo",
    steps: () => [
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
            run: `edit ${TICKET}`,
        },
        {
            content: "Confirm the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Wait for the search to apply",
            trigger: `.o_searchview_facet:contains("${TICKET}")`,
        },
        {
            content: "Open the prepared ticket",
            trigger: `.o_kanban_record:contains("${TICKET}")`,
            run: "click",
        },
        {
            content: "The ticket form is open",
            trigger: `.o_form_view .o_field_widget[name='name'] input:value("${TICKET}")`,
        },
        {
            content: "Open the Spare Parts page",
            trigger: ".o_notebook a.nav-link[name='spare_parts']",
            run: "click",
        },
        {
            content: "The requested part is listed, still muted",
            trigger: `${PART_ROW}.text-muted .o_data_cell[name='quantity']:contains(2)`,
        },
        {
            content: "Issue the parts",
            trigger: ".o_form_statusbar button[name='action_issue_parts']",
            run: "click",
        },
        {
            content: "Nothing is left to issue",
            trigger: ".o_form_view:not(:has(button[name='action_issue_parts'])) .o_form_statusbar",
        },
        {
            content: "The part shows as issued",
            trigger: `${PART_ROW}:not(.text-muted) .o_data_cell[name='state'] .badge.text-bg-success`,
        },
    ],
});
