from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request
from odoo.tools import is_html_empty

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

CASES_PER_PAGE = 40


class CustomerPortalCases(CustomerPortal):
    """The public experience cases, as the customers' FAQ by product line."""

    def _faq_domain(self):
        # The portal rule already keeps customers to these; internal users
        # opening the page read what the customers read.
        return [("state", "=", "published"), ("is_public", "=", True)]

    def _faq_case(self, case_id):
        """The public case ``case_id`` as the user reads it, or 404."""
        case = request.env["sunshine.case"].search(
            [*self._faq_domain(), ("id", "=", case_id)]
        )
        if not case:
            raise NotFound()
        return case

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "faq_count" in counters:
            Case = request.env["sunshine.case"]
            values["faq_count"] = (
                Case.search_count(self._faq_domain()) if Case.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/faq", "/my/faq/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_faq(self, page=1, line=None, search=None, **kw):
        Case = request.env["sunshine.case"]
        domain = self._faq_domain()
        if search:
            domain += ["|", ("name", "ilike", search), ("symptom", "ilike", search)]
        # sudo: customers may not read product categories; only the names of
        # the product lines that have public cases are shown.
        lines = [
            (categ.sudo(), count)
            for categ, count in Case._read_group(
                domain, ["product_categ_id"], ["__count"]
            )
        ]
        line_id = int(line) if line and line.isdigit() else None
        if line_id:
            domain += [("product_categ_id", "=", line_id)]
        url_args = {
            key: value
            for key, value in (("line", line_id), ("search", search))
            if value
        }
        pager = portal_pager(
            url="/my/faq",
            url_args=url_args,
            total=Case.search_count(domain),
            page=page,
            step=CASES_PER_PAGE,
        )
        cases = Case.search(
            domain,
            order="product_categ_id, helpful_count desc, id desc",
            limit=CASES_PER_PAGE,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "cases": cases,
                "labels": self._faq_labels(cases),
                "lines": lines,
                "line_id": line_id,
                "search": search or "",
                "page_name": "faq",
                "pager": pager,
                "default_url": "/my/faq",
            }
        )
        return request.render("sunshine_case.portal_my_faq", values)

    @http.route("/my/faq/<int:case_id>", type="http", auth="user", website=True)
    def portal_my_faq_case(self, case_id, **kw):
        case = self._faq_case(case_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "case": case,
                "has_cause": not is_html_empty(case.cause),
                "labels": self._faq_labels(case)[case.id],
                # sudo: the case is readable by the user (searched above);
                # its solution attachments are published with it.
                "attachments": case.sudo().attachment_ids,
                "page_name": "faq_case",
            }
        )
        return request.render("sunshine_case.portal_faq_case", values)

    @http.route(
        "/my/faq/<int:case_id>/attachment/<int:attachment_id>",
        type="http",
        auth="user",
    )
    def portal_my_faq_attachment(self, case_id, attachment_id, **kw):
        case = self._faq_case(case_id)
        # sudo: as above, an attachment of a case the user may read.
        attachment = case.sudo().attachment_ids.filtered(
            lambda a: a.id == attachment_id
        )
        if not attachment:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(attachment)
        return stream.get_response(as_attachment=True)

    def _faq_labels(self, cases):
        """The product line, model and fault names of ``cases``, by case id.

        sudo: customers may read none of these models; the names of what a
        public case is about are part of the case.
        """
        return {
            case.id: {
                "line": case.product_categ_id.name or "",
                "model": case.product_id.display_name or "",
                "fault": case.fault_code_id.display_name or "",
            }
            for case in cases.sudo()
        }
