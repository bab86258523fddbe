"""Charts of the dashboard built from the numbers in reports.stats."""

from urad.podnety import _
from urad.podnety.reports.model import Chart
from urad.podnety.reports.stats import MEDIAN_DAYS


PHASES = {"accept": _("Accept"), "resolve": _("Resolve"), "close": _("Close")}


def new_per_week(stats, translate, labels):
    data = stats["new_per_week"]
    return Chart(
        translate(_("New podněty per week by channel")),
        [f"{week[8:10]}. {week[5:7]}." for week in data["weeks"]],
        {
            labels["channel"].get(channel, channel): counts
            for channel, counts in data["channels"].items()
        },
        stacked=True,
        empty_text=translate(_("No new podněty in these weeks")),
    )


def open_by_age(stats, translate, labels):
    data = stats["open_by_state_and_age"]
    return Chart(
        translate(_("Open podněty by state and age in days")),
        data["age_groups"],
        {
            labels["review_state"].get(state, state): [
                groups[label] for label in data["age_groups"]
            ]
            for state, groups in data["states"].items()
        },
        stacked=True,
        empty_text=translate(_("No open podněty")),
    )


def overdue_by_official(stats, translate, labels):
    data = stats["overdue_by_official"]
    officials = sorted(data, key=lambda key: labels["assignee"].get(key, key))
    return Chart(
        translate(_("Overdue deadlines by official")),
        [labels["assignee"].get(key, key) or "—" for key in officials],
        {
            translate(title): [data[key][phase] for key in officials]
            for phase, title in PHASES.items()
        },
        stacked=True,
        horizontal=True,
        empty_text=translate(_("No overdue deadlines")),
    )


def medians(stats, translate, labels):
    data = stats["median_days"]
    # A median of 0 days is a real value, so only missing medians count as empty.
    empty_text = ""
    if all(data[phase]["median_days"] is None for phase in data):
        empty_text = translate(
            _(
                "No podnět accepted or resolved in the last ${days} days",
                mapping={"days": MEDIAN_DAYS},
            )
        )
    return Chart(
        translate(_("Median days from delivery")),
        [translate(_("to acceptance")), translate(_("to resolution"))],
        {
            translate(_("Days")): [
                data["accept"]["median_days"] or 0,
                data["resolve"]["median_days"] or 0,
            ]
        },
        empty_text=empty_text,
    )


CHARTS = {
    "new-per-week": new_per_week,
    "open-by-age": open_by_age,
    "overdue-by-official": overdue_by_official,
    "medians": medians,
}
