"""The dashboard page and its chart images, rendered on the server."""

from html import escape
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urad.podnety import _
from urad.podnety.browser.dashboard.charts import CHARTS
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.extensions_log import recent_extensions
from urad.podnety.deadlines.mailing import translator
from urad.podnety.reports import definitions
from urad.podnety.reports.browser import send_now
from urad.podnety.reports.labels import labels
from urad.podnety.reports.render.chart import render_chart
from urad.podnety.reports.stats import dashboard_stats
from urllib.parse import urlencode
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)


class DashboardView(BrowserView):
    """Current numbers, charts, deadline extensions and reports."""

    def update(self):
        self.stats = dashboard_stats(api.portal.get(), settings.today())
        self.labels = labels(api.portal.get())

    def __call__(self):
        self.update()
        return self.index()

    def state_counts(self):
        return [
            {
                "state": self.labels["review_state"].get(state, state),
                "count": count,
            }
            for state, count in self.stats["counts"].items()
        ]

    def chart_url(self, name):
        query = urlencode({"name": name, "format": "svg"})
        return f"{self.context.absolute_url()}/@@podnety-dashboard-chart?{query}"

    def charts(self):
        """Return each chart's name, title, image URL and text shown if empty.

        The page shows the empty text in place of an image of bare axes.
        """
        translate_text = translator()
        rows = []
        for name, build in CHARTS.items():
            chart = build(self.stats, translate_text, self.labels)
            empty = chart.empty_text if chart.shows_empty_text() else ""
            rows.append(
                {
                    "name": name,
                    "title": chart.title,
                    "url": self.chart_url(name),
                    "empty": empty,
                }
            )
        return rows

    def extensions(self):
        return recent_extensions(10)

    def can_supervise(self):
        return api.user.has_permission("urad.podnety: Supervise", obj=self.context)

    def reports(self):
        if not self.can_supervise():
            return []
        return [
            {"id": definition_id, "title": definitions.get(definition_id).title}
            for definition_id in definitions.definition_ids()
        ]


class DashboardChart(BrowserView):
    """One dashboard chart as SVG or PNG."""

    def __call__(self):
        name = self.request.form.get("name")
        fmt = self.request.form.get("format", "svg")
        if name not in CHARTS or fmt not in ("svg", "png"):
            self.request.response.setStatus(404)
            return "Chart not found"
        portal = api.portal.get()
        stats = dashboard_stats(portal, settings.today())
        chart = CHARTS[name](stats, translator(), labels(portal))
        response = self.request.response
        response.setHeader(
            "Content-Type", "image/svg+xml" if fmt == "svg" else "image/png"
        )
        response.setHeader("Cache-Control", "private, max-age=300")
        return render_chart(chart, fmt)


class ReportRun(BrowserView):
    """Send a report now for the period ending today (POST)."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.setStatus(405)
            return "Use POST"
        CheckAuthenticator(self.request)
        send_now(self.request, self.request.form.get("id", ""))
        target = f"{self.context.absolute_url()}/@@podnety-dashboard"
        return self.request.response.redirect(target)


class DashboardLinkViewlet(ViewletBase):
    """A link to the dashboard above the register listing."""

    def render(self):
        if getattr(self.view, "__name__", "") == "podnety-dashboard":
            return ""
        label = translate(_("Dashboard and reports"), context=self.request)
        url = f"{self.context.absolute_url()}/@@podnety-dashboard"
        return (
            f'<p class="podnety-dashboard-link"><a href="{url}">{escape(label)}</a></p>'
        )
