from werkzeug.exceptions import BadRequest, Forbidden

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

# The groups of the service catalogue a customer reports a fault in; the
# others (callbacks, inspections, complaints, training) come by their own
# pages or by the service desk.
PORTAL_SERVICE_GROUPS = ("support", "hardware", "software")


class SunshineHelpdeskTicketController(HelpdeskTicketController):
    """The portal's ticket routes of helpdesk_mgmt, as the service desk needs
    them: a customer reports a fault with its severity and service type, the
    service desk closes it."""

    @http.route("/ticket/close", type="http", auth="user")
    def support_ticket_close(self, **kw):
        """helpdesk_mgmt closes the ticket of any id given here (as the
        superuser, by a GET). A ticket is closed by its resolution in the
        back office, with its milestones and clocks: this route closes
        nothing, for anybody."""
        raise Forbidden()

    def _sunshine_service_types(self):
        """The service types a customer may report a fault as."""
        return request.env["sunshine.service.type"].search(
            [("group", "in", PORTAL_SERVICE_GROUPS)], order="sequence, id"
        )

    def _sunshine_severities(self):
        """The severities (code, label in the user's language), gravest first."""
        field = request.env["helpdesk.ticket"]._fields["severity"]
        return field._description_selection(request.env)

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        values.update(
            {
                "service_types": self._sunshine_service_types(),
                "severities": self._sunshine_severities(),
                "default_severity": request.env["helpdesk.ticket"].default_get(
                    ["severity"]
                )["severity"],
            }
        )
        return values

    def _prepare_submit_ticket_vals(self, **kw):
        """The severity and service type the customer chose. Left out (a
        client of helpdesk_mgmt's own form), the ticket has the default
        severity and no service type; one the form does not offer is
        refused."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        severity = kw.get("severity")
        if severity:
            if severity not in dict(self._sunshine_severities()):
                raise BadRequest()
            vals["severity"] = severity
        if kw.get("service_type_id"):
            service_type = self._sunshine_service_types().filtered(
                lambda service: str(service.id) == kw["service_type_id"]
            )
            if not service_type:
                raise BadRequest()
            vals["service_type_id"] = service_type.id
        return vals


class SunshineCustomerPortalHelpdesk(CustomerPortalHelpdesk):
    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        # no close buttons: see /ticket/close
        values["closed_stages"] = ticket.stage_id.browse()
        return values
