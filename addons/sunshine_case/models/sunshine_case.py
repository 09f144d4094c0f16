import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext, is_html_empty

CASE_STATES = [
    ("draft", "Draft"),
    ("reviewed", "Reviewed"),
    ("published", "Published"),
    ("obsolete", "Obsolete"),
]
REVIEWER_GROUP = "sunshine_case.group_case_reviewer"

# The comparison text of a case and of a ticket. Chinese is written without
# spaces, so a whole sentence is one "word" for pg_trgm and two wordings of
# the same fault share few of its three-character pieces. The text is
# therefore cut into its overlapping pairs of Chinese characters (the CJK
# bigrams of full-text engines), each a word of its own: pg_trgm then
# compares the pairs ("  电", " 电源", "电源 "), which two wordings share far
# more often. Latin words and numbers (LOS, B2, 2M, -48V) stay whole.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
# Particles that glue a sentence, not a fault: a run of characters is cut
# there, so that "的蓄" or "了半" never make a pair.
_PARTICLES = str.maketrans(dict.fromkeys("的了和与及或是把被请也都很", " "))
_CJK_TOKEN = re.compile(rf"[{_CJK}]")
# Enough for a long symptom; the trigram index stays small and a pasted log
# does not drown the words that matter.
SEARCH_TEXT_MAX_WORDS = 200


def case_search_text(*texts, max_words=SEARCH_TEXT_MAX_WORDS):
    """The plain words of ``texts`` that the trigram similarity compares."""
    words = []
    for text in texts:
        for token in _TOKEN.findall((text or "").translate(_PARTICLES)):
            if not _CJK_TOKEN.match(token):
                words.append(token.lower())
            elif len(token) == 1:
                words.append(token)
            else:
                words.extend(token[i : i + 2] for i in range(len(token) - 1))
    return " ".join(words[:max_words])


def html_text(html):
    """The plain text of a rich-text value, without its markup."""
    return "" if is_html_empty(html) else html2plaintext(html)


