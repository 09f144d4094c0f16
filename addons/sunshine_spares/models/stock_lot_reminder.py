from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.osv import expression

# Lots reminded per transaction of the scheduled action.
REMINDER_BATCH_SIZE = 200


class StockLot(models.Model):
    """The regional representative is reminded of the warranties ending."""

    _inherit = "stock.lot"  # pylint: disable=consider-merging-classes-inherited

    # Stamped by the scheduled action only.
    _sunshine_protected_fields = (
        "warranty_reminder_date",
        "warranty_reminded_end_date",
    )

    warranty_reminder_date = fields.Date(
        string="Warranty Reminder Sent",
        readonly=True,
        copy=False,
        help="When the regional representative was last reminded that the "
        "warranty ends.",
    )
    warranty_reminded_end_date = fields.Date(
        string="Reminded Warranty End",
        readonly=True,
        copy=False,
        help="The warranty end date of the last reminder: a new end date "
        "calls for a new reminder, a date written again unchanged does not.",
    )

    @api.model
    def _cron_warranty_ending(self, batch_size=REMINDER_BATCH_SIZE):
        """Remind each regional representative of the warranties ending soon.

        One activity per lot and end date: the lot keeps the end date it
        was reminded of, and only another end date calls for a new reminder.
        Each company's lots are reminded by its own notice period, counted
        from its own today. A run reminds one batch and reports what is
        left, so the scheduler commits it and runs again at once; the stamps
        keep the next batch from reminding the same lots.
        """
        due = self._warranty_reminders_due()
        lots = due[:batch_size]
        lots._warranty_remind()
        self.env["ir.cron"]._notify_progress(
            done=len(lots), remaining=len(due) - len(lots)
        )
        return lots

    @api.model
    def _warranty_reminders_due(self):
        """The lots whose warranty ends within their company's notice period
        and whose representative was not reminded of that end yet, in one
        search whatever the companies: the companies of the same today and
        notice share a window. The window holds a few weeks of ends, so
        comparing the two dates in Python reads little."""
        windows = defaultdict(list)
        for company in self.env["res.company"].sudo().search([("active", "=", True)]):
            today = company._sunshine_today()
            end = today + relativedelta(days=company.sunshine_warranty_notice_days)
            windows[today, end].append(company.id)
            # A lot of a shared product has no company: the cron's counts it.
            if company == self.env.company:
                windows[today, end].append(False)
        domain = expression.OR(
            [
                [
                    ("company_id", "in", companies),
                    ("warranty_end_date", ">=", today),
                    ("warranty_end_date", "<=", end),
                ]
                for (today, end), companies in windows.items()
            ]
        )
        lots = self.search_fetch(
            expression.AND([domain, [("regional_representative_id", "!=", False)]]),
            ["warranty_end_date", "warranty_reminded_end_date"],
            order="warranty_end_date, id",
        )
        return lots.filtered(
            lambda lot: lot.warranty_reminded_end_date != lot.warranty_end_date
        )

    def _warranty_remind(self):
        """One to-do activity per lot for its representative, and one
        message per representative for all their lots, not one per lot;
        all in the representative's language. Then the stamps."""
        if not self:
            return self
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get_id(self._name)
        Activity = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True
        )
        activity_vals = []
        for user, lots in self.grouped("regional_representative_id").items():
            lots = lots.with_context(lang=user.lang)
            activity_vals += [
                {
                    "res_model_id": model,
                    "res_id": lot.id,
                    "activity_type_id": todo.id,
                    "date_deadline": lot.warranty_end_date,
                    "summary": lot._warranty_reminder_summary(),
                    "note": lot._warranty_reminder_note(),
                    "user_id": user.id,
                }
                for lot in lots
            ]
            lots._warranty_reminder_notify(user)
        Activity.create(activity_vals)
        reminded = self._sunshine_as_action()
        groups = reminded.grouped(
            lambda lot: (lot.company_id or self.env.company, lot.warranty_end_date)
        )
        for (company, end_date), same_end in groups.items():
            same_end.write(
                {
                    "warranty_reminder_date": company._sunshine_today(),
                    "warranty_reminded_end_date": end_date,
                }
            )
        return self

    def _warranty_reminder_summary(self):
        self.ensure_one()
        return _("Warranty ends on %(date)s", date=self.warranty_end_date)

    def _warranty_reminder_note(self):
        self.ensure_one()
        return _(
            "The warranty of %(lot)s (%(product)s) at %(customer)s ends on "
            "%(date)s. Offer the customer a maintenance contract.",
            lot=self.name,
            product=self.product_id.display_name,
            customer=self.customer_id.display_name or _("no customer"),
            date=self.warranty_end_date,
        )

    def _warranty_reminder_notify(self, user):
        """Tell ``user`` of the warranties of these lots ending, at once."""
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            _(
                "The warranties below end soon: a to-do activity on each unit "
                "is waiting for you."
            ),
            Markup().join(
                Markup("<li>%s</li>") % lot._warranty_reminder_note() for lot in self
            ),
        )
        self.env["mail.thread"].message_notify(
            partner_ids=user.partner_id.ids,
            subject=_("%(count)s warranties end soon", count=len(self)),
            body=body,
        )
