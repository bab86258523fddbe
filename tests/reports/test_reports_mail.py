"""Reports built on a seeded register, mailed and read back from the SMTP sink."""

from datetime import date
from datetime import datetime
from io import BytesIO
from openpyxl import load_workbook
from urad.podnety import _
from urad.podnety.content.vocabularies import CHANNELS
from urad.podnety.deadlines.mailing import translator
from urad.podnety.reports import runner
from urad.podnety.reports.kinds.counts import EVENTS
from urad.podnety.reports.kinds.overdue import PHASE_TITLES
from urad.podnety.reports.stats import dashboard_stats

import csv
import io
import time
import transaction


SUPERVISOR = "supervisor@urad.example"


def report_mails(smtp_sink, count=1, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        mails = [m for m in smtp_sink.messages if m["To"] == SUPERVISOR]
        if len(mails) >= count or time.monotonic() > deadline:
            return mails
        time.sleep(0.1)


def attachment(message, suffix):
    for part in message.iter_attachments():
        if part.get_filename().endswith(suffix):
            return part.get_payload(decode=True)
    raise AssertionError(f"no {suffix} attachment")


def label(message):
    """Return a message id as the site language shows it (Czech if compiled)."""
    return translator()(message)


class TestMonthlyCounts:
    def send(self, seeded, smtp_sink):
        portal, _podnety = seeded
        runner.send(portal, "monthly-new-rejected", date(2026, 12, 1))
        transaction.commit()
        mails = report_mails(smtp_sink)
        assert len(mails) == 1
        return mails[0]

    def test_subject_and_files(self, seeded, smtp_sink):
        message = self.send(seeded, smtp_sink)
        assert message["Subject"] == (
            "Nové a neoprávněné podněty za měsíc (01. 11. 2026 – 30. 11. 2026)"
        )
        names = [part.get_filename() for part in message.iter_attachments()]
        assert names == [
            "monthly-new-rejected-2026-11-01.csv",
            "monthly-new-rejected-2026-11-01.xlsx",
            "monthly-new-rejected-2026-11-01.png",
        ]
        assert attachment(message, ".png").startswith(b"\x89PNG")

    def test_html_table(self, seeded, smtp_sink):
        message = self.send(seeded, smtp_sink)
        html = message.get_body(preferencelist=("html",)).get_content()
        assert "<table" in html
        assert f">{label(CHANNELS['web'])}</td>" in html
        assert 'text-align: right">3</td>' in html

    def test_csv(self, seeded, smtp_sink):
        message = self.send(seeded, smtp_sink)
        data = attachment(message, ".csv")
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        by_channel = rows[1 : rows.index([])]
        assert by_channel[0] == [
            label(_("Channel")),
            label(EVENTS["new"][1]),
            label(EVENTS["rejected"][1]),
        ]
        assert [label(CHANNELS["web"]), "3", "0"] in by_channel
        assert [label(CHANNELS["phone"]), "2", "1"] in by_channel
        assert [label(CHANNELS["post"]), "0", "1"] in by_channel
        assert by_channel[-1] == [label(_("Total")), "6", "2"]

    def test_xlsx(self, seeded, smtp_sink):
        message = self.send(seeded, smtp_sink)
        workbook = load_workbook(BytesIO(attachment(message, ".xlsx")))
        sheet = workbook.worksheets[1]
        rows = {row[0]: list(row[1:]) for row in sheet.iter_rows(values_only=True)}
        assert rows["Odpady"] == [3, 0]
        assert rows["Doprava a silnice"] == [2, 1]
        assert rows[label(_("Total"))] == [6, 2]


class TestStateReport:
    def test_old_open_listed(self, seeded, smtp_sink):
        portal, podnety = seeded
        runner.send(portal, "monthly-state", date(2026, 12, 15))
        transaction.commit()
        message = report_mails(smtp_sink)[0]
        workbook = load_workbook(BytesIO(attachment(message, ".xlsx")))
        rows = list(workbook.active.iter_rows(values_only=True))
        # Received at least 30 days before 15 December and still open; the
        # rejected seed:4 is not listed.
        assert [row[0] for row in rows[1:]] == [
            podnety["seed:1"].reference_number,
            podnety["seed:2"].reference_number,
            podnety["seed:5"].reference_number,
        ]
        assert [row[7] for row in rows[1:]] == [43, 36, 34]
        assert rows[1][6] == datetime(2026, 11, 2)


class TestOverdueReport:
    def test_listed_per_official(self, seeded, smtp_sink):
        portal, podnety = seeded
        runner.send(portal, "weekly-overdue", date(2026, 12, 7))
        transaction.commit()
        message = report_mails(smtp_sink)[0]
        data = attachment(message, ".csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data), delimiter=";"))
        assert rows[1] == [label(_("Official"))] + [
            label(PHASE_TITLES[phase]) for phase in ("accept", "resolve", "close")
        ] + [label(_("Total"))]
        assert ["Test Official", "0", "1", "0", "1"] in rows
        assert ["—", "4", "0", "0", "4"] in rows


class TestCatalogOnly:
    def test_podnety_stay_unloaded(self, seeded):
        """Reports and dashboard numbers read catalog metadata, not the podněty."""
        portal, podnety = seeded
        portal._p_jar.cacheMinimize()
        for definition_id in (
            "monthly-new-rejected",
            "monthly-state",
            "weekly-overdue",
        ):
            report, _request = runner.build(portal, definition_id, date(2026, 12, 7))
            assert report.tables
        dashboard_stats(portal, date(2026, 12, 7))
        loaded = [
            key for key, podnet in podnety.items() if podnet._p_changed is not None
        ]
        assert loaded == []