class SunshineCase(models.Model):
    """A solved fault written up for the next engineer (经验案例).

    Made from a resolved ticket (or written by hand), reviewed and published
    by a reviewer, offered on the open tickets it fits, and shown to the
    customers on the portal when a reviewer made it public.
    """

    _name = "sunshine.case"
    _description = "Experience Case"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "sunshine.protected.fields.mixin",
    ]
    _order = "helpful_count desc, use_count desc, id desc"
    _rec_names_search = ["number", "name"]
    # Set by the actions below and by the uses, never written directly.
    _sunshine_protected_fields = (
        "state",
        "author_id",
        "reviewer_id",
        "reviewed_date",
        "published_date",
        "is_public",
        "source_ticket_id",
        "number",
        "use_count",
        "helpful_count",
    )

    number = fields.Char(string="Reference", readonly=True, copy=False, index=True)
    name = fields.Char(string="Title", required=True, tracking=True, index="trigram")
    active = fields.Boolean(default=True, tracking=True)
    # No index on the company and the state: nearly every case is published
    # in the one company, and an index on either would only offer the
    # planner a way round the trigram index of the suggestions.
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    state = fields.Selection(
        CASE_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    product_categ_id = fields.Many2one(
        "product.category",
        string="Product Line",
        index=True,
        tracking=True,
    )
    product_id = fields.Many2one(
        "product.product",
        string="Equipment Model",
        index=True,
        tracking=True,
        domain=[("tracking", "=", "serial")],
        help="The equipment the fault was found on.",
    )
    fault_code_id = fields.Many2one(
        "sunshine.fault.code",
        string="Fault",
        index=True,
        tracking=True,
    )
    symptom = fields.Html(
        sanitize_style=True,
        help="What the customer and the engineer saw: alarms, indicators, "
        "measurements. Compared with the open tickets to suggest the case.",
    )
    cause = fields.Html(sanitize_style=True, help="Why the fault happened.")
    solution = fields.Html(
        sanitize_style=True, help="What cleared the fault, step by step."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sunshine_case_attachment_rel",
        "case_id",
        "attachment_id",
        string="Solution Attachments",
        help="Photos, logs and documents of the solution; a public case "
        "shows them to the customers.",
    )
    search_text = fields.Text(
        string="Comparison Text",
        compute="_compute_search_text",
        store=True,
        index="trigram",
        help="The title and the symptom in plain words, as the suggestions "
        "compare them with a ticket.",
    )
    source_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The resolved ticket the case was made from.",
    )
    author_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
        tracking=True,
    )
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    reviewed_date = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    published_date = fields.Datetime(string="Published On", readonly=True, copy=False)
    is_public = fields.Boolean(
        string="Public",
        readonly=True,
        copy=False,
        tracking=True,
        help="Customers read the case on the portal (FAQ) while it is published.",
    )
    tag_ids = fields.Many2many("sunshine.case.tag", string="Tags")
    use_ids = fields.One2many(
        "sunshine.case.use", "case_id", string="Tickets Applied On", readonly=True
    )
    use_count = fields.Integer(
        string="Times Used",
        compute="_compute_use_counts",
        store=True,
        aggregator="sum",
    )
    helpful_count = fields.Integer(
        string="Found Helpful",
        compute="_compute_use_counts",
        store=True,
        aggregator="sum",
    )

    @api.depends("name", "symptom")
    def _compute_search_text(self):
        for case in self:
            case.search_text = case_search_text(case.name, html_text(case.symptom))

    @api.depends("use_ids.helpful")
    def _compute_use_counts(self):
        counts = {
            (case.id, helpful): count
            for case, helpful, count in self.env["sunshine.case.use"]._read_group(
                [("case_id", "in", self.ids)], ["case_id", "helpful"], ["__count"]
            )
        }
        for case in self:
            helpful = counts.get((case.id, True), 0)
            case.helpful_count = helpful
            case.use_count = helpful + counts.get((case.id, False), 0)

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id and not self.product_categ_id:
            self.product_categ_id = self.product_id.categ_id

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        Sequence = self.env["ir.sequence"]
        for case in cases._sunshine_as_action():
            case.number = Sequence.next_by_code("sunshine.case")
        cases._sunshine_attach_uploads()
        return cases

    def write(self, vals):
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._sunshine_attach_uploads()
        return res

    def _sunshine_attach_uploads(self):
        """Give the files uploaded on a new case to the case.

        The upload field of an unsaved case attaches its files to no record
        (res_id 0); the customers could not download them from a public case.
        """
        for case in self:
            case.attachment_ids.filtered(
                lambda a, c=case: a.res_model == c._name and not a.res_id
            ).write({"res_id": case.id})

    # ------------------------------------------------------------------
    # Review and publication
    # ------------------------------------------------------------------
    def _ensure_reviewer(self):
        if not self.env.user.has_group(REVIEWER_GROUP):
            raise AccessError(
                _(
                    "Only case reviewers (the service managers and HQ "
                    "engineering) review, publish and retire experience cases."
                )
            )

    def _ensure_state(self, states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for case in self:
            if case.state not in states:
                raise UserError(
                    _(
                        "Case %(case)s is %(state)s; this step applies to a "
                        "case that is %(states)s.",
                        case=case.number,
                        state=labels[case.state],
                        states=_(" or ").join(labels[s] for s in states),
                    )
                )

    def _ensure_complete(self):
        for case in self:
            missing = [
                case._fields[name]._description_string(self.env)
                for name in ("symptom", "solution")
                if is_html_empty(case[name])
            ]
            if missing:
                raise UserError(
                    _(
                        "Fill in %(fields)s of case %(case)s before its review: "
                        "engineers find a case by its symptom and use its solution.",
                        fields=_(" and ").join(missing),
                        case=case.number,
                    )
                )

    def action_review(self):
        """The reviewer checked the case; it waits to be published."""
        self.ensure_one()
        self._ensure_reviewer()
        self._ensure_state(("draft",))
        self._ensure_complete()
        self._sunshine_as_action().write(
            {
                "state": "reviewed",
                "reviewer_id": self.env.uid,
                "reviewed_date": fields.Datetime.now(),
            }
        )
        return True

    def action_publish(self):
        """Offer the case to every engineer (and to customers when public)."""
        self.ensure_one()
        self._ensure_reviewer()
        self._ensure_state(("draft", "reviewed"))
        self._ensure_complete()
        now = fields.Datetime.now()
        values = {"state": "published", "published_date": now}
        if self.state == "draft":
            values.update(reviewer_id=self.env.uid, reviewed_date=now)
        self._sunshine_as_action().write(values)
        if self.author_id and self.author_id != self.env.user:
            self.message_post(
                body=_("Published: engineers are now offered this case."),
                partner_ids=self.author_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_obsolete(self):
        """Retire the case: the fault no longer happens this way (new
        hardware, a software patch) or a better case replaces it."""
        self.ensure_one()
        self._ensure_reviewer()
        self._ensure_state(("reviewed", "published"))
        self._sunshine_as_action().write({"state": "obsolete"})
        return True

    def action_reset_draft(self):
        """Send the case back to its author for changes."""
        self.ensure_one()
        self._ensure_reviewer()
        self._ensure_state(("reviewed", "obsolete"))
        self._sunshine_as_action().write({"state": "draft"})
        return True

    def action_make_public(self):
        self.ensure_one()
        self._ensure_reviewer()
        if self.is_public:
            raise UserError(_("Case %s is already public.", self.number))
        self._sunshine_as_action().write({"is_public": True})
        return True

    def action_make_internal(self):
        self.ensure_one()
        self._ensure_reviewer()
        if not self.is_public:
            raise UserError(_("Case %s is already internal.", self.number))
        self._sunshine_as_action().write({"is_public": False})
        return True

    # ------------------------------------------------------------------
    # Use on tickets
    # ------------------------------------------------------------------
    def action_apply_on_ticket(self):
        """Apply the case on the ticket whose form shows it as a suggestion."""
        self.ensure_one()
        ticket = self.env["helpdesk.ticket"].browse(
            self.env.context.get("sunshine_case_ticket_id")
        )
        if not ticket.exists():
            raise UserError(_("Open the ticket to apply case %s on.", self.number))
        self.env["sunshine.case.use"]._sunshine_apply(ticket, self)
        return True

    def action_view_tickets(self):
        """The tickets the case was applied on; those it helped to solve
        with ``sunshine_case_helpful`` in the context."""
        self.ensure_one()
        uses = self.use_ids
        if self.env.context.get("sunshine_case_helpful"):
            uses = uses.filtered("helpful")
        return {
            "type": "ir.actions.act_window",
            "name": _("Tickets of %s", self.number),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", uses.ticket_id.ids)],
        }

    # ------------------------------------------------------------------
    # Capture
    # ------------------------------------------------------------------
    @api.model
    def _sunshine_create_from_source(self, source_field, source, values):
        """Open the case made from ``source``; make it now, as a draft of the
        current user, when there is none yet.

        ``source_field`` is the case's field that links to the source (the
        ticket's; another addon adds the complaint's), ``values`` what the
        source fills in. One source makes one case.
        """
        source.ensure_one()
        # sudo: a colleague's draft from the same source is not readable by
        # the user; only its reference and author are told.
        existing = self.sudo().search([(source_field, "=", source.id)], limit=1)
        if existing:
            case = existing.with_env(self.env)
            if not case.has_access("read"):
                raise UserError(
                    _(
                        "Case %(case)s was already made from %(record)s by "
                        "%(author)s; it is with the reviewers.",
                        case=existing.number,
                        record=source.display_name,
                        author=existing.author_id.name,
                    )
                )
            return case._sunshine_form_action()
        case = (
            self._sunshine_as_action()
            .create(dict(values, **{source_field: source.id}))
            .with_env(self.env)
        )
        source.message_post(
            body=_(
                "Experience case %s made from this record.",
                case._get_html_link(case.number),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return case._sunshine_form_action()

    def _sunshine_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Experience Case"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }
