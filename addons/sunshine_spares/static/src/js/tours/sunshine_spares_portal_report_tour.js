/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";

// The unit and the service type are created by tests/test_portal_report.py;
// keep both in step. The demo customer works in Chinese (zh_CN): the steps
// match field names, classes and the names of the records the test creates,
// never translated labels.
const UNIT = "PORTAL-TOUR-UNIT";
const SERVICE = "Tour Fault Service";
const TITLE = "PORTAL-TOUR fan alarm";

registry.category("web_tour.tours").add("sunshine_spares_portal_report_tour", {
    url: "/my/equipment",
    steps: () => [
        {
            content: "Open the unit from the equipment list",
            trigger: `a.o_sunshine_unit_link:contains("${UNIT}")`,
            run: "click",
        },
        {
            content: "The unit's page shows its warranty",
            trigger: ".o_sunshine_unit_warranty .o_warranty_end",
        },
        {
            content: "Report a fault of the unit",
            trigger: "a.o_sunshine_report_fault",
            run: "click",
        },
        {
            content: "The form has the unit chosen",
            trigger: `select[name='lot_id']:has(option[selected]:contains("${UNIT}"))`,
        },
        {
            content: "Grade the fault",
            trigger: "select[name='severity']",
            run: "select critical",
        },
        {
            content: "Choose the service",
            trigger: "select[name='service_type_id']",
            run: `selectByLabel ${SERVICE}`,
        },
        {
            content: "Say what fails",
            trigger: "input[name='subject']",
            run: `edit ${TITLE}`,
        },
        {
            content: "Describe it",
            trigger: "textarea[name='description']",
            run: "edit The cabinet fan alarms since this morning.",
        },
        {
            content: "Submit the ticket",
            trigger: "form[action='/submitted/ticket'] button[type='submit']",
            run: "click",
        },
        {
            content: "The ticket's page names the unit",
            trigger: `.o_sunshine_ticket_unit a:contains("${UNIT}")`,
        },
        {
            content: "and the ticket",
            trigger: `#card_header span:contains("${TITLE}")`,
        },
    ],
});
