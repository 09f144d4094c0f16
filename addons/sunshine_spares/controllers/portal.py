from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

EQUIPMENT_PER_PAGE = 80


class CustomerPortalEquipment(CustomerPortal):
    """The customer's installed base and its warranty end dates."""

    def _equipment(self):
        """The serials of the user's company, and the domain that finds them.

        sudo: customers have no access to stock.lot (a serial carries stock
        and cost fields); the domain keeps them to their own company's
        equipment and the page shows only the fields it renders.
        """
        partner = request.env.user.partner_id.commercial_partner_id
        return request.env["stock.lot"].sudo(), [
            ("customer_id", "child_of", partner.id)
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "equipment_count" in counters:
            Lot, domain = self._equipment()
            values["equipment_count"] = Lot.search_count(domain)
        return values

    @http.route(
        ["/my/equipment", "/my/equipment/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_equipment(self, page=1, **kw):
        Lot, domain = self._equipment()
        pager = portal_pager(
            url="/my/equipment",
            total=Lot.search_count(domain),
            page=page,
            step=EQUIPMENT_PER_PAGE,
        )
        lots = Lot.search(
            domain,
            order="warranty_end_date, name",
            limit=EQUIPMENT_PER_PAGE,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "lots": lots,
                "page_name": "equipment",
                "pager": pager,
                "default_url": "/my/equipment",
            }
        )
        return request.render("sunshine_spares.portal_my_equipment", values)
