from odoo import _, fields, models

WIZARD = "sunshine.callback.statistics.wizard"


def records_domain(objs):
    """The records a report counts: the period of the statistics wizard, or
    the records selected in a list."""
    if objs._name == WIZARD:
        return objs._records_domain()
    return [("id", "in", objs.ids)]


def period_subtitle(objs, label):
    if objs._name == WIZARD:
        return _(
            "%(what)s from %(start)s to %(end)s",
            what=label,
            start=fields.Date.to_string(objs.date_from),
            end=fields.Date.to_string(objs.date_to),
        )
    return False


class SunshineCallbackCoverageXlsx(models.AbstractModel):
    """Callback coverage per period and local office (电话询检覆盖率): planned,
    done and the share done, cancelled calls not counted; beside them, for a
    closed period, the figure frozen when it closed (the one audited) and
    its date: the live figures still move when a late call is done."""

    _name = "report.sunshine_quality.callback_coverage_xlsx"
    _inherit = "report.sunshine_quality.statistics_xlsx"
    _description = "Callback Coverage (XLSX)"

    def _statistics_title(self, objs):
        return _("Callback Coverage")

    def _statistics_subtitle(self, objs):
        return period_subtitle(objs, _("Calls of the periods")) or _(
            "%s selected calls", len(objs)
        )

    def _statistics_columns(self):
        return [
            ("period", _("Period"), "text"),
            ("team", _("Local Office"), "text"),
            ("planned", _("Planned"), "count"),
            ("done", _("Done"), "count"),
            ("coverage", _("Coverage"), "percent"),
            ("frozen_coverage", _("Frozen Coverage"), "percent"),
            ("frozen_on", _("Frozen On"), "text"),
        ]

    def _statistics_rows(self, objs):
        Callback = self.env["sunshine.callback"]
        domain = [*records_domain(objs), ("state", "!=", "cancelled")]
        groups = Callback._read_group(
            domain,
            ["period_name", "team_id"],
            ["__count", "done_rate:avg"],
            order="period_name, team_id",
        )
        # the frozen figures of these periods, in one read (the user's rules
        # on the coverage records apply)
        Coverage = self.env["sunshine.callback.coverage"]
        periods = sorted({group[0] for group in groups if group[0]})
        frozen = {
            (coverage.period_name, coverage.team_id.id): coverage
            for coverage in (
                Coverage.search([("period_name", "in", periods)])
                if Coverage.has_access("read")
                else Coverage
            )
        }
        for period, team, count, rate in groups:
            row = self._row(period, team.display_name or _("No Office"), count, rate)
            coverage = frozen.get((period, team.id))
            if coverage:
                row["frozen_coverage"] = round(coverage.coverage_percent / 100.0, 4)
                row["frozen_on"] = fields.Date.to_string(
                    fields.Datetime.context_timestamp(self, coverage.frozen_date)
                )
            yield row
        for count, rate in Callback._read_group(
            domain, [], ["__count", "done_rate:avg"]
        ):
            yield {**self._row(_("Total"), "", count, rate), "_total": True}

    def _row(self, period, team, count, rate):
        done = round(count * (rate or 0.0) / 100.0)
        return {
            "period": period or "",
            "team": team,
            "planned": count,
            "done": done,
            "coverage": round(done / count, 4) if count else None,
            "frozen_coverage": None,
            "frozen_on": "",
        }


class SunshineSurveySatisfactionXlsx(models.AbstractModel):
    """Satisfaction per quarter, local office and topic (服务质量测评):
    customers asked, answers, response rate and mean score."""

    _name = "report.sunshine_quality.survey_satisfaction_xlsx"
    _inherit = "report.sunshine_quality.statistics_xlsx"
    _description = "Survey Satisfaction (XLSX)"

    def _statistics_title(self, objs):
        return _("Satisfaction Survey")

    def _statistics_subtitle(self, objs):
        return period_subtitle(objs, _("Survey customers of the quarters")) or _(
            "%s selected customers", len(objs)
        )

    def _statistics_columns(self):
        return [
            ("quarter", _("Quarter"), "text"),
            ("team", _("Local Office"), "text"),
            ("topic", _("Topic"), "text"),
            ("asked", _("Customers Asked"), "count"),
            ("answered", _("Answers"), "count"),
            ("rate", _("Response Rate"), "percent"),
            ("score", _("Mean Satisfaction"), "number"),
        ]

    def _statistics_rows(self, objs):
        Line = self.env["sunshine.survey.campaign.line"]
        domain = records_domain(objs)
        groupby = ["period_name", "team_id", "theme"]
        answered = {
            tuple(key): (count, score)
            for *key, count, score in Line._read_group(
                [*domain, ("state", "=", "answered"), ("satisfaction_score", ">", 0)],
                groupby,
                ["__count", "satisfaction_score:avg"],
            )
        }
        responded = {
            tuple(key): count
            for *key, count in Line._read_group(
                [*domain, ("state", "=", "answered")], groupby, ["__count"]
            )
        }
        for *key, count in Line._read_group(
            domain, groupby, ["__count"], order="period_name, team_id, theme"
        ):
            period, team, theme = key
            answers = responded.get(tuple(key), 0)
            score = answered.get(tuple(key), (0, None))[1]
            yield {
                "quarter": period or "",
                "team": team.display_name or _("No Office"),
                "topic": theme or "",
                "asked": count,
                "answered": answers,
                "rate": round(answers / count, 4) if count else None,
                "score": None if score is None else round(score, 2),
            }


class SunshineCallbackKeyIssuesXlsx(models.AbstractModel):
    """The key issues of the callbacks and surveys, one row each."""

    _name = "report.sunshine_quality.callback_key_issues_xlsx"
    _inherit = "report.sunshine_quality.statistics_xlsx"
    _description = "Key Issues (XLSX)"

    def _statistics_title(self, objs):
        return _("Key Issues")

    def _statistics_subtitle(self, objs):
        return period_subtitle(objs, _("Key issues raised")) or _(
            "Key issues among %s selected issues", len(objs)
        )

    def _statistics_columns(self):
        return [
            ("number", _("Number"), "text"),
            ("title", _("Issue"), "text"),
            ("customer", _("Customer"), "text"),
            ("team", _("Local Office"), "text"),
            ("department", _("Responsible Department"), "text"),
            ("state", _("Status"), "text"),
            ("key_date", _("Key Issue Since"), "text"),
            ("nonconformity", _("Nonconformity"), "text"),
        ]

    def _statistics_rows(self, objs):
        issues = self.env["sunshine.callback.issue"].search(
            [*records_domain(objs), ("is_key_issue", "=", True)], order="id"
        )
        states = dict(issues._fields["state"]._description_selection(self.env))
        # one batch of rows at a time: the records are read by Odoo's
        # prefetch, a thousand at once
        for issue in issues:
            yield {
                "number": issue.name,
                "title": issue.title,
                "customer": issue.partner_id.display_name,
                "team": issue.team_id.display_name or "",
                "department": issue.department_id.display_name,
                "state": states[issue.state],
                "key_date": issue.key_issue_date
                and issue.key_issue_date.strftime("%Y-%m-%d %H:%M")
                or "",
                "nonconformity": issue.sudo().nonconformity_id.name or "",
            }
        yield {"number": _("Total"), "title": str(len(issues)), "_total": True}


class SunshineCallbackCoveragePeriodXlsx(models.AbstractModel):
    """The coverage of the periods of the statistics wizard."""

    _name = "report.sunshine_quality.callback_coverage_period_xlsx"
    _inherit = "report.sunshine_quality.callback_coverage_xlsx"
    _description = "Callback Coverage of a Period (XLSX)"


class SunshineSurveySatisfactionPeriodXlsx(models.AbstractModel):
    """The satisfaction of the quarters of the statistics wizard."""

    _name = "report.sunshine_quality.survey_satisfaction_period_xlsx"
    _inherit = "report.sunshine_quality.survey_satisfaction_xlsx"
    _description = "Survey Satisfaction of a Period (XLSX)"


class SunshineCallbackKeyIssuesPeriodXlsx(models.AbstractModel):
    """The key issues raised in the period of the statistics wizard."""

    _name = "report.sunshine_quality.callback_key_issues_period_xlsx"
    _inherit = "report.sunshine_quality.callback_key_issues_xlsx"
    _description = "Key Issues of a Period (XLSX)"
