# Copyright 2026 Sunshine
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Sunshine Training of Customers on their Equipment",
    "summary": "Links on-site customer training to the customer's equipment",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "author": "Sunshine",
    "license": "LGPL-3",
    "depends": ["sunshine_training", "sunshine_spares"],
    "data": [
        "views/sunshine_training_session_views.xml",
        "views/stock_lot_views.xml",
    ],
    "auto_install": True,
}
