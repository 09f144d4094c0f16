from odoo import _, models


class SunshineCallbackCoverageXlsx(models.AbstractModel):
    """Callback coverage per period and local office (电话询检覆盖率): planned,
    done and the share done, cancelled calls not counted."""

    _name = "report.sunshine_quality.callback_coverage_xlsx"
    _inherit = "report.sunshine_quality.statistics_xlsx"
    _description = "Callback Coverage (XLSX)"

    def _statistics_title(self, objs):
        return _("Callback Coverage")

    def _statistics_subtitle(self, objs):
        return _("%s selected calls", len(objs))

    def _statistics_columns(self):
        return [
            ("period", _("Period"), "text"),
            ("team", _("Local Office"), "text"),
            ("planned", _("Planned"), "count"),
            ("done", _("Done"), "count"),
            ("coverage", _("Coverage"), "percent"),
        ]

    def _statistics_rows(self, objs):
        Callback = self.env["sunshine.callback"]
        domain = [("id", "in", objs.ids), ("state", "!=", "cancelled")]
        groups = Callback._read_group(
            domain,
            ["period_name", "team_id"],
            ["__count", "done_rate:avg"],
            order="period_name, team_id",
        )
        for period, team, count, rate in groups:
            yield self._row(period, team.display_name or _("No Office"), count, rate)
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
        return _("%s selected customers", len(objs))

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
        domain = [("id", "in", objs.ids)]
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
        return _("Key issues among %s selected issues", len(objs))

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
            [("id", "in", objs.ids), ("is_key_issue", "=", True)], order="id"
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
