/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { openTicketSteps } from "@sunshine_helpdesk/js/tours/tour_steps";

// The ticket and the case are prepared by tests/test_tour.py; keep both in step.
const TICKET = "Tour: 传输子架风扇不转";
const CASE = "Tour: 风扇盒故障，子架单板温度升高";
const SUGGESTED = `.o_field_widget[name='suggested_case_ids'] .o_data_row:contains("${CASE}")`;
const APPLIED = `.o_field_widget[name='case_use_ids'] .o_data_row:contains("${CASE}")`;

registry.category("web_tour.tours").add("sunshine_case_apply_tour", {
    url: "/odoo",
    steps: () => [
        ...openTicketSteps(TICKET),
        {
            content: "Open the Experience Cases page of the ticket",
            trigger: ".o_notebook a.nav-link[name='cases']",
            run: "click",
        },
        {
            content: "The fan case is suggested",
            trigger: SUGGESTED,
        },
        {
            content: "Apply the suggested case",
            trigger: `${SUGGESTED} button[name='action_apply_on_ticket']`,
            run: "click",
        },
        {
            content: "The case is listed among the applied cases",
            trigger: APPLIED,
        },
        {
            content: "It is no longer suggested",
            trigger: `.o_form_view:not(:has(${SUGGESTED}))`,
        },
        {
            content: "Mark the case helpful",
            trigger: `${APPLIED} button[name='action_mark_helpful']`,
            run: "click",
        },
        {
            content: "The case is marked helpful",
            trigger: `${APPLIED}:not(:has(button[name='action_mark_helpful'])) td[name='helpful'] input:checked`,
        },
    ],
});
