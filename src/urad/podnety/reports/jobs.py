"""The scheduler that sends reports when their day and hour come."""

from datetime import timedelta
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.calendar import local_date
from urad.podnety.reports import definitions
from urad.podnety.reports import runner
from urad.podnety.reports.kinds.base import IReportKind
from zope.component import queryUtility

import logging
import transaction


logger = logging.getLogger(__name__)


def due_runs(portal, now):
    """Return [(definition id, run day)] of every run due by `now`, oldest first.

    A definition seen for the first time starts from yesterday, so it sends
    nothing for the past. After downtime a kind that reports on a period
    ("each") makes up every missed period; a kind that reports the current
    state ("latest") sends once.
    """
    state = definitions.run_state(portal)
    calendar = settings.load_rules().calendar
    runs = []
    for definition_id in definitions.definition_ids():
        proxy = definitions.get(definition_id)
        if not proxy.enabled:
            continue
        kind = queryUtility(IReportKind, name=proxy.kind or "")
        if kind is None:
            logger.warning(
                "Report %s has an unknown kind %r", definition_id, proxy.kind
            )
            continue
        last_day = state.get(definition_id)
        if last_day is None:
            last_day = state[definition_id] = local_date(now) - timedelta(days=1)
        days = definitions.schedule_of(proxy).due_days(last_day, now, calendar)
        if days and getattr(kind, "catch_up", "each") == "latest":
            days = days[-1:]
        runs.extend((definition_id, day) for day in days)
    return sorted(runs, key=lambda run: (run[1], run[0]))


class ReportsJob:
    """Send the scheduled reports that are due."""

    title = "Scheduled reports"
    interval = 300

    def run(self, portal):
        now = settings.now()
        sent, failed, failed_ids = [], [], set()
        for definition_id, day in due_runs(portal, now):
            if definition_id in failed_ids:
                # Later periods wait until this one succeeds, so none is skipped.
                continue
            try:
                runner.send(portal, definition_id, day)
            except Exception:
                transaction.abort()
                logger.exception("Report %s for %s failed", definition_id, day)
                failed.append(f"{definition_id}@{day.isoformat()}")
                failed_ids.add(definition_id)
                continue
            state = definitions.run_state(portal)
            state[definition_id] = day
            # The mail leaves and the run is marked done in one commit, so a
            # crash later in this loop cannot send this report twice.
            transaction.commit()
            sent.append(f"{definition_id}@{day.isoformat()}")
        return {"sent": sent, "failed": failed}
