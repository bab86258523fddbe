"""The site's list of recent deadline extensions, for supervisors."""

from datetime import UTC
from datetime import datetime
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations


KEY = "urad.podnety.deadline-extensions"
# Older entries stay in each podnět's history; the list is for a quick look.
KEEP = 500


def log_extension(podnet, reason, details):
    portal = api.portal.get()
    annotations = IAnnotations(portal)
    entries = annotations.get(KEY)
    if entries is None:
        entries = annotations[KEY] = PersistentList()
    user = api.user.get_current()
    entries.append(
        {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "reference_number": podnet.reference_number,
            "uid": podnet.UID(),
            "actor": user.getId() if user is not None else "",
            "reason": reason,
            **details,
        }
    )
    del entries[:-KEEP]


def recent_extensions(limit=50):
    """Return the latest extensions, newest first."""
    entries = IAnnotations(api.portal.get()).get(KEY, ())
    return list(reversed(entries[-limit:]))
