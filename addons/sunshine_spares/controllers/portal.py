from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

EQUIPMENT_PER_PAGE = 80


class CustomerPortalEquipment(CustomerPortal):
    """The customer's installed base and its warranty end dates."""

    def _equipment_domain(self):
        # The portal record rule keeps a customer to its own equipment.
        return [("customer_id", "!=", False)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "equipment_count" in counters:
            Lot = request.env["stock.lot"]
            values["equipment_count"] = (
                Lot.search_count(self._equipment_domain())
                if Lot.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/equipment", "/my/equipment/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_equipment(self, page=1, **kw):
        Lot = request.env["stock.lot"]
        if not Lot.has_access("read"):
            return request.redirect("/my")
        domain = self._equipment_domain()
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
