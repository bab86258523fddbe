"""Podněty still open after a number of days, with their age."""

from urad.podnety import _
from urad.podnety.deadlines.phases import day_of
from urad.podnety.deadlines.phases import value
from urad.podnety.reports.kinds.base import IReportKind
from urad.podnety.reports.kinds.base import title_of
from urad.podnety.reports.model import Chart
from urad.podnety.reports.model import Report
from urad.podnety.reports.model import Table
from urad.podnety.workflow.config import OPEN_STATES
from zope.interface import implementer

import datetime


# Upper bounds in days of the age groups in the chart; the last is open-ended.
AGE_GROUPS = (7, 30, 60, 90)


def age_group(days):
    """Return the label of the age group of `days`, such as "8-30"."""
    lower = 0
    for upper in AGE_GROUPS:
        if days <= upper:
            return f"{lower}–{upper}"
        lower = upper + 1
    return f"> {AGE_GROUPS[-1]}"


def age_group_labels():
    return [age_group(upper) for upper in AGE_GROUPS] + [age_group(AGE_GROUPS[-1] + 1)]


@implementer(IReportKind)
class OpenStateReport:
    """Open podněty received at least `min_age_days` days before the run."""

    title = _("Open podněty older than a number of days")
    catch_up = "latest"

    def query(self, request):
        # Only podněty received before the cutoff (plus a day for time zones;
        # build() checks exactly), so young open podněty are not loaded.
        cutoff = request.today - datetime.timedelta(
            days=request.definition.min_age_days - 1
        )
        return [
            {
                "review_state": sorted(OPEN_STATES),
                "received": {
                    "query": datetime.datetime.combine(cutoff, datetime.time()),
                    "range": "max",
                },
            }
        ]

    def build(self, records, request):
        cutoff = request.today - datetime.timedelta(
            days=request.definition.min_age_days
        )
        rows, chart = [], {}
        for record in records:
            received = day_of(record, "received")
            state = value(record, "review_state")
            if received is None or received > cutoff or state not in OPEN_STATES:
                continue
            age = (request.today - received).days
            rows.append(
                [
                    value(record, "reference_number"),
                    title_of(record, request),
                    request.label("review_state", state),
                    request.label("category", value(record, "category")),
                    request.label("channel", value(record, "channel")),
                    request.label("assignee", value(record, "assignee")),
                    received,
                    age,
                    day_of(record, "deadline_resolve"),
                ]
            )
            groups = chart.setdefault(request.label("review_state", state), {})
            groups[age_group(age)] = groups.get(age_group(age), 0) + 1
        rows.sort(key=lambda row: (-row[7], row[0] or ""))
        columns = [
            _("Reference number"),
            _("Title"),
            _("State"),
            _("Category"),
            _("Channel"),
            _("Assignee"),
            _("Received"),
            _("Age in days"),
            _("Resolve by"),
        ]
        labels = age_group_labels()
        return Report(
            title=request.definition.title,
            period=request._(
                _(
                    "Open on ${today}, received ${days} or more days before",
                    mapping={
                        "today": f"{request.today:%d. %m. %Y}",
                        "days": request.definition.min_age_days,
                    },
                )
            ),
            summary=request._(
                _("Open podněty: ${count}", mapping={"count": len(rows)})
            ),
            tables=[
                Table(
                    request._(_("Open podněty by age")),
                    [request._(column) for column in columns],
                    rows,
                )
            ],
            chart=Chart(
                request._(_("Open podněty by age in days")),
                labels,
                {
                    state: [groups.get(label, 0) for label in labels]
                    for state, groups in sorted(chart.items())
                },
                stacked=True,
            ),
        )
