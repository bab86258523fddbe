"""Counts of podněty received, accepted, rejected, resolved and closed in a period."""

from urad.podnety import _
from urad.podnety.deadlines.phases import day_of
from urad.podnety.deadlines.phases import value
from urad.podnety.reports.kinds.base import IReportKind
from urad.podnety.reports.kinds.base import in_period
from urad.podnety.reports.model import Chart
from urad.podnety.reports.model import Report
from urad.podnety.reports.model import Table
from zope.interface import implementer

import datetime


# Event id -> (catalog index with the event's time, column title)
EVENTS = {
    "new": ("received", _("New")),
    "accepted": ("podnet_accepted", _("Accepted")),
    "rejected": ("podnet_rejected", _("Rejected")),
    "resolved": ("podnet_resolved", _("Resolved")),
    "closed": ("podnet_closed", _("Closed")),
}


def _bounds(request):
    start = datetime.datetime.combine(request.start, datetime.time())
    end = datetime.datetime.combine(request.end, datetime.time())
    return start, end


@implementer(IReportKind)
class CountsReport:
    """How many podněty were received, accepted ... in the period."""

    title = _("Counts for a period by channel and category")
    catch_up = "each"

    def events(self, request):
        chosen = [e for e in request.definition.events if e in EVENTS]
        return chosen or list(EVENTS)

    def query(self, request):
        """Return one query per event: podněty with that event in the period.

        An index query per event keeps the result small on a large register.
        """
        start, end = _bounds(request)
        # Widened by a day on each side for time zones; build() filters exactly.
        window = {
            "query": (
                start - datetime.timedelta(days=1),
                end + datetime.timedelta(days=1),
            ),
            "range": "min:max",
        }
        return [{EVENTS[event][0]: window} for event in self.events(request)]

    def build(self, records, request):
        events = self.events(request)
        by_channel, by_category = {}, {}
        totals = dict.fromkeys(events, 0)
        for record in records:
            for event in events:
                if not in_period(day_of(record, EVENTS[event][0]), request):
                    continue
                totals[event] += 1
                for groups, name in (
                    (by_channel, "channel"),
                    (by_category, "category"),
                ):
                    key = value(record, name)
                    row = groups.setdefault(key, dict.fromkeys(events, 0))
                    row[event] += 1
        headings = [request._(EVENTS[event][1]) for event in events]

        def table(title, vocabulary, groups):
            rows = [
                [request.label(vocabulary, key)] + [groups[key][e] for e in events]
                for key in sorted(groups, key=lambda k: request.label(vocabulary, k))
            ]
            rows.append([request._(_("Total"))] + [totals[e] for e in events])
            first = request._(
                _("Channel") if vocabulary == "channel" else _("Category")
            )
            return Table(request._(title), [first] + headings, rows)

        channels = sorted(by_channel, key=lambda k: request.label("channel", k))
        chart = Chart(
            request._(_("By channel")),
            [request.label("channel", key) for key in channels],
            {
                heading: [by_channel[key][event] for key in channels]
                for heading, event in zip(headings, events, strict=True)
            },
        )
        return Report(
            title=request.definition.title,
            period=request.period_text(),
            tables=[
                table(_("By channel"), "channel", by_channel),
                table(_("By category"), "category", by_category),
            ],
            chart=chart,
        )
