"""Upgrade 1003: give a time zone back to `received` values the edit form stripped.

Before the Prague datetime field, saving a podnět through the standard edit
form stored `received` as a naive datetime holding the Prague wall-clock time
the clerk saw. Pages then read it as UTC, an hour or two late, and deadlines
counted from it. Those values are read as Prague time here and stored aware.
"""

from plone import api
from urad.podnety.dates import as_prague

import logging
import transaction


logger = logging.getLogger(__name__)

SAVEPOINT_EVERY = 1000


def fix_naive_received(setup_tool=None):
    """Store each naive `received` as the Prague time it meant; return the count."""
    catalog = api.portal.get_tool("portal_catalog")
    fixed = 0
    for number, brain in enumerate(
        catalog.unrestrictedSearchResults(portal_type="Podnet"), start=1
    ):
        podnet = brain._unrestrictedGetObject()
        received = getattr(podnet, "received", None)
        if received is not None and received.tzinfo is None:
            podnet.received = as_prague(received)
            podnet.reindexObject()
            fixed += 1
            logger.info(
                "%s: received %s read as Prague time",
                podnet.reference_number,
                received.isoformat(),
            )
        if number % SAVEPOINT_EVERY == 0:
            # Lets the ZODB cache drop the podněty already looked at.
            transaction.savepoint(optimistic=True)
            podnet._p_jar.cacheGC()
    logger.info("Gave %d received times their Prague time zone", fixed)
    return fixed
