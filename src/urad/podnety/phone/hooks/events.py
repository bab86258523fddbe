"""Apply the call events of concurrent hook requests in shared transactions.

Every answer draws the next reference number, so call events that commit
separately would only conflict on the counter. Instead the requests of one
process queue their events, and the thread whose turn it is applies every
queued event in one transaction of its own ZODB connection and commits
once. Ten podněty filed in one commit also store the catalog buckets that
all of them changed once instead of ten times.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.phone.handling import InvalidEvent
from urad.podnety.phone.handling import handle_event
from urad.podnety.phone.handling import validate
from urad.podnety.phone.hooks.groupcommit import GroupCommit
from ZODB.POSException import ConflictError

import logging
import transaction


logger = logging.getLogger(__name__)

# Attempts to commit one batch before every request in it gets a 503.
# Conflicts come from other instances of a cluster filing at the same time.
COMMIT_ATTEMPTS = 12
# A batch's commit, and its retry after a conflict, grow with its size, so
# the events beyond this wait for the next batch.
MAX_BATCH = 20

OK = 200
INVALID = 400
FAILED = 500
BUSY = 503


@dataclass(eq=False)
class HookEvent:
    """One request's call event with its outcome, as plain data only.

    A batch is applied in another request's thread and connection, so the
    event carries no persistent objects in or out: `result` is the JSON
    result of `handle_event` with the podnět's physical path, not its URL.
    """

    fields: dict
    arrived: datetime
    status: int = FAILED
    result: dict = field(default_factory=dict)
    error: str = "internal error"
    done: bool = False


_queue = GroupCommit(MAX_BATCH)


def queue_key(portal):
    """Return the key of the batches `portal`'s events may join."""
    return (portal._p_jar.db(), portal.getPhysicalPath())


def submit(portal, event):
    """Apply `event` in the next batch of `portal`'s events and return it.

    Returns once the batch that contains `event` has committed or failed,
    with `event.status` set. The calling thread may apply that batch itself,
    in its own transaction, which it begins afresh.
    """
    _queue.submit(queue_key(portal), event, lambda batch: apply_batch(portal, batch))
    return event


def pending(portal):
    """Return how many events of `portal` wait for the next batch."""
    return _queue.pending(queue_key(portal))


def apply_batch(portal, batch):
    """Apply `batch` in one transaction and commit, retrying conflicts.

    An invalid event gets its error before anything runs. An event that fails
    while it is applied gets its error, and the batch is aborted and applied
    again without it, so the others are still committed. A conflict reruns
    the whole batch. Savepoints would isolate a failing event without the
    rerun, but each one stores every object changed since the last, and in
    a batch of ten answers that took about a third of the CPU time.
    """
    todo = []
    for event in batch:
        try:
            validate(event.fields)
        except InvalidEvent as error:
            event.status, event.error = INVALID, str(error)
        else:
            todo.append(event)
    while todo:
        # Start from a snapshot that includes what the previous batch committed.
        transaction.abort()
        try:
            results = commit_with_retry(
                lambda todo=todo: [_apply(portal, event) for event in todo],
                attempts=COMMIT_ATTEMPTS,
                note=f"pbx-hook: {len(todo)} call events",
            )
        except EventFailed as failure:
            transaction.abort()
            failure.event.status, failure.event.error = failure.status, failure.error
            todo = [event for event in todo if event is not failure.event]
            continue
        except ConflictError:
            transaction.abort()
            logger.exception("PBX events of calls %s kept conflicting", _ids(todo))
            _fail(todo, BUSY, "busy, retry")
            return
        except Exception:
            transaction.abort()
            logger.exception("PBX events of calls %s failed", _ids(todo))
            _fail(todo, FAILED, "internal error")
            return
        for event, result in zip(todo, results, strict=True):
            event.status, event.result, event.error = OK, result, ""
        return


class EventFailed(Exception):
    """Raised when one event of a batch fails, to apply the batch without it."""

    def __init__(self, event, status, error):
        super().__init__(error)
        self.event = event
        self.status = status
        self.error = error


def _apply(portal, event):
    try:
        return handle_event(portal, event.fields, event.arrived)
    except ConflictError:
        raise
    except InvalidEvent as error:
        raise EventFailed(event, INVALID, str(error)) from error
    except Exception as error:
        logger.exception(
            "PBX %s for call %s failed",
            event.fields.get("event"),
            event.fields.get("callId"),
        )
        raise EventFailed(event, FAILED, "internal error") from error


def _fail(events, status, error):
    for event in events:
        event.status, event.error = status, error


def _ids(events):
    return ", ".join(str(event.fields.get("callId")) for event in events)
