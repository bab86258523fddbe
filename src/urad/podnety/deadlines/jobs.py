"""The daily deadline alerts as a background job."""

from datetime import timedelta
from persistent.mapping import PersistentMapping
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.alerts import send_alerts
from urad.podnety.deadlines.calendar import local_date
from urad.podnety.deadlines.schedule import Schedule
from zope.annotation.interfaces import IAnnotations


STATE_KEY = "urad.podnety.deadlines.alerts-job"


def job_state(portal):
    annotations = IAnnotations(portal)
    if STATE_KEY not in annotations:
        annotations[STATE_KEY] = PersistentMapping()
    return annotations[STATE_KEY]


class DeadlineAlertsJob:
    """Send the day's deadline alerts once a day at the configured hour."""

    title = "Deadline reminders and overdue notices"
    # The job checks often and sends only when the day's hour has come.
    interval = 300

    def run(self, portal):
        enabled, reminder_days, hour, group_id = settings.alert_settings()
        if not enabled:
            return {"sent": False, "reason": "alerts are switched off"}
        now = settings.now()
        state = job_state(portal)
        last_day = state.get("last_day")
        if last_day is None:
            last_day = local_date(now) - timedelta(days=1)
        due = Schedule("daily", hour=hour).due_days(last_day, now)
        if not due:
            return {"sent": False}
        # Alerts missed during downtime are not lost: each podnět remembers
        # which alerts it got, so one run for the latest day sends them all.
        summary = send_alerts(due[-1], reminder_days, group_id)
        state["last_day"] = due[-1]
        summary["sent"] = True
        summary["missed_days"] = len(due) - 1
        return summary
