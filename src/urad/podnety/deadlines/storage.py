"""Deadline state kept on each podnět: legal extension and sent alerts."""

from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


KEY = "urad.podnety.deadlines"


def state(podnet, create=True):
    """Return the podnět's deadline state mapping (None if absent and not created).

    Keys: "basis" (the fields deadlines were computed from), "statutory_extension"
    (days added to the legal deadline) and "alerts" (alert key -> day sent).
    """
    annotations = IAnnotations(podnet)
    data = annotations.get(KEY)
    if data is None and create:
        data = annotations[KEY] = PersistentMapping()
        data["statutory_extension"] = 0
        data["alerts"] = PersistentMapping()
    return data


def statutory_extension(podnet):
    data = state(podnet, create=False)
    return data.get("statutory_extension", 0) if data else 0
