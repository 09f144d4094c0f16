from odoo import _, fields, models

# Stored rates of a complaint (100, 0 or empty), averaged into shares.
RATE_FIELDS = {
    "reply_on_time": "reply_on_time_rate",
    "opinion_on_time": "opinion_on_time_rate",
    "solved_in_time": "solved_in_time_rate",
    "reopen_rate": "reopened_rate",
    "satisfied": "satisfied_rate",
}
GROUPBY = ["received_date:month", "category_id", "department_id"]


class SunshineComplaintStatisticsXlsx(models.AbstractModel):
    """Complaints by month, category and department (投诉统计)."""

    _name = "report.sunshine_quality.complaint_statistics_xlsx"
    _inherit = "report.sunshine_quality.statistics_xlsx"
    _description = "Complaint Statistics (XLSX)"

    def _statistics_title(self, objs):
        return _("Complaint Statistics")

    def _statistics_subtitle(self, objs):
        if objs._name == "sunshine.complaint.statistics.wizard":
            return _(
                "Complaints received from %(start)s to %(end)s",
                start=fields.Date.to_string(objs.date_from),
                end=fields.Date.to_string(objs.date_to),
            )
        return _("%s selected complaints", len(objs))

    def _statistics_columns(self):
        return [
            ("month", _("Month"), "text"),
            ("category", _("Category"), "text"),
            ("department", _("Department"), "text"),
            ("count", _("Complaints"), "count"),
            ("reply_on_time", _("Replied within 2 Hours"), "percent"),
            ("opinion_on_time", _("Opinions within 2 Hours"), "percent"),
            ("solved_in_time", _("Solved within 15 Days"), "percent"),
            ("mean_days", _("Mean Days to Solve"), "number"),
            ("reopen_rate", _("Reopen Rate"), "percent"),
            ("satisfied", _("Closed Satisfied"), "percent"),
        ]

    def _complaint_domain(self, objs):
        if objs._name == "sunshine.complaint.statistics.wizard":
            return objs._complaint_domain()
        return [("id", "in", objs.ids)]

    def _statistics_rows(self, objs):
        Complaint = self.env["sunshine.complaint"]
        domain = self._complaint_domain(objs)
        aggregates = [
            "__count",
            *(f"{name}:avg" for name in RATE_FIELDS.values()),
            "resolution_days:avg",
        ]
        groups = Complaint._read_group(
            domain,
            GROUPBY,
            aggregates,
            order="received_date:month, category_id, department_id",
        )
        for month, category, department, *figures in groups:
            yield {
                "month": month.strftime("%Y-%m") if month else "",
                "category": category.display_name or _("Uncategorised"),
                "department": department.display_name or _("No Department"),
                **self._figures(figures),
            }
        for figures in Complaint._read_group(domain, [], aggregates):
            yield {"month": _("Total"), "_total": True, **self._figures(figures)}

    def _figures(self, figures):
        count, *rates, mean_days = figures
        values = {"count": count}
        for key, rate in zip(RATE_FIELDS, rates, strict=True):
            values[key] = None if rate is None else round(rate / 100.0, 4)
        values["mean_days"] = None if mean_days is None else round(mean_days, 2)
        return values


class SunshineComplaintSelectionXlsx(models.AbstractModel):
    """The same statistics, of the complaints selected in a list."""

    _name = "report.sunshine_quality.complaint_selection_xlsx"
    _inherit = "report.sunshine_quality.complaint_statistics_xlsx"
    _description = "Complaint Statistics of a Selection (XLSX)"
