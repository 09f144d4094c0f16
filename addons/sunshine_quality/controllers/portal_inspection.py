from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

INSPECTIONS_PER_PAGE = 20


class CustomerPortalInspection(CustomerPortal):
    """The customer's on-site inspections: confirm the planned date (the
    inspection request's consent) and download the signed reports."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "inspection_count" in counters:
            Inspection = request.env["sunshine.inspection"]
            values["inspection_count"] = (
                Inspection.search_count([]) if Inspection.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/inspections", "/my/inspections/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_inspections(self, page=1, **kw):
        Inspection = request.env["sunshine.inspection"]
        if not Inspection.has_access("read"):
            return request.redirect("/my")
        total = Inspection.search_count([])
        pager = portal_pager(
            url="/my/inspections", total=total, page=page, step=INSPECTIONS_PER_PAGE
        )
        inspections = Inspection.search(
            [], limit=INSPECTIONS_PER_PAGE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # sudo: the equipment and engineers' names of the customer's
                # own inspections (read above through their rules), which
                # customers have no access to
                "inspections": inspections.sudo(),
                "page_name": "inspection",
                "pager": pager,
                "default_url": "/my/inspections",
            }
        )
        return request.render("sunshine_quality.portal_my_inspections", values)

    def _inspection_or_none(self, inspection_id, access_token=None):
        """The inspection, if the user or the token may see it; as superuser,
        as ``_document_check_access`` gives it, to render the page."""
        try:
            return self._document_check_access(
                "sunshine.inspection", inspection_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None

    @http.route(
        "/my/inspections/<int:inspection_id>", type="http", auth="public", website=True
    )
    def portal_my_inspection(
        self, inspection_id, access_token=None, message=None, **kw
    ):
        inspection = self._inspection_or_none(inspection_id, access_token)
        if inspection is None:
            return request.redirect("/my")
        values = self._get_page_view_values(
            inspection,
            access_token,
            {
                "inspection": inspection,
                "page_name": "inspection",
                "message": message,
                "error": kw.get("error"),
                "token": access_token or inspection._portal_ensure_token(),
            },
            "my_inspections_history",
            False,
        )
        return request.render("sunshine_quality.portal_inspection_page", values)

    @http.route(
        "/my/inspections/<int:inspection_id>/confirm",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_inspection_confirm(self, inspection_id, access_token=None, **kw):
        inspection = self._inspection_or_none(inspection_id, access_token)
        if inspection is None:
            return request.redirect("/my")
        query = {"access_token": access_token} if access_token else {}
        user = request.env.user
        consent_by = (
            inspection.partner_id.display_name
            if user._is_public()
            else user.partner_id.display_name
        )
        try:
            with request.env.cr.savepoint():
                # sudo: the customer confirms the date through the page's
                # button, in their name; the action checks the state
                inspection.with_user(user).sudo()._sunshine_consent(
                    consent_by, "portal"
                )
            query["message"] = "confirmed"
        except UserError as error:
            query["error"] = error.args[0]
        url = f"/my/inspections/{inspection_id}"
        return request.redirect(f"{url}?{urlencode(query)}")

    @http.route(
        "/my/inspections/<int:inspection_id>/report",
        type="http",
        auth="public",
        website=True,
    )
    def portal_inspection_report(self, inspection_id, access_token=None, **kw):
        """The signed report as archived at the signing, not a new rendering."""
        inspection = self._inspection_or_none(inspection_id, access_token)
        if inspection is None or not inspection.report_attachment_id:
            return request.redirect("/my")
        return (
            request.env["ir.binary"]
            ._get_stream_from(inspection.report_attachment_id)
            .get_response(as_attachment=True)
        )
