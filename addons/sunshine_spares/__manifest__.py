# Copyright 2026 Sunshine
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sunshine Spare Parts and Warranty",
    "summary": "Installed base, warranty terms and spare parts of the centres",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "author": "Sunshine",
    "license": "LGPL-3",
    "depends": ["sunshine_helpdesk", "stock", "repair"],
    "data": [
        "security/sunshine_spares_security.xml",
        "views/sunshine_spares_menus.xml",
    ],
    "application": True,
}
