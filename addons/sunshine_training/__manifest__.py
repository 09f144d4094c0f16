# Copyright 2026 Sunshine
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sunshine Training and Certification",
    "summary": "Courses, results and certifications that gate dispatch",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "author": "Sunshine",
    "license": "LGPL-3",
    "depends": ["sunshine_helpdesk", "hr", "hr_skills"],
    "data": [
        "security/sunshine_training_security.xml",
        "security/ir.model.access.csv",
        "security/sunshine_training_rules.xml",
        "data/ir_sequence_data.xml",
        "data/hr_skill_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_message_subtype_data.xml",
        "report/sunshine_certification_report.xml",
        "views/sunshine_training_course_views.xml",
        "views/sunshine_training_session_views.xml",
        "views/sunshine_certification_views.xml",
        "views/hr_employee_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/sunshine_training_menus.xml",
    ],
    "demo": [
        "demo/sunshine_training_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sunshine_training/static/src/js/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "application": True,
}
