"""Control panel list of report definitions, preview, downloads and runs by hand."""

from datetime import date
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from urad.podnety import _
from urad.podnety.deadlines import settings
from urad.podnety.reports import definitions
from urad.podnety.reports import runner
from urad.podnety.reports.interfaces import FREQUENCY_TITLES
from urad.podnety.reports.render.chart import render_chart
from urad.podnety.reports.render.html import render_fragment
from urad.podnety.reports.render.tabular import render_csv
from urad.podnety.reports.render.tabular import render_xlsx
from urllib.parse import urlencode
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory

import logging


logger = logging.getLogger(__name__)

WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


def schedule_text(proxy, request):
    """Return when a report is sent as text, such as "weekly (Monday), 7:00"."""
    if proxy.frequency == "weekly":
        weekday = translate(WEEKDAYS[(proxy.weekday or 0) % 7], context=request)
        frequency = _("weekly (${weekday})", mapping={"weekday": weekday})
    elif proxy.frequency == "monthly" and (proxy.day or 1) != 1:
        frequency = _("monthly (day ${day})", mapping={"day": proxy.day})
    else:
        frequency = FREQUENCY_TITLES.get(proxy.frequency, proxy.frequency)
    return f"{translate(frequency, context=request)}, {proxy.hour}:00"


def day_text(day):
    """Format a date as "3. 12. 2026", or return "" for none."""
    if day is None:
        return ""
    return f"{day.day}. {day.month}. {day.year}"


DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", render_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_xlsx,
    ),
}


def send_now(request, definition_id):
    """Send a report and tell the user how it went.

    It covers the last complete period, or with "current" in the form the
    period running today, so far.
    """
    messages = IStatusMessage(request)
    if definition_id not in definitions.definition_ids():
        messages.addStatusMessage(_("No such report."), "error")
        return
    run_day = None
    if "current" in request.form:
        run_day = runner.current_run_day(definition_id)
    addresses = runner.send(api.portal.get(), definition_id, run_day)
    logger.info("Report %s sent by hand", definition_id)
    messages.addStatusMessage(
        _(
            "The report was sent. Number of recipients: ${count}.",
            mapping={"count": len(addresses)},
        ),
        "info" if addresses else "warning",
    )


class ReportsControlPanel(BrowserView):
    """List report definitions; run or delete one on POST."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.handle(self.request.form)
            return self.request.response.redirect(self.request.getURL())
        return self.index()

    def handle(self, form):
        messages = IStatusMessage(self.request)
        definition_id = form.get("id", "")
        if definition_id not in definitions.definition_ids():
            messages.addStatusMessage(_("No such report."), "error")
            return
        if "delete" in form:
            del definitions.collection()[definition_id]
            definitions.run_state(api.portal.get()).pop(definition_id, None)
            logger.info("Report definition %s deleted", definition_id)
            messages.addStatusMessage(_("The report was deleted."), "info")
        elif "run" in form or "current" in form:
            send_now(self.request, definition_id)

    def rows(self):
        kinds = getUtility(IVocabularyFactory, "urad.podnety.ReportKinds")(self.context)
        state = definitions.run_state(api.portal.get())
        rows = []
        for definition_id in definitions.definition_ids():
            proxy = definitions.get(definition_id)
            term = kinds.by_value.get(proxy.kind)
            rows.append(
                {
                    "id": definition_id,
                    "title": proxy.title,
                    "kind": term.title if term is not None else proxy.kind,
                    "schedule": schedule_text(proxy, self.request),
                    "enabled": proxy.enabled,
                    "recipients": ", ".join(proxy.recipients or ()),
                    "last_run": day_text(state.get(definition_id)),
                }
            )
        return rows


class ReportPreview(BrowserView):
    """Show a report for the period ending on `day`, or download a file of it."""

    def __call__(self):
        definition_id = self.request.form.get("id", "")
        if definition_id not in definitions.definition_ids():
            self.request.response.setStatus(404)
            return "Report definition not found"
        try:
            day = date.fromisoformat(self.request.form.get("day") or "")
        except ValueError:
            day = settings.today()
        self.definition_id = definition_id
        self.day = day
        self.report, self.report_request = runner.build(
            api.portal.get(), definition_id, day
        )
        fmt = self.request.form.get("format")
        if fmt in DOWNLOADS:
            content_type, render = DOWNLOADS[fmt]
            return self.download(render(self.report), content_type, fmt)
        if fmt in ("png", "svg") and self.report.chart is not None:
            content_type = "image/png" if fmt == "png" else "image/svg+xml"
            return self.download(
                render_chart(self.report.chart, fmt), content_type, fmt
            )
        return self.index()

    def download(self, data, content_type, extension):
        name = f"{self.definition_id}-{self.report_request.start.isoformat()}"
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{name}.{extension}"'
        )
        response.setHeader("Cache-Control", "no-store")
        return data

    def fragment(self):
        return render_fragment(self.report, rows_note=self.rows_note)

    def rows_note(self, shown, count):
        message = _(
            "The first ${shown} of ${count} rows are shown; the CSV and XLSX "
            "downloads contain all rows.",
            mapping={"shown": shown, "count": count},
        )
        return translate(message, context=self.request)

    def link(self, fmt):
        query = urlencode(
            {"id": self.definition_id, "day": self.day.isoformat(), "format": fmt}
        )
        return f"{self.context.absolute_url()}/@@podnety-report?{query}"

    def link_csv(self):
        return self.link("csv")

    def link_xlsx(self):
        return self.link("xlsx")

    def link_png(self):
        return self.link("png")
