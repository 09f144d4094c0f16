/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { openTicketSteps } from "@sunshine_helpdesk/js/tours/tour_steps";

// The ticket, its requested part line and the part are prepared by
// tests/test_tour.py; keep both in step. The warehouse user, on the centre's
// warehouse staff but no agent of its team, works in Chinese (zh_CN): the
// steps match field and button names, menu xmlids, and the names of the
// records the test creates, never translated labels.
const TICKET = "Tour: fan failure at the substation";
const PART = "Tour Cooling Fan";

const PARTS = ".o_form_view .o_field_widget[name='part_ids']";
// The part's row; saved rows render their cells without the .o_field_widget
// wrapper, so the checks below match the cells. A requested row is muted.
const PART_ROW = `${PARTS} .o_data_row:has(.o_data_cell[name='product_id']:contains("${PART}"))`;

registry.category("web_tour.tours").add("sunshine_spares_issue_tour", {
    url: "/odoo",
    steps: () => [
        // All but the last step, which looks for the name in an input: the
        // warehouse user reads the ticket without being its agent, so the
        // form is read-only and shows the name as text.
        ...openTicketSteps(TICKET).slice(0, -1),
        {
            content: "The ticket form is open, read-only",
            trigger: `.o_form_view .o_field_widget[name='name']:contains("${TICKET}")`,
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
