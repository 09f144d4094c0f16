# Copyright 2026 Sunshine
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sunshine Service Desk",
    "summary": "Service tickets with enforced response times and four-level escalation",
    "version": "18.0.1.1.0",
    "category": "After-Sales",
    "author": "Sunshine",
    "license": "LGPL-3",
    "depends": ["helpdesk_mgmt", "product", "resource"],
    "data": [
        "security/sunshine_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "security/sunshine_helpdesk_rules.xml",
        "data/sunshine_sla_clock_data.xml",
        "data/resource_calendar_data.xml",
        "data/mail_message_subtype_data.xml",
        "data/helpdesk_ticket_stage_data.xml",
        "data/sunshine_service_type_data.xml",
        "data/sunshine_sla_policy_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/sunshine_service_type_views.xml",
        "views/sunshine_sla_policy_views.xml",
        "views/sunshine_ticket_escalation_views.xml",
        "views/sunshine_helpdesk_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/helpdesk_mgmt_demo.xml",
        "demo/product_category_demo.xml",
        "demo/res_users_demo.xml",
        "demo/helpdesk_ticket_team_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sunshine_helpdesk/static/src/js/tours/*.js",
        ],
    },
    "application": True,
}
