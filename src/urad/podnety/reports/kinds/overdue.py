"""Podněty past a phase deadline, per phase and per official."""

from urad.podnety import _
from urad.podnety.deadlines.phases import STATE_PHASES
from urad.podnety.deadlines.phases import current_overdue
from urad.podnety.deadlines.phases import value
from urad.podnety.deadlines.rules import PHASES
from urad.podnety.reports.kinds.base import IReportKind
from urad.podnety.reports.kinds.base import title_of
from urad.podnety.reports.model import Chart
from urad.podnety.reports.model import Report
from urad.podnety.reports.model import Table
from zope.interface import implementer


PHASE_TITLES = {
    "accept": _("Accept"),
    "resolve": _("Resolve"),
    "close": _("Close"),
}


@implementer(IReportKind)
class OverdueReport:
    """Every podnět past the deadline of the phase it is in."""

    title = _("Overdue podněty per phase and per official")
    catch_up = "latest"
    # Supervisors hear about overdue podněty only when there are some.
    skip_empty = True

    def query(self, request):
        # One range query per phase deadline, limited to the states in which
        # a deadline still counts, keeps finished podněty out of the result.
        before = {"query": request.today, "range": "max"}
        return [
            {index: before, "review_state": list(STATE_PHASES)}
            for index in ("deadline_accept", "deadline_resolve", "deadline_close")
        ]

    def build(self, records, request):
        rows, per_official = [], {}
        for record in records:
            for phase, deadline in current_overdue(record, request.today):
                days = (request.today - deadline).days
                official = request.label("assignee", value(record, "assignee"))
                rows.append(
                    [
                        value(record, "reference_number"),
                        title_of(record, request),
                        request._(PHASE_TITLES[phase]),
                        deadline,
                        days,
                        official,
                        request.label("category", value(record, "category")),
                    ]
                )
                counts = per_official.setdefault(official, dict.fromkeys(PHASES, 0))
                counts[phase] += 1
        rows.sort(key=lambda row: (-row[4], row[0] or ""))
        officials = sorted(per_official)
        phase_titles = [request._(PHASE_TITLES[phase]) for phase in PHASES]
        summary_rows = [
            [official]
            + [per_official[official][p] for p in PHASES]
            + [sum(per_official[official].values())]
            for official in officials
        ]
        columns = [
            _("Reference number"),
            _("Title"),
            _("Phase"),
            _("Deadline"),
            _("Days overdue"),
            _("Official"),
            _("Category"),
        ]
        return Report(
            title=request.definition.title,
            period=request._(
                _(
                    "Overdue on ${today}",
                    mapping={"today": f"{request.today:%d. %m. %Y}"},
                )
            ),
            summary=request._(
                _("Overdue deadlines: ${count}", mapping={"count": len(rows)})
            ),
            tables=[
                Table(
                    request._(_("Overdue per official")),
                    [request._(_("Official"))] + phase_titles + [request._(_("Total"))],
                    summary_rows,
                ),
                Table(
                    request._(_("Overdue podněty")),
                    [request._(column) for column in columns],
                    rows,
                ),
            ],
            chart=Chart(
                request._(_("Overdue per official")),
                officials,
                {
                    title: [per_official[o][phase] for o in officials]
                    for title, phase in zip(phase_titles, PHASES, strict=True)
                },
                stacked=True,
                horizontal=True,
            ),
        )
