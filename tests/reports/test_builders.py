"""Report kinds built from plain records and read back from every format."""

from datetime import date
from datetime import datetime
from io import BytesIO
from openpyxl import load_workbook
from types import SimpleNamespace
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.reports.kinds.base import Definition
from urad.podnety.reports.kinds.base import ReportRequest
from urad.podnety.reports.kinds.counts import CountsReport
from urad.podnety.reports.kinds.overdue import OverdueReport
from urad.podnety.reports.kinds.state import OpenStateReport
from urad.podnety.reports.render.chart import render_chart
from urad.podnety.reports.render.html import render_html
from urad.podnety.reports.render.tabular import render_csv
from urad.podnety.reports.render.tabular import render_xlsx

import csv
import io
import pytest


def at(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=PRAGUE)


def record(number, **values):
    fields = {
        "reference_number": f"PDN-2026-{number:05d}",
        "Title": f"Podnět {number}",
        "review_state": "new",
        "channel": "web",
        "category": "odpady",
        "assignee": None,
        "received": at(date(2026, 11, 10)),
        "podnet_accepted": None,
        "podnet_rejected": None,
        "podnet_resolved": None,
        "podnet_closed": None,
        "deadline_accept": None,
        "deadline_resolve": None,
        "deadline_close": None,
        "confidential": False,
    }
    fields.update(values)
    return SimpleNamespace(**fields)


def request(kind, **definition):
    return ReportRequest(
        definition=Definition(title="Měsíční přehled", kind=kind, **definition),
        start=date(2026, 11, 1),
        end=date(2026, 12, 1),
        today=date(2026, 12, 1),
        labels={"channel": {"web": "Webový formulář", "phone": "Telefon"}},
    )


RECORDS = [
    record(1),
    record(2, channel="phone", podnet_rejected=at(date(2026, 11, 12))),
    record(3, category="doprava", podnet_accepted=at(date(2026, 11, 11))),
    # received 31 October 23:30 in Prague: not in November
    record(4, received=datetime(2026, 10, 31, 23, 30, tzinfo=PRAGUE)),
    # 30 November 23:30 Prague is 22:30 UTC, still November
    record(5, received=datetime(2026, 11, 30, 23, 30, tzinfo=PRAGUE)),
]


class TestCounts:
    def test_by_channel(self):
        report = CountsReport().build(RECORDS, request("counts"))
        by_channel = report.tables[0]
        assert by_channel.columns == [
            "Channel",
            "New",
            "Accepted",
            "Rejected",
            "Resolved",
            "Closed",
        ]
        assert by_channel.rows == [
            ["Telefon", 1, 0, 1, 0, 0],
            ["Webový formulář", 3, 1, 0, 0, 0],
            ["Total", 4, 1, 1, 0, 0],
        ]

    def test_by_category(self):
        report = CountsReport().build(RECORDS, request("counts"))
        assert report.tables[1].rows == [
            ["doprava", 1, 1, 0, 0, 0],
            ["odpady", 3, 0, 1, 0, 0],
            ["Total", 4, 1, 1, 0, 0],
        ]

    def test_chosen_events(self):
        report = CountsReport().build(
            RECORDS, request("counts", events=("new", "rejected"))
        )
        assert report.tables[0].columns == ["Channel", "New", "Rejected"]
        assert report.chart.series == {"New": [1, 3], "Rejected": [1, 0]}

    def test_one_query_per_event(self):
        queries = CountsReport().query(request("counts", events=("new", "rejected")))
        assert [list(query) for query in queries] == [["received"], ["podnet_rejected"]]


class TestState:
    def test_only_old_open(self):
        records = [
            record(1, received=at(date(2026, 9, 1)), review_state="assigned"),
            record(2, received=at(date(2026, 11, 20))),
            record(3, received=at(date(2026, 8, 1)), review_state="resolved"),
            record(4, received=at(date(2026, 10, 1))),
        ]
        report = OpenStateReport().build(records, request("state", min_age_days=30))
        rows = report.tables[0].rows
        assert [row[0] for row in rows] == ["PDN-2026-00001", "PDN-2026-00004"]
        assert [row[7] for row in rows] == [91, 61]
        assert report.chart.series == {
            "assigned": [0, 0, 0, 0, 1],
            "new": [0, 0, 0, 1, 0],
        }


