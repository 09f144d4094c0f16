/** @odoo-module */
/* Copyright 2026 Sunshine
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

import { registry } from "@web/core/registry";

// The repair, its serial out of warranty, its part and the fee's product are
// prepared by tests/test_tour.py, which opens the repair's form; keep both in
// step. The steps match field and button names and the names of the records
// the test creates, never translated labels.
const FEE_PRODUCT = "Tour Repair Fee";
const PART = "Tour Line Board";

const PARTS = ".o_form_view .o_field_widget[name='move_ids']";
const LINES = ".o_form_view .o_field_widget[name='order_line']";

// No url: the test starts the tour on the repair's form.
registry.category("web_tour.tours").add("sunshine_spares_repair_charge_tour", {
    steps: () => [
        {
            content: "The serial is out of warranty on the repair's date",
            trigger: ".o_form_view .o_field_widget[name='warranty_status'] .badge.text-bg-danger",
        },
        {
            content: "The repair is not under warranty and charges its fee",
            trigger: ".o_form_view .o_field_widget[name='fee_amount']:contains(900)",
        },
        {
            content: "The part shows the price locked at delivery",
            trigger: `${PARTS} .o_data_row:contains("${PART}") .o_data_cell[name='locked_price']:contains(800)`,
        },
        {
            content: "Create the quotation",
            trigger: ".o_form_statusbar button[name='action_create_sale_order']",
            run: "click",
        },
        {
            content: "The quotation charges the service fee",
            trigger: `${LINES} .o_data_row:contains("${FEE_PRODUCT}") .o_data_cell[name='price_unit']:contains(900)`,
        },
        {
            content: "The quotation prices the part at its locked price",
            trigger: `${LINES} .o_data_row:contains("${PART}") .o_data_cell[name='price_unit']:contains(800)`,
        },
    ],
});
