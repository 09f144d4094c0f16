# Copyright 2026 Sunshine
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sunshine Service Quality",
    "summary": "Complaints, callbacks, surveys and inspections in a closed loop",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "author": "Sunshine",
    "license": "LGPL-3",
    "depends": ["sunshine_helpdesk", "sunshine_spares", "survey", "report_xlsx"],
    "data": [
        "security/sunshine_quality_security.xml",
        "views/sunshine_quality_menus.xml",
    ],
    "application": True,
}
