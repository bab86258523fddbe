"""Persistent records of PBX calls and the contact centre's call-back list.

Both live in annotations of the register folder, in OOBTrees keyed by the
PBX's call id and the caller's number. Concurrent hooks for different calls
add different keys, which the BTrees usually resolve without a
ConflictError. Two deliveries of one call conflict, so one of them is
retried and then finds the call recorded.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from datetime import UTC
from datetime import datetime
from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from urad.podnety.setuphandlers import get_register
from zope.annotation.interfaces import IAnnotations


CALLS_KEY = "urad.podnety.phone.calls"
CALLBACKS_KEY = "urad.podnety.phone.callbacks"
ACTIVE_KEY = "urad.podnety.phone.active_calls"
TIMES_KEY = "urad.podnety.phone.event_times"
MISSED_CAUSES = frozenset({"cancel", "noAnswer", "busy"})


def now_utc():
    return datetime.now(UTC)


def _tree(portal, key, factory=OOBTree):
    annotations = IAnnotations(get_register(portal))
    tree = annotations.get(key)
    if tree is None:
        tree = annotations[key] = factory()
    return tree


class Call(Persistent):
    """One call as the PBX's hooks described it."""

    # True when the hangup event carried the PBX's own duration.
    duration_reported = False

    def __init__(self, call_id):
        self.call_id = call_id
        self.created = now_utc()
        self.direction = ""
        self.caller_raw = ""
        self.called = ""
        self.extension = ""
        self.user = ""
        # event name -> {"time": PBX or arrival time, "arrived": arrival time}
        self.events = PersistentMapping()
        self.cause = ""
        self.duration = None
        self.ended = None
        # "open", "ended" or "stale" (no hangup arrived in time).
        self.state = "open"
        self.podnet_uid = ""
        self.recordings = PersistentList()
        self.recording_hashes = PersistentList()

    def has(self, event):
        return event in self.events

    def event_time(self, event):
        info = self.events.get(event)
        return info["time"] if info else None

    @property
    def answered(self):
        return "answer" in self.events

    @property
    def missed(self):
        """Tell whether an incoming call ended before anyone answered it."""
        return (
            self.direction == "in" and not self.answered and self.cause in MISSED_CAUSES
        )


def calls(portal):
    """Return the OOBTree of calls keyed by call id."""
    return _tree(portal, CALLS_KEY)


def get_call(portal, call_id, create=False):
    """Return the Call with `call_id`; create it when `create` is set."""
    tree = calls(portal)
    call = tree.get(call_id)
    if call is None and create:
        call = tree[call_id] = Call(call_id)
        _tree(portal, ACTIVE_KEY, OOTreeSet).add(call_id)
    return call


def _time_key(time):
    return time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def index_event(portal, call, event):
    """Index the time of `event` so calls can be found by period."""
    key = f"{_time_key(call.event_time(event))}|{call.call_id}"
    _tree(portal, TIMES_KEY)[key] = call.call_id


def calls_between(portal, start, end):
    """Return the calls that rang or were answered between `start` and `end`."""
    times = _tree(portal, TIMES_KEY)
    tree = calls(portal)
    call_ids = times.values(min=_time_key(start), max=_time_key(end), excludemax=True)
    return [tree[call_id] for call_id in dict.fromkeys(call_ids) if call_id in tree]


def active_calls(portal):
    """Return the calls that still wait for a hangup or a recording.

    The background job looks only at these, so its work does not grow with
    the years of finished calls kept in the store.
    """
    tree = calls(portal)
    return [
        tree[call_id]
        for call_id in _tree(portal, ACTIVE_KEY, OOTreeSet)
        if call_id in tree
    ]


def settle(portal, call):
    """Drop `call` from the active calls when nothing more is expected."""
    waiting_for_recording = (
        call.answered
        and not call.recording_hashes
        and not getattr(call, "recording_flagged", False)
    )
    if call.state == "open" or call.recordings or waiting_for_recording:
        return
    _tree(portal, ACTIVE_KEY, OOTreeSet).discard(call.call_id)


class CallbackEntry(Persistent):
    """A caller the contact centre should call back."""

    def __init__(self, key, number, hidden):
        self.key = key
        self.number = number
        self.hidden = hidden
        self.call_ids = PersistentList()
        self.first = None
        self.last = None
        self.done = None
        self.done_by = ""

    @property
    def attempts(self):
        return len(self.call_ids)


def callbacks(portal):
    """Return the OOBTree of call-back entries keyed by number."""
    return _tree(portal, CALLBACKS_KEY)


def add_missed_call(portal, call, caller):
    """Put the missed `call` on the call-back list and return the entry.

    Missed calls of one number add up in one entry until a clerk marks it
    done. A withheld number gets an entry per call: it is never merged.
    """
    key = caller.e164 if caller.matchable else f"call:{call.call_id}"
    tree = callbacks(portal)
    entry = tree.get(key)
    if entry is not None and entry.done:
        _archive(tree, key)
        entry = None
    if entry is None:
        entry = tree[key] = CallbackEntry(key, caller.e164 or caller.raw, caller.hidden)
    if call.call_id in entry.call_ids:
        return entry
    time = call.event_time("newCall") or call.event_time("hangup") or now_utc()
    entry.call_ids.append(call.call_id)
    entry.first = min(filter(None, (entry.first, time)))
    entry.last = max(filter(None, (entry.last, time)))
    return entry


def _archive(tree, key):
    """Move a done entry aside so a new missed call opens a fresh one."""
    entry = tree.pop(key)
    entry.key = f"{key}@{entry.done.isoformat()}"
    tree[entry.key] = entry


def remove_answered_call(portal, call, caller):
    """Take a call off the call-back list once an answer event arrived late."""
    key = caller.e164 if caller.matchable else f"call:{call.call_id}"
    tree = callbacks(portal)
    entry = tree.get(key)
    if entry is None or call.call_id not in entry.call_ids:
        return
    entry.call_ids.remove(call.call_id)
    if not entry.call_ids:
        del tree[key]


def mark_called_back(portal, key, user_id, when=None):
    """Mark the call-back entry `key` done; return it, or None if not found."""
    entry = callbacks(portal).get(key)
    if entry is None or entry.done:
        return entry
    entry.done = when or now_utc()
    entry.done_by = user_id
    return entry


def open_callbacks(portal):
    """Return the call-back entries not yet done, the oldest first."""
    entries = [entry for entry in callbacks(portal).values() if not entry.done]
    return sorted(entries, key=lambda entry: entry.first or now_utc())
