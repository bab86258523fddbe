"""Remember what the e-mail intake processed, and show its health to clerks.

Per IMAP folder the state keeps the UIDVALIDITY and, per UID, the source key
of a message that is filed but not yet moved, plus failed attempts. A UID is
only trusted together with its folder's UIDVALIDITY and the message's source
key, so a mailbox rebuilt on the server cannot make the intake skip new mail.
"""

from BTrees.OOBTree import OOBTree
from datetime import UTC
from datetime import datetime
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


STATE_KEY = "urad.podnety.email.state"
# Failures kept for the control panel, newest last.
MAX_FAILURES = 50
# Maximum pause, in seconds, before reading a source that keeps failing.
MAX_BACKOFF = 900


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _root(portal):
    annotations = IAnnotations(portal)
    state = annotations.get(STATE_KEY)
    if state is None:
        state = annotations[STATE_KEY] = PersistentMapping()
        state["sources"] = OOBTree()
        state["syncs"] = PersistentMapping()
        state["failures"] = PersistentList()
    return state


def source_state(portal, source_id: str, validity: str = "") -> PersistentMapping:
    """Return the state of one source (``imap:user@host/INBOX``, ``maildir:path``).

    A changed ``validity`` (IMAP UIDVALIDITY) drops the UID records, because
    the server reuses those numbers for other messages.
    """
    sources = _root(portal)["sources"]
    state = sources.get(source_id)
    if state is None or state.get("validity") != validity:
        state = PersistentMapping(
            validity=validity, filed=OOBTree(), attempts=OOBTree()
        )
        sources[source_id] = state
    return state


def mark_filed(state, item_id, key: str):
    """Record that a message is filed, so a later run only has to move it."""
    state["filed"][item_id] = key
    state["attempts"].pop(item_id, None)


def known_items(state) -> set:
    """Return the ids of messages the state has records of."""
    return set(state["filed"].keys()) | set(state["attempts"].keys())


def filed_key(state, item_id) -> str | None:
    return state["filed"].get(item_id)


def forget(state, item_id):
    """Drop the records of a message that left the folder."""
    state["filed"].pop(item_id, None)
    state["attempts"].pop(item_id, None)


def count_attempt(state, item_id, key: str, error: str) -> int:
    """Count one failed attempt to file a message and return the total."""
    count, last_key = 0, None
    previous = state["attempts"].get(item_id)
    if previous is not None:
        count, last_key = previous["count"], previous["key"]
    count = count + 1 if last_key in (None, key) else 1
    state["attempts"][item_id] = {"key": key, "count": count, "error": error[:500]}
    return count


def record_sync(portal, source_id: str, summary: dict):
    """Store the time and summary of a successful run of one source."""
    _root(portal)["syncs"][source_id] = {"time": _now(), **summary}


def record_failure(portal, source_id: str, message_id: str, reason: str):
    """Keep a failure for the control panel; no personal data, only ids.

    A failure that repeats the previous one (a server that stays unreachable)
    only updates its time and count, so it cannot push the others out.
    """
    failures = _root(portal)["failures"]
    entry = {
        "time": _now(),
        "source": source_id,
        "message_id": message_id[:200],
        "reason": reason[:500],
        "count": 1,
    }
    if failures:
        last = failures[-1]
        same = ("source", "message_id", "reason")
        if all(last.get(name) == entry[name] for name in same):
            entry["count"] = last.get("count", 1) + 1
            failures[-1] = entry
            return
    failures.append(entry)
    del failures[:-MAX_FAILURES]


def backoff_until(portal, source_id: str) -> float:
    """Return the time (epoch seconds) before which a failing source rests."""
    entry = _root(portal).get("backoff", {}).get(source_id)
    return entry["until"] if entry else 0.0


def note_source_failure(portal, source_id: str, now: float) -> float:
    """Count a failed read of a whole source and return when to try again.

    The pause doubles from one minute up to ``MAX_BACKOFF``, so an
    unreachable server is not hit every minute, while the first failure
    waits for the next clock tick only.
    """
    backoff = _root(portal).setdefault("backoff", PersistentMapping())
    failures = backoff.get(source_id, {}).get("failures", 0) + 1
    delay = min(60 * (2 ** (failures - 1) - 1), MAX_BACKOFF)
    until = now + delay - 5 if delay else 0.0
    backoff[source_id] = {"failures": failures, "until": until}
    return until


def clear_backoff(portal, source_id: str | None = None):
    """Let a source (or every source) be read on the next run again."""
    backoff = _root(portal).get("backoff")
    if not backoff:
        return
    if source_id is None:
        backoff.clear()
    else:
        backoff.pop(source_id, None)


def status(portal) -> dict:
    """Return the last syncs and recent failures for display."""
    state = IAnnotations(portal).get(STATE_KEY)
    if state is None:
        return {"syncs": {}, "failures": []}
    return {
        "syncs": dict(state["syncs"]),
        "failures": list(reversed(state["failures"])),
    }
