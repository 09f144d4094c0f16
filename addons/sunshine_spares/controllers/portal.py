from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sunshine_helpdesk.controllers.portal import (
    SunshineHelpdeskTicketController,
)

EQUIPMENT_PER_PAGE = 80


def customer_equipment():
    """The serials of the user's company, and the domain that finds them.

    sudo: customers have no access to stock.lot (a serial carries stock
    and cost fields); the domain keeps them to their own company's
    equipment and the pages show only the fields they render.
    """
    partner = request.env.user.partner_id.commercial_partner_id
    return request.env["stock.lot"].sudo(), [("customer_id", "child_of", partner.id)]


class CustomerPortalEquipment(CustomerPortal):
    """The customer's installed base: each unit with its warranty and its
    tickets, and the fault report of a unit."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "equipment_count" in counters:
            Lot, domain = customer_equipment()
            values["equipment_count"] = Lot.search_count(domain)
        return values

    @http.route(
        ["/my/equipment", "/my/equipment/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_equipment(self, page=1, **kw):
        Lot, domain = customer_equipment()
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

    @http.route("/my/equipment/<int:lot_id>", type="http", auth="user", website=True)
    def portal_my_unit(self, lot_id, **kw):
        """One unit: its warranty, its tickets, and a button to report a
        fault. Another customer's unit is not found."""
        Lot, domain = customer_equipment()
        lot = Lot.search(domain + [("id", "=", lot_id)])
        if not lot:
            raise NotFound()
        Ticket = request.env["helpdesk.ticket"]
        # the tickets the customer may read (helpdesk_mgmt's portal rule)
        tickets = (
            Ticket.search([("lot_id", "=", lot.id)], order="create_date desc")
            if Ticket.has_access("read")
            else Ticket
        )
        values = self._prepare_portal_layout_values()
        values.update({"lot": lot, "tickets": tickets, "page_name": "equipment_unit"})
        return request.render("sunshine_spares.portal_my_unit", values)


class SunshineSparesTicketController(SunshineHelpdeskTicketController):
    """The fault report names the unit: the ticket goes to the unit's
    maintenance centre, with its clocks and its warranty."""

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        Lot, domain = customer_equipment()
        lots = Lot.search(domain, order="name")
        values.update(
            {
                "lots": lots,
                "default_lot": lots.filtered(
                    lambda lot: str(lot.id) == kw.get("lot_id")
                ),
            }
        )
        return values

    def _prepare_submit_ticket_vals(self, **kw):
        """A unit of the customer's own: a serial of another customer (a
        forged form) is refused."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        if not kw.get("lot_id"):
            return vals
        Lot, domain = customer_equipment()
        lot = Lot.search(domain + [("id", "=", _int(kw["lot_id"]))])
        if not lot:
            raise Forbidden()
        vals.update(lot_id=lot.id, product_categ_id=lot.product_id.categ_id.id)
        team = lot._sunshine_centre_team()
        if team:
            vals["team_id"] = team.id
            # helpdesk_mgmt chose the first stage of no team
            vals["stage_id"] = team._get_applicable_stages()[:1].id
        return vals


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
