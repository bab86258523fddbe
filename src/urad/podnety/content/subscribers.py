"""Keep podněty created by hand or through REST in line with channel intake."""

from datetime import datetime
from urad.podnety.content.history import record
from urad.podnety.content.naming import NUMBERED_FLAG
from urad.podnety.content.naming import ensure_reference_number
from urad.podnety.dates import PRAGUE
from urad.podnety.dates import as_prague
from zope.lifecycleevent.interfaces import IAttributes

import logging


logger = logging.getLogger(__name__)


def podnet_added(podnet, event):
    """Number a podnět the intake pipeline did not file, and fix its time zone."""
    received = getattr(podnet, "received", None)
    if received is None:
        podnet.received = datetime.now(PRAGUE)
    else:
        # A time without zone is wall-clock time of the office.
        podnet.received = as_prague(received)
    if not getattr(podnet, NUMBERED_FLAG, False):
        ensure_reference_number(podnet, podnet.__parent__)
        logger.info("%s filed by hand", podnet.reference_number)
        podnet.reindexObject()


def podnet_modified(podnet, event):
    """Record the fields an edit form or a REST PATCH changed, with the actor.

    Only events that name the changed attributes are recorded. The podnět
    page records its own quick edits and sends an event without names, so
    its changes are recorded once.
    """
    names = []
    for description in event.descriptions:
        if not IAttributes.providedBy(description):
            continue
        for name in description.attributes:
            name = name.rsplit(".", 1)[-1]
            if name not in names:
                names.append(name)
    if not names:
        return
    record(podnet, "details", fields=", ".join(names))
    logger.info("%s fields changed: %s", podnet.reference_number, ", ".join(names))
