from odoo import _, fields, models

WIZARD = "sunshine.inspection.statistics.wizard"


class SunshineInspectionStatisticsXlsx(models.AbstractModel):
    """On-site inspections per quarter and maintenance centre (现场巡检):
    planned, done, the share done, the inspections with findings and the
    faulty items found; cancelled inspections not counted."""

    _name = "report.sunshine_quality.inspection_statistics_xlsx"
    _inherit = "report.sunshine_quality.statistics_xlsx"
    _description = "Inspection Statistics (XLSX)"

    def _statistics_title(self, objs):
        return _("On-site Inspections")

    def _statistics_subtitle(self, objs):
        if objs._name == WIZARD:
            return _(
                "Inspections planned from %(start)s to %(end)s",
                start=fields.Date.to_string(objs.date_from),
                end=fields.Date.to_string(objs.date_to),
            )
        return _("%s selected inspections", len(objs))

    def _statistics_columns(self):
        return [
            ("quarter", _("Quarter"), "text"),
            ("team", _("Maintenance Centre"), "text"),
            ("planned", _("Planned"), "count"),
            ("done", _("Done"), "count"),
            ("rate", _("Done (%)"), "percent"),
            ("with_findings", _("With Findings"), "count"),
            ("findings", _("Faulty Items"), "count"),
        ]

    def _statistics_rows(self, objs):
        Inspection = self.env["sunshine.inspection"]
        domain = (
            objs._records_domain() if objs._name == WIZARD else [("id", "in", objs.ids)]
        )
        domain = [*domain, ("state", "!=", "cancelled")]
        aggregates = ["__count", "done_count:sum", "fault_count:sum"]
        with_findings = {
            (period, team): count
            for period, team, count in Inspection._read_group(
                [*domain, ("fault_count", ">", 0)],
                ["period_name", "team_id"],
                ["__count"],
            )
        }
        # one row per group, written as it is read
        for period, team, count, done, faults in Inspection._read_group(
            domain, ["period_name", "team_id"], aggregates, order="period_name, team_id"
        ):
            yield self._row(
                period or "",
                team.display_name or _("No Centre"),
                count,
                done,
                with_findings.get((period, team), 0),
                faults,
            )
        for count, done, faults in Inspection._read_group(domain, [], aggregates):
            total_findings = sum(with_findings.values())
            yield {
                **self._row(_("Total"), "", count, done, total_findings, faults),
                "_total": True,
            }

    def _row(self, period, team, count, done, with_findings, faults):
        return {
            "quarter": period,
            "team": team,
            "planned": count,
            "done": done or 0,
            "rate": round((done or 0) / count, 4) if count else None,
            "with_findings": with_findings,
            "findings": faults or 0,
        }


class SunshineInspectionStatisticsPeriodXlsx(models.AbstractModel):
    """The inspections of the period of the statistics wizard."""

    _name = "report.sunshine_quality.inspection_statistics_period_xlsx"
    _inherit = "report.sunshine_quality.inspection_statistics_xlsx"
    _description = "Inspection Statistics of a Period (XLSX)"
