"""The parts of a podnět shown to its logged-in citizen, and nothing more."""

from plone import api
from urad.podnety import _
from urad.podnety.notifications import defaults
from urad.podnety.notifications.settings import site_language
from urad.podnety.notifications.values import format_date
from urad.podnety.portal.status.access import is_citizen_file
from urad.podnety.workflow import config
from zope.i18n import translate


# Steps shown to citizens, by transition id; other transitions stay internal.
STEP_TITLES = {
    config.ACCEPT: _("Passed to the responsible official"),
    config.FORWARD: _("Passed on to another official"),
    config.RESOLVE: _("Reply sent"),
    config.CLOSE: _("Closed"),
    config.REJECT: _("Not taken further"),
    config.REOPEN: _("Reopened and handled again"),
}
ANSWERED_STATES = frozenset({config.STATE_RESOLVED, config.STATE_CLOSED})


def _translate(message) -> str:
    return translate(message, target_language=site_language())


def _steps(podnet) -> list[dict]:
    steps = [{"date": format_date(podnet.received), "title": _translate(_("Received"))}]
    history = (getattr(podnet, "workflow_history", {}) or {}).get(config.WORKFLOW_ID)
    for entry in history or ():
        title = STEP_TITLES.get(entry.get("action"))
        if title is not None:
            steps.append(
                {"date": format_date(entry.get("time")), "title": _translate(title)}
            )
    return steps


def _reason(podnet) -> str:
    """Return the reason of the last rejection, which the citizen was mailed."""
    history = (getattr(podnet, "workflow_history", {}) or {}).get(config.WORKFLOW_ID)
    for entry in reversed(history or ()):
        if entry.get("action") == config.REJECT:
            return (entry.get("comments") or "").strip()
    return ""


def _size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def citizen_files(podnet) -> list:
    """Return the files filed with the submission, in their stored order."""
    return [item for item in podnet.objectValues() if is_citizen_file(item)]


def summarize(podnet, base_url: str) -> dict:
    """Return the values of the status page for a logged-in citizen."""
    state = api.content.get_state(podnet, default="")
    state_title = defaults.STATE_TITLES.get(state)
    channel_title = defaults.CHANNEL_TITLES.get(podnet.channel)
    files = []
    for item in citizen_files(podnet):
        blob = getattr(item, "file", None)
        files.append(
            {
                "url": f"{base_url}/soubor/{item.getId()}",
                "name": getattr(blob, "filename", None) or item.getId(),
                "size": _size_text(getattr(blob, "size", 0) or 0),
            }
        )
    return {
        "reference_number": podnet.reference_number,
        "subject": podnet.title,
        "received": format_date(podnet.received),
        "channel": _translate(channel_title) if channel_title else podnet.channel,
        "state": _translate(state_title) if state_title else state,
        "steps": _steps(podnet),
        "resolution": (podnet.resolution or "").strip()
        if state in ANSWERED_STATES
        else "",
        "reason": _reason(podnet) if state == config.STATE_REJECTED else "",
        "text": podnet.text or "",
        "files": files,
    }
