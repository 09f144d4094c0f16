/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";

// tests/test_callback_tour.py: the caller of the Changsha office (周敏, in
// Chinese) works a planned call: the customer's score and notes, an issue
// for the department, the call script answered on the survey's page, then
// the call marked done. The steps match field and button names, values and
// the names typed here, never translated labels.
const UNIT = "SDH2500-HN-0001";
const NOTES = "Tour notes: the customer is pleased with the new board";
const ISSUE = "Tour issue: alarm lamp flickers";
const DEPARTMENT = "长沙维护中心";
const REMARKS = "Tour remarks: answer faster at night";
const CALLS = "/odoo/action-sunshine_quality.sunshine_callback_action";
const FORM = ".o_form_view";

function openCall() {
    return {
        content: "Open the planned call of the unit",
        trigger: `.o_list_view .o_data_row:contains("${UNIT}") td.o_data_cell:first`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("sunshine_callback_tour", {
    url: CALLS,
    steps: () => [
        openCall(),
        {
            content: "The customer's score",
            trigger: `${FORM} .o_field_widget[name='satisfaction_score'] input`,
            run: "edit 4",
        },
        {
            content: "What the customer said",
            trigger: `${FORM} .o_field_widget[name='notes'] textarea`,
            run: `edit ${NOTES}`,
        },
        {
            content: "The issues of the call",
            trigger: `${FORM} .o_notebook .nav-link[name='issues']`,
            run: "click",
        },
        {
            content: "Raise an issue",
            trigger: `${FORM} .o_field_widget[name='issue_ids'] .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "The issue",
            trigger: `${FORM} .o_field_widget[name='issue_ids'] .o_selected_row .o_field_widget[name='title'] input`,
            run: `edit ${ISSUE}`,
        },
        {
            content: "Its department",
            trigger: `${FORM} .o_field_widget[name='issue_ids'] .o_selected_row .o_field_widget[name='department_id'] input`,
            run: `edit ${DEPARTMENT}`,
        },
        {
            content: "Choose the department",
            trigger: `.o-autocomplete--dropdown-item a:contains("${DEPARTMENT}")`,
            run: "click",
        },
        {
            content: "Fill in the call script (saves the call first)",
            trigger: `${FORM} button[name='action_fill_script']`,
            run: "click",
        },
        {
            content: "Start the call script",
            trigger: "button[value='start']:not(.disabled)",
            run: "click",
        },
        {
            content: "The unit runs normally",
            trigger: `div.js_question-wrapper:contains("设备目前运行是否正常") label:contains("正常")`,
            run: "click",
        },
        {
            content: "The customer's remarks",
            trigger: `div.js_question-wrapper:contains("意见和建议") textarea`,
            run: `edit ${REMARKS}`,
        },
        {
            content: "Submit the answers",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "The answers are recorded; back to the calls",
            trigger: ".o_survey_finished",
            run() {
                window.location.href = CALLS;
            },
        },
        openCall(),
        {
            content: "The script is completed",
            trigger: `${FORM} .o_field_widget[name='script_answered'] input:checked`,
        },
        {
            content: "The call is done",
            trigger: `${FORM} button[name='action_done']`,
            run: "click",
        },
        {
            content: "The call is now done",
            trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value='done']`,
        },
    ],
});
