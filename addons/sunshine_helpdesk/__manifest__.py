# Copyright 2026 Sunshine
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sunshine Service Desk",
    "summary": "Service tickets with enforced response times and four-level escalation",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "author": "Sunshine",
    "license": "LGPL-3",
    "depends": ["helpdesk_mgmt", "resource"],
    "data": [
        "security/sunshine_helpdesk_security.xml",
        "views/sunshine_helpdesk_menus.xml",
    ],
    "application": True,
}
