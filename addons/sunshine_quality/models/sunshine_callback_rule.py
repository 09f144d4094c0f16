from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields, models

PERIOD_KINDS = [
    ("month", "Month"),
    ("quarter", "Quarter"),
]
RULE_SUBJECTS = [
    ("unit_accepted", "Each unit with an initial acceptance (every quarter)"),
    ("unit_installed", "Each unit commissioned or accepted in the period"),
    ("ticket_onsite", "Each ticket with an on-site visit in the period"),
    ("follow_up", "Verification of a follow-up (planned by the follow-up)"),
]


# The days of the service commitments are China's (Asia/Shanghai): a
# ticket reported at 00:30 on 1 October belongs to the fourth quarter.
CHINA = pytz.timezone("Asia/Shanghai")


def china_day_start(day):
    """The UTC moment (naive, as stored) at which ``day`` starts in China."""
    moment = CHINA.localize(datetime.combine(day, time.min))
    return moment.astimezone(pytz.UTC).replace(tzinfo=None)


def period_start(kind, day):
    """The first day of the calendar month or quarter of ``day``."""
    if kind == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, day.month, 1)


def period_end(kind, day):
    """The last day of the calendar month or quarter of ``day``."""
    months = 3 if kind == "quarter" else 1
    return period_start(kind, day) + relativedelta(months=months, days=-1)


def period_label(kind, start):
    if kind == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return start.strftime("%Y-%m")


class SunshineCallbackRule(models.Model):
    """A coverage rule of the phone callbacks (电话询检): which subjects get
    exactly one planned call in each calendar month or quarter.

    The periods are calendar periods, never "the last call plus an
    interval": a call belongs to its rule, its subject and its period, and
    the database refuses a second one (see ``sunshine.callback``).
    """

    _name = "sunshine.callback.rule"
    _description = "Callback Coverage Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the rule plans the calls of every company."
    )
    subject = fields.Selection(RULE_SUBJECTS, required=True)
    period_kind = fields.Selection(
        PERIOD_KINDS, string="Period", required=True, default="month"
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Call Script",
        help="The questionnaire the caller fills in with the customer.",
    )
    description = fields.Text()

    _sql_constraints = [
        (
            "subject_period_uniq",
            "unique(company_id, subject, period_kind)",
            "A coverage rule of this subject and period exists already.",
        ),
    ]
