"""Build a report from the catalog, render it and mail it."""

from plone import api
from urad.podnety import _
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.mailing import resolve_recipients
from urad.podnety.deadlines.mailing import translator
from urad.podnety.notifications.mailer import send_mail
from urad.podnety.reports import definitions
from urad.podnety.reports.kinds.base import IReportKind
from urad.podnety.reports.kinds.base import ReportRequest
from urad.podnety.reports.labels import labels
from urad.podnety.reports.render.chart import render_chart
from urad.podnety.reports.render.html import render_html
from urad.podnety.reports.render.tabular import render_csv
from urad.podnety.reports.render.tabular import render_xlsx
from urad.podnety.reports.render.text import render_text
from urad.podnety.setuphandlers import get_register
from zope.component import getUtility

import logging


logger = logging.getLogger(__name__)


def fetch(portal, kind, request):
    """Return the catalog brains the kind's queries select, each once."""
    catalog = api.portal.get_tool("portal_catalog")
    base = {
        "portal_type": "Podnet",
        "path": "/".join(get_register(portal).getPhysicalPath()),
    }
    if request.definition.categories:
        base["category"] = list(request.definition.categories)
    if request.definition.channels:
        base["channel"] = list(request.definition.channels)
    seen = {}
    for query in kind.query(request):
        for brain in catalog.unrestrictedSearchResults(**{**base, **query}):
            seen.setdefault(brain.getRID(), brain)
    return list(seen.values())


def make_request(portal, definition_id, run_day=None):
    """Return (kind, ReportRequest) for a run on `run_day` (default today)."""
    proxy = definitions.get(definition_id)
    schedule = definitions.schedule_of(proxy)
    run_day = run_day or settings.today()
    start, end = schedule.period(run_day, settings.load_rules().calendar)
    kind = getUtility(IReportKind, name=proxy.kind)
    request = ReportRequest(
        definition=definitions.as_definition(proxy),
        start=start,
        end=end,
        today=run_day,
        translate=translator(),
        labels=labels(portal),
        portal=portal,
    )
    return kind, request


def build(portal, definition_id, run_day=None):
    """Return the Report of a definition for the period ending on `run_day`."""
    kind, request = make_request(portal, definition_id, run_day)
    records = fetch(portal, kind, request)
    return kind.build(records, request), request


def attachments(report, definition_id, request):
    """Return the mail attachments: CSV, XLSX and, with a chart, a PNG."""
    stem = f"{definition_id}-{request.start.isoformat()}"
    files = [
        (f"{stem}.csv", render_csv(report), "text/csv"),
        (
            f"{stem}.xlsx",
            render_xlsx(report),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ]
    if report.chart is not None:
        files.append((f"{stem}.png", render_chart(report.chart, "png"), "image/png"))
    return files


def current_run_day(definition_id, today=None):
    """Return the run day whose period is the one running today."""
    proxy = definitions.get(definition_id)
    calendar = settings.load_rules().calendar
    return definitions.schedule_of(proxy).next_run_day(
        today or settings.today(), calendar
    )


def send(portal, definition_id, run_day=None, recipients=None):
    """Build the report and mail it; return the addresses it went to."""
    report, request = build(portal, definition_id, run_day)
    proxy = definitions.get(definition_id)
    kind = getUtility(IReportKind, name=proxy.kind)
    if getattr(kind, "skip_empty", False) and not any(t.rows for t in report.tables):
        logger.info("Report %s for %s is empty, not sent", definition_id, run_day)
        return []
    addresses = resolve_recipients(recipients or proxy.recipients)
    if not addresses:
        logger.warning("Report %s has no recipients with an address", definition_id)
        return []
    note = request._(_("The chart and the data in CSV and XLSX are attached."))

    def rows_note(shown, count):
        return request._(
            _(
                "The first ${shown} of ${count} rows are shown; the attached CSV "
                "and XLSX files contain all rows.",
                mapping={"shown": shown, "count": count},
            )
        )

    send_mail(
        addresses,
        f"{report.title} ({report.period})" if report.period else report.title,
        render_text(report, rows_note) + "\n\n" + note,
        html=render_html(report, chart_note=note, rows_note=rows_note),
        attachments=attachments(report, definition_id, request),
    )
    logger.info(
        "Report %s for %s sent to %s recipients",
        definition_id,
        request.start,
        len(addresses),
    )
    return addresses
