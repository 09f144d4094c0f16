import pytz

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _sunshine_tz(self):
        """The company's time zone: its address's, else its working
        calendar's, else UTC."""
        self.ensure_one()
        return self.partner_id.tz or self.resource_calendar_id.tz or "UTC"

    def _sunshine_today(self):
        """Today in the company's time zone, for the daily scheduled actions
        (the server's and the cron user's time zones are not the company's)."""
        tz = pytz.timezone(self._sunshine_tz())
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    def _sunshine_lang(self):
        """The company's language, for what code stores once for every
        reader (names, messages to the company's staff): its address's,
        else the current user's."""
        self.ensure_one()
        return self.partner_id.lang or self.env.lang or "en_US"
