# Copyright 2026 Sunshine
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sunshine Experience Cases",
    "summary": "Solved faults become reviewed cases offered on the next ticket "
    "and, when public, to customers on the portal",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "author": "Sunshine",
    "license": "LGPL-3",
    "depends": ["sunshine_spares", "portal"],
    "data": [
        "security/sunshine_case_security.xml",
        "security/ir.model.access.csv",
        "security/sunshine_case_rules.xml",
        "data/ir_sequence_data.xml",
        "views/sunshine_case_tag_views.xml",
        "views/sunshine_case_views.xml",
        "views/sunshine_case_use_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/sunshine_case_templates.xml",
        "views/sunshine_case_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/sunshine_fault_code_demo.xml",
        "demo/sunshine_case_tag_demo.xml",
        "demo/sunshine_case_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sunshine_case/static/src/js/tours/*.js",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "application": True,
}