class TestConfidential:
    def test_subject_hidden(self):
        records = [
            record(1, received=at(date(2026, 9, 1)), confidential=True),
            record(2, received=at(date(2026, 9, 2)), confidential=False),
        ]
        rows = OpenStateReport().build(records, request("state")).tables[0].rows
        assert [row[1] for row in rows] == ["(confidential)", "Podnět 2"]


class TestOverdue:
    def test_phase_by_state(self):
        records = [
            record(1, deadline_accept=date(2026, 11, 30)),
            record(2, deadline_accept=date(2026, 12, 1)),
            record(
                3,
                review_state="assigned",
                assignee="novak",
                deadline_accept=date(2026, 11, 1),
                deadline_resolve=date(2026, 11, 25),
            ),
            record(4, review_state="closed", deadline_close=date(2026, 11, 1)),
            record(
                5,
                deadline_accept=date(2026, 11, 20),
                deadline_resolve=date(2026, 11, 28),
            ),
        ]
        report = OverdueReport().build(records, request("overdue"))
        listing = report.tables[1].rows
        assert [(row[0], row[2], row[4]) for row in listing] == [
            ("PDN-2026-00005", "Accept", 11),
            ("PDN-2026-00003", "Resolve", 6),
            ("PDN-2026-00005", "Resolve", 3),
            ("PDN-2026-00001", "Accept", 1),
        ]
        assert report.tables[0].rows == [
            ["novak", 0, 1, 0, 1],
            ["—", 2, 1, 0, 3],
        ]


@pytest.fixture
def report():
    records = RECORDS + [record(6, Title='=HYPERLINK("x") "Žluťoučký kůň"; <b>')]
    return CountsReport().build(records, request("counts"))


class TestRender:
    def test_csv_for_czech_excel(self, report):
        data = render_csv(report)
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] == ["By channel"]
        assert rows[1][:3] == ["Channel", "New", "Accepted"]
        assert rows[2] == ["Telefon", "1", "0", "1", "0", "0"]
        assert ["Webový formulář", "4", "1", "0", "0", "0"] in rows
        assert b"\r\n" in data

    def test_xlsx_values(self, report):
        workbook = load_workbook(BytesIO(render_xlsx(report)))
        assert workbook.sheetnames == ["By channel", "By category"]
        sheet = workbook["By channel"]
        assert [cell.value for cell in sheet[1]][:2] == ["Channel", "New"]
        assert [cell.value for cell in sheet[3]] == ["Webový formulář", 4, 1, 0, 0, 0]

    def test_html_escaped(self, report):
        page = render_html(report)
        assert "<h1>Měsíční přehled</h1>" in page
        assert "01. 11. 2026 – 30. 11. 2026" in page
        assert 'text-align: right">4</td>' in page

    @pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<?xml")])
    def test_chart_image(self, report, fmt, magic):
        assert render_chart(report.chart, fmt).startswith(magic)


class TestSpreadsheetSafety:
    def state_report(self):
        records = [
            record(
                1,
                Title='=HYPERLINK("http://x") Žluťoučký;\nkůň',
                received=at(date(2026, 9, 1)),
            )
        ]
        return OpenStateReport().build(records, request("state"))

    def test_csv_formula_quoted(self):
        data = render_csv(self.state_report()).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data), delimiter=";"))
        assert rows[1][1] == '\'=HYPERLINK("http://x") Žluťoučký; kůň'
        assert rows[1][6] == "2026-09-01"

    def test_html_escapes_title(self):
        page = render_html(self.state_report())
        assert "Žluťoučký; kůň" in page
        assert "&quot;http://x&quot;" in page
        assert '"http://x"' not in page

    def test_xlsx_formula_is_text(self):
        workbook = load_workbook(BytesIO(render_xlsx(self.state_report())))
        cell = workbook.active.cell(row=2, column=2)
        assert cell.data_type == "s"
        assert cell.value.startswith("=HYPERLINK")
        assert workbook.active.cell(row=2, column=7).value == datetime(2026, 9, 1)


class TestStateQuery:
    def test_only_older_podnety(self):
        query = OpenStateReport().query(request("state", min_age_days=30))[0]
        assert query["review_state"] == ["assigned", "new"]
        assert query["received"] == {
            "query": datetime(2026, 11, 2, 0, 0),
            "range": "max",
        }
