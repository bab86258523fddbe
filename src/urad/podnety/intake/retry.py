"""Commit a unit of intake work, retrying when another writer conflicts."""

from ZODB.POSException import ConflictError

import logging
import random
import time
import transaction


logger = logging.getLogger(__name__)


def commit_with_retry(work, attempts=5, note=""):
    """Run `work()` and commit; on ConflictError abort, wait and run it again.

    Returns what the last run of `work` returned. The last ConflictError is
    re-raised when every attempt conflicted.
    """
    for attempt in range(1, attempts + 1):
        try:
            result = work()
            if note:
                transaction.get().note(note)
            transaction.commit()
            return result
        except ConflictError:
            transaction.abort()
            if attempt == attempts:
                raise
            delay = random.uniform(0.05, 0.2) * attempt
            logger.info("Conflict on attempt %s, retrying in %.2fs", attempt, delay)
            time.sleep(delay)
