from urllib.parse import urlencode

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sunshine_spares.controllers.portal import customer_equipment

COMPLAINTS_PER_PAGE = 20


class CustomerPortalComplaint(CustomerPortal):
    """The customer's complaints: submit, follow, reply, approve or refuse
    the proposed solution, and say whether they are satisfied."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = request.env["sunshine.complaint"]
            values["complaint_count"] = (
                Complaint.search_count([]) if Complaint.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, **kw):
        Complaint = request.env["sunshine.complaint"]
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        total = Complaint.search_count([])
        pager = portal_pager(
            url="/my/complaints", total=total, page=page, step=COMPLAINTS_PER_PAGE
        )
        complaints = Complaint.search(
            [], limit=COMPLAINTS_PER_PAGE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "complaints": complaints,
                "page_name": "complaint",
                "pager": pager,
                "default_url": "/my/complaints",
            }
        )
        return request.render("sunshine_quality.portal_my_complaints", values)

    def _customer_lots(self):
        """The customer's equipment, to name the unit complained about (the
        serials the equipment pages show)."""
        Lot, domain = customer_equipment()
        return Lot.search(domain, order="name")

    def _new_complaint_values(self, error=None, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "complaint_new",
                "categories": request.env["sunshine.complaint.category"].search(
                    [("show_in_portal", "=", True)]
                ),
                "lots": self._customer_lots(),
                "error": error,
                "form": kw,
            }
        )
        return values

    @http.route("/my/complaints/new", type="http", auth="user", website=True)
    def portal_new_complaint(self, **kw):
        if not request.env["sunshine.complaint"].has_access("read"):
            return request.redirect("/my")
        return request.render(
            "sunshine_quality.portal_complaint_new", self._new_complaint_values()
        )

    @http.route(
        "/my/complaints/submit",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_submit_complaint(self, **kw):
        Complaint = request.env["sunshine.complaint"]
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        subject = (kw.get("subject") or "").strip()
        description = (kw.get("description") or "").strip()
        if not subject or not description:
            values = self._new_complaint_values(
                error=_("Give a subject and describe what you complain about."), **kw
            )
            return request.render("sunshine_quality.portal_complaint_new", values)
        partner = request.env.user.partner_id
        category = request.env["sunshine.complaint.category"].search(
            [
                ("id", "=", int(kw.get("category_id") or 0)),
                ("show_in_portal", "=", True),
            ]
        )
        lot = self._customer_lots().filtered(
            lambda lot: lot.id == int(kw.get("lot_id") or 0)
        )
        # sudo: customers do not create complaints through the ORM; the desk
        # receives it with the customer's own company, contact and channel
        complaint = Complaint.sudo().create(
            {
                "subject": subject,
                "description": plaintext2html(description),
                "channel": "portal",
                "partner_id": partner.commercial_partner_id.id,
                "contact_id": partner.id,
                "category_id": category.id,
                "lot_id": lot.id,
                "product_categ_id": lot.product_id.categ_id.id,
            }
        )
        return request.redirect(f"/my/complaints/{complaint.id}")

    def _complaint_or_redirect(self, complaint_id, access_token=None):
        """The complaint, if the user or the token may see it; as superuser,
        as ``_document_check_access`` gives it, to render the page."""
        try:
            return self._document_check_access(
                "sunshine.complaint", complaint_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None

    def _complaint_as_customer(self, complaint):
        """The checked complaint, acting for the user who answers: the
        decision and the verification are recorded in their name.

        sudo: the customer answers the desk's question through the buttons
        of the page; the loop's methods check the state they answer.
        """
        return complaint.with_user(request.env.user).sudo()

    @http.route(
        "/my/complaints/<int:complaint_id>", type="http", auth="public", website=True
    )
    def portal_my_complaint(self, complaint_id, access_token=None, message=None, **kw):
        complaint = self._complaint_or_redirect(complaint_id, access_token)
        if complaint is None:
            return request.redirect("/my")
        values = self._get_page_view_values(
            complaint,
            access_token,
            {
                "complaint": complaint,
                "page_name": "complaint",
                "message": message,
                "error": kw.get("error"),
                # the portal chatter posts with the complaint's token
                "token": access_token or complaint._portal_ensure_token(),
            },
            "my_complaints_history",
            False,
        )
        return request.render("sunshine_quality.portal_complaint_page", values)

    def _answer(self, complaint_id, access_token, answer):
        """Run ``answer(complaint)`` for the customer and come back to the
        page, with the refusal of the loop shown there."""
        complaint = self._complaint_or_redirect(complaint_id, access_token)
        if complaint is None:
            return request.redirect("/my")
        query = {"access_token": access_token} if access_token else {}
        try:
            # nothing of a refused answer is kept: the request commits
            with request.env.cr.savepoint():
                answer(complaint)
        except (UserError, ValidationError) as error:
            query["error"] = error.args[0]
        url = f"/my/complaints/{complaint_id}"
        return request.redirect(f"{url}?{urlencode(query)}" if query else url)

    def _customer(self):
        partner = request.env.user.partner_id
        if request.env.user._is_public():
            partner = request.env["res.partner"]
        return partner

    @http.route(
        "/my/complaints/<int:complaint_id>/decision",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_complaint_decision(
        self, complaint_id, decision=None, note=None, access_token=None, **kw
    ):
        def answer(complaint):
            if decision not in ("approve", "refuse"):
                raise UserError(_("Approve or refuse the proposed solution."))
            self._complaint_as_customer(complaint)._record_decision(
                decision == "approve",
                self._customer() or complaint.contact_id,
                "portal",
                note=(note or "").strip() or None,
            )

        return self._answer(complaint_id, access_token, answer)

    @http.route(
        "/my/complaints/<int:complaint_id>/verify",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_complaint_verify(
        self, complaint_id, result=None, note=None, score=None, access_token=None, **kw
    ):
        def answer(complaint):
            if result not in ("satisfied", "not_satisfied"):
                raise UserError(_("Say whether you are satisfied with the result."))
            try:
                value = int(score or 0)
            except ValueError as error:
                raise UserError(_("The satisfaction score is a number.")) from error
            self._complaint_as_customer(complaint)._record_verification(
                result == "satisfied",
                self._customer() or complaint.contact_id,
                "portal",
                note=(note or "").strip() or None,
                score=value,
            )

        return self._answer(complaint_id, access_token, answer)
