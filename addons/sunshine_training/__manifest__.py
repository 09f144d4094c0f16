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
        "views/sunshine_training_menus.xml",
    ],
    "application": True,
}
