"""Telephone statistics from the PBX call records, where that feed exists."""

from urad.podnety import _
from urad.podnety.reports.kinds.base import IReportKind
from urad.podnety.reports.model import Chart
from urad.podnety.reports.model import Report
from urad.podnety.reports.model import Table
from zope.interface import implementer

import importlib
import logging


logger = logging.getLogger(__name__)
STATISTICS = "urad.podnety.phone.smdr.call_statistics"


def find_call_statistics():
    """Return the phone area's call_statistics function, or None without it.

    It is looked up as a module of that name with a function of the same
    name, or as a function in the SMDR package.
    """
    package, _sep, name = STATISTICS.rpartition(".")
    try:
        module = importlib.import_module(STATISTICS)
        return getattr(module, name, None)
    except ImportError:
        pass
    try:
        return getattr(importlib.import_module(package), name, None)
    except ImportError:
        return None


def statistics_table(result, request):
    """Turn the statistics (a mapping or a list of mappings) into a Table."""
    if isinstance(result, dict):
        rows = [[str(key), amount] for key, amount in result.items()]
        columns = [request._(_("Measure")), request._(_("Value"))]
    else:
        result = list(result or ())
        columns = list(result[0]) if result else []
        rows = [[item.get(column) for column in columns] for item in result]
    return Table(request._(_("Calls")), columns, rows)


@implementer(IReportKind)
class PhoneReport:
    """Call statistics for the period from the PBX call records."""

    title = _("Telephone statistics")
    catch_up = "each"
    needs_portal = True

    def query(self, request):
        return []

    def build(self, records, request, portal=None):
        statistics = find_call_statistics()
        report = Report(title=request.definition.title, period=request.period_text())
        if statistics is None:
            report.summary = request._(
                _("No call records: the telephone exchange feed is not set up.")
            )
            return report
        result = statistics(portal, request.start, request.end)
        table = statistics_table(result, request)
        report.tables.append(table)
        numeric = [row for row in table.rows if isinstance(row[-1], (int, float))]
        report.chart = Chart(
            table.title,
            [str(row[0]) for row in numeric],
            {table.columns[-1] if table.columns else "": [row[-1] for row in numeric]},
        )
        return report
