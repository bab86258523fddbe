"""The podnět's history: workflow steps plus events the add-on records."""

from datetime import UTC
from datetime import datetime
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations


HISTORY_KEY = "urad.podnety.history"


def record(podnet, action, actor=None, comment="", **details):
    """Append an event (mail sent, deadline changed, ...) to the history."""
    annotations = IAnnotations(podnet)
    entries = annotations.get(HISTORY_KEY)
    if entries is None:
        entries = annotations[HISTORY_KEY] = PersistentList()
    if actor is None:
        user = api.user.get_current()
        actor = user.getId() if user is not None else None
    entries.append(
        {
            "time": datetime.now(UTC),
            "action": action,
            "actor": actor or "",
            "comment": comment or "",
            "details": dict(details),
        }
    )


def recorded(podnet):
    """Return the recorded events, oldest first."""
    return list(IAnnotations(podnet).get(HISTORY_KEY, ()))


def workflow_steps(podnet):
    """Return the workflow history as plain dicts, oldest first."""
    workflow_history = getattr(podnet, "workflow_history", {}) or {}
    steps = []
    for entries in workflow_history.values():
        for entry in entries:
            when = entry.get("time")
            steps.append(
                {
                    "time": when.asdatetime() if hasattr(when, "asdatetime") else when,
                    "action": entry.get("action") or "create",
                    "actor": entry.get("actor") or "",
                    "comment": entry.get("comments") or "",
                    "state": entry.get("review_state"),
                    "details": {
                        key: entry[key]
                        for key in ("assignee", "previous_assignee")
                        if key in entry
                    },
                }
            )
    return steps


def full_history(podnet):
    """Return workflow steps and recorded events merged in time order."""
    entries = workflow_steps(podnet) + recorded(podnet)
    return sorted(entries, key=lambda entry: entry["time"])
