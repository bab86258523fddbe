"""Telephone statistics from the PBX call records, where that feed exists."""

from datetime import datetime
from datetime import time
from urad.podnety import _
from urad.podnety.deadlines.calendar import PRAGUE
from urad.podnety.reports.kinds.base import IReportKind
from urad.podnety.reports.model import Chart
from urad.podnety.reports.model import Report
from urad.podnety.reports.model import Table
from zope.interface import implementer

import importlib


# Functions of the phone area with the signature call_statistics(portal, start, end).
STATISTICS_FUNCTIONS = (
    "urad.podnety.phone.smdr:call_statistics",
    "urad.podnety.phone.smdr.store:call_statistics",
)
MEASURES = {
    "source": _("Source of the records"),
    "incoming": _("Incoming calls"),
    "answered": _("Answered calls"),
    "abandoned": _("Abandoned calls"),
    "unmatched_answered": _("Answered calls without a podnět"),
    "ring_seconds_answered_avg": _("Average ringing before answer (s)"),
    "ring_seconds_answered_max": _("Longest ringing before answer (s)"),
    "ring_seconds_abandoned_avg": _("Average ringing before hang-up (s)"),
    "answer_rate": _("Share of answered calls"),
}
CHARTED = ("incoming", "answered", "abandoned", "unmatched_answered")


def find_call_statistics():
    """Return the phone area's call_statistics function, or None without it."""
    for dotted in STATISTICS_FUNCTIONS:
        module_name, _sep, name = dotted.partition(":")
        try:
            function = getattr(importlib.import_module(module_name), name, None)
        except ImportError:
            continue
        if function is not None:
            return function
    return None


@implementer(IReportKind)
class PhoneReport:
    """Call statistics for the period from the PBX call records."""

    title = _("Telephone statistics")
    catch_up = "each"

    def query(self, request):
        return []

    def build(self, records, request):
        report = Report(title=request.definition.title, period=request.period_text())
        statistics = find_call_statistics()
        if statistics is None:
            report.summary = request._(
                _("No call records: the telephone exchange feed is not set up.")
            )
            return report
        start = datetime.combine(request.start, time(), tzinfo=PRAGUE)
        end = datetime.combine(request.end, time(), tzinfo=PRAGUE)
        result = statistics(request.portal, start, end) or {}
        rows = [
            [request._(MEASURES.get(key, key)), amount]
            for key, amount in result.items()
        ]
        report.tables.append(
            Table(
                request._(_("Calls")),
                [request._(_("Measure")), request._(_("Value"))],
                rows,
            )
        )
        charted = [key for key in CHARTED if isinstance(result.get(key), int)]
        report.chart = Chart(
            request._(_("Calls")),
            [request._(MEASURES[key]) for key in charted],
            {request._(_("Calls")): [result[key] for key in charted]},
        )
        return report
