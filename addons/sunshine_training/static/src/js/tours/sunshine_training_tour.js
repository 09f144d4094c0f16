/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The course, the employee and the session are prepared by
// tests/test_tour.py; keep both in step. The trainer works in Chinese
// (zh_CN): the steps match field and button names, menu xmlids, and the
// names of the records the test creates, never translated labels.
const COURSE = "Tour Course Fibre";
const ENGINEER = "Tour Engineer Fibre";
const LINE = "Tour Fibre Line";
const SCORE = "92";

const ATTENDEES = ".o_form_view .o_field_widget[name='attendee_ids']";
const CERTIFICATIONS = ".o_form_view .o_field_widget[name='certification_ids']";
// The attendee's row; once saved (not being edited), its cells render
// without the .o_field_widget wrapper, so the checks below match the cells.
const ENGINEER_ROW = `${ATTENDEES} .o_data_row:has(.o_data_cell[name='employee_id']:contains("${ENGINEER}"))`;

registry.category("web_tour.tours").add("sunshine_training_results_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Training app",
            trigger: ".o_app[data-menu-xmlid='sunshine_training.sunshine_training_menu_root']",
            run: "click",
        },
        {
            content: "Open the training sessions",
            trigger:
                ".o_menu_sections [data-menu-xmlid='sunshine_training.sunshine_training_menu_sessions']",
            run: "click",
        },
        {
            content: "Wait for the session list",
            trigger: ".o_list_view .o_list_renderer",
        },
        {
            content: "Search the prepared session",
            trigger: ".o_searchview_input",
            run: `edit ${COURSE}`,
        },
        {
            content: "Confirm the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Wait for the search to apply",
            trigger: `.o_searchview_facet:contains("${COURSE}")`,
        },
        {
            content: "Open the prepared session",
            trigger: `.o_list_view .o_data_row .o_data_cell[name='name']:contains("${COURSE}")`,
            run: "click",
        },
        {
            content: "The session form is open and planned",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value='planned'].o_arrow_button_current",
        },
        {
            content: "The attendee of the session is listed",
            trigger: ENGINEER_ROW,
        },
        {
            content: "Edit the attendee's results",
            trigger: `${ENGINEER_ROW} .o_data_cell[name='score']`,
            run: "click",
        },
        {
            content: "Tick attended",
            trigger: `${ATTENDEES} .o_selected_row .o_field_widget[name='attended'] input`,
            run: "check",
        },
        {
            content: "Type the exam score",
            trigger: `${ATTENDEES} .o_selected_row .o_field_widget[name='score'] input`,
            run: `edit ${SCORE}`,
        },
        ...stepUtils.saveForm(),
        {
            content: "The saved attendee has the score",
            trigger: `${ENGINEER_ROW}:not(.o_selected_row) .o_data_cell[name='score']:contains("${SCORE}")`,
        },
        {
            content: "The saved attendee attended",
            trigger: `${ENGINEER_ROW} .o_data_cell[name='attended'] input:checked`,
        },
        {
            content: "The saved attendee passed",
            trigger: `${ENGINEER_ROW} .o_data_cell[name='passed'] input:checked`,
        },
        {
            content: "Validate the results",
            trigger: ".o_form_statusbar button[name='action_done']",
            run: "click",
        },
        {
            content: "The session is done",
            trigger:
                ".o_form_view:not(:has(button[name='action_done'])) .o_statusbar_status button[data-value='done'].o_arrow_button_current",
        },
        {
            content: "Open the Certifications page",
            trigger: ".o_notebook a.nav-link[name='certifications']",
            run: "click",
        },
        {
            content: "The certification of the engineer is listed",
            trigger: `${CERTIFICATIONS} .o_data_row:has(.o_data_cell[name='employee_id']:contains("${ENGINEER}")):has(.o_data_cell[name='product_categ_id']:contains("${LINE}")):has(.o_data_cell[name='state'] .badge)`,
        },
    ],
});
