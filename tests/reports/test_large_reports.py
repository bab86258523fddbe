"""Reports with more rows than the mail body shows, read back from every format."""

from .test_builders import at
from .test_builders import record
from .test_builders import request
from datetime import date
from datetime import datetime
from datetime import timedelta
from io import BytesIO
from openpyxl import load_workbook
from urad.podnety.reports.kinds.state import OpenStateReport
from urad.podnety.reports.render.html import MAX_ROWS
from urad.podnety.reports.render.html import render_html
from urad.podnety.reports.render.tabular import render_csv
from urad.podnety.reports.render.tabular import render_xlsx
from urad.podnety.reports.render.text import render_text

import csv
import io
import pytest


COUNT = MAX_ROWS + 7


@pytest.fixture(scope="module")
def report():
    """Return a state report listing `COUNT` open podněty, oldest first."""
    first = date(2025, 1, 1)
    records = [
        record(number, received=at(first + timedelta(days=number % 300)))
        for number in range(1, COUNT + 1)
    ]
    return OpenStateReport().build(records, request("state"))


def note(shown, count):
    return f"Zobrazeno {shown} z {count}"


class TestLargeReport:
    def test_html_cut_with_note(self, report):
        page = render_html(report, rows_note=note)
        assert page.count("<tr>") == MAX_ROWS + 1
        assert f"<p>Zobrazeno {MAX_ROWS} z {COUNT}</p>" in page

    def test_html_shows_oldest_first(self, report):
        page = render_html(report, rows_note=note)
        oldest = report.tables[0].rows[0][0]
        youngest = report.tables[0].rows[-1][0]
        assert oldest in page
        assert youngest not in page

    def test_text_cut_with_note(self, report):
        text = render_text(report, rows_note=note)
        assert text.endswith(f"Zobrazeno {MAX_ROWS} z {COUNT}")
        assert report.tables[0].rows[MAX_ROWS - 1][0] in text
        assert report.tables[0].rows[MAX_ROWS][0] not in text

    def test_html_default_note_english(self, report):
        page = render_html(report)
        assert f"The first {MAX_ROWS} of {COUNT} rows are shown." in page

    def test_csv_has_every_row(self, report):
        data = render_csv(report).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data), delimiter=";"))
        assert len(rows) == COUNT + 1
        assert rows[-1][0] == report.tables[0].rows[-1][0]

    def test_xlsx_has_every_row(self, report):
        sheet = load_workbook(BytesIO(render_xlsx(report))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == COUNT + 1
        assert rows[-1][0] == report.tables[0].rows[-1][0]

    def test_xlsx_heading_and_formats(self, report):
        sheet = load_workbook(BytesIO(render_xlsx(report))).active
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold is True
        assert sheet["A2"].font.bold is False
        assert sheet["G2"].value == datetime(2025, 1, 1)
        assert sheet["G2"].number_format == "yyyy-mm-dd"
        assert sheet["H2"].value == (date(2026, 12, 1) - date(2025, 1, 1)).days
        assert sheet.column_dimensions["B"].width == len("Podnět 100") + 2


class TestSmallReport:
    def test_html_not_cut(self):
        records = [record(1, received=at(date(2026, 9, 1)))]
        page = render_html(OpenStateReport().build(records, request("state")))
        assert "rows are shown" not in page
        assert page.count("<tr>") == 2
