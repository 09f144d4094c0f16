/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The complaint loop of tests/test_tour.py, in four tours: the quality
// officer records a phone complaint and sends the tracking form; the
// Changsha centre's handler returns the opinion; the officer proposes a
// solution and records the customer's approval; after the centre reported
// its result, the officer records that the customer is satisfied. Both users
// work in Chinese (zh_CN): the steps match menu xmlids, field and button
// names and the names typed here, never translated labels.
const SUBJECT = "Tour: hotline unanswered at night";
const CUSTOMER = "湖南省电力公司";
const DEPARTMENT = "长沙维护中心";
const OPINION = "Tour opinion: the night shift will answer within 3 rings";
const SOLUTION = "Tour solution: a second hotline operator at night";

const FORM = ".o_form_view";

function editHtml(field, text) {
    return [
        {
            content: `Focus the ${field} editor`,
            trigger: `.o_field_widget[name='${field}'] .odoo-editor-editable`,
            run: "click",
        },
        {
            content: `Write the ${field}`,
            trigger: `.o_field_widget[name='${field}'] .odoo-editor-editable`,
            run: `editor ${text}`,
        },
    ];
}

function stateIs(state) {
    return {
        content: `The complaint is now ${state}`,
        trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value='${state}']`,
    };
}

registry.category("web_tour.tours").add("sunshine_quality_intake_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Service Quality app",
            trigger: ".o_app[data-menu-xmlid='sunshine_quality.sunshine_quality_menu_root']",
            run: "click",
        },
        {
            content: "Open the complaints",
            trigger:
                ".o_menu_sections [data-menu-xmlid='sunshine_quality.sunshine_quality_menu_complaints']",
            run: "click",
        },
        {
            content: "Record a new complaint",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: `${FORM} .o_field_widget[name='subject'] input`,
            run: `edit ${SUBJECT}`,
        },
        {
            content: "Customer",
            trigger: `${FORM} .o_field_widget[name='partner_id'] input`,
            run: `edit ${CUSTOMER}`,
        },
        {
            content: "Choose the customer",
            trigger: `.o-autocomplete--dropdown-item a:contains("${CUSTOMER}")`,
            run: "click",
        },
        {
            content: "It came by phone, the default channel",
            trigger: `${FORM} .o_field_widget[name='channel'] select:has(option:checked[value='"phone"'])`,
        },
        ...stepUtils.saveForm(),
        stateIs("received"),
        {
            content: "The reply clock runs: 2 hours",
            trigger: `${FORM} .o_field_widget[name='reply_deadline']:contains(/\\d/)`,
        },
        {
            content: "Send the tracking form",
            trigger: ".o_form_statusbar button[name='action_open_tracking_wizard'].btn-primary",
            run: "click",
        },
        {
            content: "Department",
            trigger: ".modal .o_field_widget[name='department_id'] input",
            run: `edit ${DEPARTMENT}`,
        },
        {
            content: "Choose the Changsha centre",
            trigger: `.o-autocomplete--dropdown-item a:contains("${DEPARTMENT}")`,
            run: "click",
        },
        {
            content: "The department's manager handles it",
            trigger: ".modal .o_field_widget[name='handler_id'] input:value(/\\S/)",
        },
        {
            content: "Send it",
            trigger: ".modal button[name='action_send']",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        stateIs("in_progress"),
        {
            content: "The opinion clock runs",
            trigger: `${FORM} .o_field_widget[name='opinion_deadline']:contains(/\\d/)`,
        },
    ],
});

registry.category("web_tour.tours").add("sunshine_quality_opinion_tour", {
    steps: () => [
        {
            content: "The tracking form is open",
            trigger: `${FORM} .o_field_widget[name='complaint_subject']:contains("${SUBJECT}")`,
        },
        {
            content: "Open the opinion page",
            trigger: ".o_notebook a.nav-link[name='opinion']",
            run: "click",
        },
        ...editHtml("opinion", OPINION),
        {
            content: "Return the opinion",
            trigger: ".o_form_statusbar button[name='action_return_opinion']",
            run: "click",
        },
        {
            content: "The opinion is returned",
            trigger: `${FORM} .o_statusbar_status button.o_arrow_button_current[data-value='opinion']`,
        },
        {
            content: "On time",
            trigger: `${FORM} .o_field_widget[name='opinion_sla'] .badge.text-bg-success`,
        },
    ],
});

registry.category("web_tour.tours").add("sunshine_quality_approval_tour", {
    steps: () => [
        stateIs("in_progress"),
        {
            content: "Propose a solution",
            trigger: ".o_form_statusbar button[name='action_open_proposal_wizard']",
            run: "click",
        },
        {
            content: "The department's opinion is shown",
            trigger: `.modal .o_field_widget[name='opinion_summary']:contains("${OPINION}")`,
        },
        ...editHtml("description", SOLUTION).map((step) => ({
            ...step,
            trigger: `.modal ${step.trigger}`,
        })),
        {
            content: "Propose it",
            trigger: ".modal button[name='action_propose']",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        stateIs("awaiting_approval"),
        {
            content: "Record the customer's decision",
            trigger: ".o_form_statusbar button[name='action_open_contact_wizard']",
            run: "click",
        },
        {
            content: "The customer approves",
            trigger: ".modal .o_field_widget[name='decision'] input[data-value='approve']",
            run: "click",
        },
        {
            content: "Record it",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        stateIs("carrying_out"),
    ],
});

registry.category("web_tour.tours").add("sunshine_quality_verification_tour", {
    steps: () => [
        stateIs("close_requested"),
        {
            content: "Verify the result with the customer",
            trigger: ".o_form_statusbar button[name='action_open_contact_wizard']",
            run: "click",
        },
        {
            content: "The customer is satisfied",
            trigger: ".modal .o_field_widget[name='result'] input[data-value='satisfied']",
            run: "click",
        },
        {
            content: "Score",
            trigger: ".modal .o_field_widget[name='score'] input",
            run: "edit 5",
        },
        {
            content: "Record it",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        stateIs("closed"),
    ],
});
