"""Keep podněty created by hand or through REST in line with channel intake."""

from datetime import datetime
from urad.podnety.content.naming import NUMBERED_FLAG
from urad.podnety.content.naming import ensure_reference_number
from urad.podnety.dates import PRAGUE
from urad.podnety.dates import to_prague

import logging


logger = logging.getLogger(__name__)


def podnet_added(podnet, event):
    """Number a podnět the intake pipeline did not file, and fix its time zone."""
    received = getattr(podnet, "received", None)
    if received is None:
        podnet.received = datetime.now(PRAGUE)
    elif received.tzinfo is None:
        # Forms and REST clients send wall-clock time of the office.
        podnet.received = PRAGUE.localize(received)
    else:
        podnet.received = to_prague(received)
    if not getattr(podnet, NUMBERED_FLAG, False):
        ensure_reference_number(podnet, podnet.__parent__)
        logger.info("%s filed by hand", podnet.reference_number)
        podnet.reindexObject()
