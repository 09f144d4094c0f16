from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SunshineStatisticsPeriodMixin(models.AbstractModel):
    """The period of a statistics wizard: from the first day of the year to
    today by default, both days included, as days of the user's time zone."""

    _name = "sunshine.statistics.period.mixin"
    _description = "Statistics Period"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    _("The period of the statistics ends before it starts.")
                )

    def _period_datetime_domain(self, field_name):
        """The domain of ``field_name`` (a Datetime, stored in UTC) within the
        period's days as the user lives them: a complaint received at 07:00
        in Shanghai on the 1st belongs to the 1st, though it is 23:00 UTC on
        the day before."""
        self.ensure_one()
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            moment = tz.localize(datetime.combine(day, time.min))
            return moment.astimezone(pytz.UTC).replace(tzinfo=None)

        return [
            (field_name, ">=", utc(self.date_from)),
            (field_name, "<", utc(self.date_to + relativedelta(days=1))),
        ]
