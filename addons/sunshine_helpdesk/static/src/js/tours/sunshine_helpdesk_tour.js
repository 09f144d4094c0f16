/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";
import { openTicketSteps } from "@sunshine_helpdesk/js/tours/tour_steps";

// The ticket is prepared by tests/test_tour.py; keep both in step.
const TICKET = "Tour: transmission alarm";
const REASON = "Transmission alarm persists after a board reset";
// The agent works in Chinese (zh_CN): the demo team "Beijing Engineering Office"
// shows under its translation from i18n/zh_CN.po.
const BEIJING = "北京工程处";

registry.category("web_tour.tours").add("sunshine_helpdesk_escalation_tour", {
    url: "/odoo",
    steps: () => [
        ...openTicketSteps(TICKET),
        {
            content: "Take the ticket",
            trigger: ".o_form_statusbar button[name='assign_to_me']",
            run: "click",
        },
        {
            content: "The ticket is assigned",
            trigger:
                ".o_form_view:not(:has(button[name='assign_to_me'])) .o_field_widget[name='user_id'] input:value(/\\S/)",
        },
        {
            content: "Record the first response",
            trigger: ".o_form_statusbar button[name='action_respond']",
            run: "click",
        },
        {
            content: "The response is recorded",
            trigger: ".o_form_view:not(:has(button[name='action_respond'])) .o_form_statusbar",
        },
        {
            content: "The milestones on top of the form show the first response",
            trigger:
                "div[name='sla_milestones'] .o_field_widget[name='first_response_date'] span:contains(/\\d/)",
        },
        {
            // The first of the two buttons of that method, before "Change
            // Service Mode"; by position, as the labels get translated.
            content: "Escalate the ticket",
            trigger: ".o_form_statusbar button[name='action_open_escalation_wizard']:first",
            run: "click",
        },
        {
            content: "The wizard escalates a support level",
            trigger:
                ".modal .o_field_widget[name='escalation_type'] input[data-value='level']:checked",
        },
        {
            content: "The wizard names the next level team",
            trigger: `.modal .o_field_widget[name='next_team_id']:contains("${BEIJING}")`,
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: `edit ${REASON}`,
        },
        {
            content: "Confirm the escalation",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            // read-only: a dispatched ticket changes team by escalation only
            content: "The ticket is now with the Beijing engineering office",
            trigger: `.o_form_view .o_field_widget[name='team_id']:contains("${BEIJING}")`,
        },
        {
            content: "The Escalations stat button counts one escalation",
            trigger: ".o_form_view button[name='action_view_escalations'] .o_stat_value:contains(1)",
        },
        {
            content: "Open the escalations",
            trigger: ".o_form_view button[name='action_view_escalations']",
            run: "click",
        },
        {
            content: "The escalation is listed with its reason",
            trigger: `.o_list_view .o_data_row:contains("${REASON}")`,
        },
    ],
});
