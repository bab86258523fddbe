"""Catalog indexers of the podnět."""

from plone import api
from plone.indexer import indexer
from urad.podnety.content.podnet import IPodnet
from urad.podnety.intake.attachments import get_text


def _contained_texts(podnet):
    for item in podnet.objectValues():
        text = get_text(item)
        if text:
            yield text


@indexer(IPodnet)
def searchable_text(obj):
    """Index the podnět's own fields and the text of the files filed with it."""
    parts = [
        obj.reference_number,
        obj.title,
        obj.text,
        obj.citizen_name,
        obj.citizen_email,
        obj.citizen_phone,
        obj.citizen_address,
        obj.resolution,
        obj.category,
    ]
    parts.extend(_contained_texts(obj))
    return " ".join(part.replace("\x00", "") for part in parts if part)


@indexer(IPodnet)
def citizen_email(obj):
    return (obj.citizen_email or "").strip().lower() or None


@indexer(IPodnet)
def assignee(obj):
    return obj.assignee or None


PHASE_DEADLINES = {
    "new": "deadline_accept",
    "assigned": "deadline_resolve",
    "resolved": "deadline_close",
}


def phase_deadline(podnet, state=None):
    """Return the deadline of the phase the podnět is in, or None when finished."""
    if state is None:
        state = api.content.get_state(podnet, default=None)
    field = PHASE_DEADLINES.get(state)
    return getattr(podnet, field, None) if field else None


@indexer(IPodnet)
def current_deadline(obj):
    return phase_deadline(obj)
