from odoo import _, models


class SunshineQualityStatisticsXlsx(models.AbstractModel):
    """A statistics table of the quality loop as one XLSX sheet.

    A report names its columns (``_statistics_columns``) and yields its rows
    (``_statistics_rows``, dicts by column key); this writes them row by row
    in constant-memory mode, so a report of any length keeps one row in
    memory. Complaints use it now; callbacks, surveys and inspections can.
    """

    _name = "report.sunshine_quality.statistics_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Quality Statistics (XLSX)"

    def get_workbook_options(self):
        # rows are written once and in order: xlsxwriter flushes each row
        return {"constant_memory": True}

    def _statistics_title(self, objs):
        return _("Statistics")

    def _statistics_subtitle(self, objs):
        return ""

    def _statistics_columns(self):
        """[(key, label, kind)]: kind is text, count, percent or number."""
        raise NotImplementedError()

    def _statistics_rows(self, objs):
        """Yield one dict per row, by column key; a percent is a share
        (0.5 for 50 %), None when there is nothing to measure."""
        raise NotImplementedError()

    def generate_xlsx_report(self, workbook, data, objs):
        title = self._statistics_title(objs)
        sheet = workbook.add_worksheet(title[:31])
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"border": 1}),
            "count": workbook.add_format({"border": 1, "num_format": "0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.0%"}),
            "number": workbook.add_format({"border": 1, "num_format": "0.00"}),
        }
        total_format = {
            kind: workbook.add_format({**spec, "bold": True, "top": 2})
            for kind, spec in {
                "text": {"border": 1},
                "count": {"border": 1, "num_format": "0"},
                "percent": {"border": 1, "num_format": "0.0%"},
                "number": {"border": 1, "num_format": "0.00"},
            }.items()
        }
        columns = self._statistics_columns()
        sheet.write(0, 0, title, formats["title"])
        sheet.write(1, 0, self._statistics_subtitle(objs))
        for col, (_key, label, kind) in enumerate(columns):
            sheet.set_column(col, col, 14 if kind != "text" else 22)
            sheet.write(3, col, label, formats["header"])
        row = 4
        for values in self._statistics_rows(objs):
            style = total_format if values.get("_total") else formats
            for col, (key, _label, kind) in enumerate(columns):
                value = values.get(key)
                if value is None or value is False:
                    sheet.write_blank(row, col, None, style[kind])
                else:
                    sheet.write(row, col, value, style[kind])
            row += 1
        sheet.freeze_panes(4, 0)
