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
        "security/ir.model.access.csv",
        "security/sunshine_spares_rules.xml",
        "data/ir_cron_data.xml",
        "data/sunshine_sla_clock_data.xml",
        "views/sunshine_fault_code_views.xml",
        "views/sunshine_warranty_term_views.xml",
        "views/stock_lot_views.xml",
        "views/stock_lot_templates.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/stock_warehouse_views.xml",
        "views/sunshine_spare_part_list_views.xml",
        "views/sunshine_ticket_part_views.xml",
        "views/repair_order_views.xml",
        "wizards/sunshine_lot_return_views.xml",
        "views/sunshine_spares_menus.xml",
    ],
    "demo": [
        "demo/sunshine_warranty_term_demo.xml",
        "demo/product_product_demo.xml",
        "demo/stock_lot_demo.xml",
        "demo/stock_warehouse_demo.xml",
        "demo/sunshine_spare_part_list_demo.xml",
        "demo/sunshine_sla_policy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sunshine_spares/static/src/js/tours/*.js",
        ],
    },
    "application": True,
}
