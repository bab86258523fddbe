"""Apply one PBX hook event (newCall, answer, hangup) to the call records.

Every event is idempotent per call id and event name: a repeated delivery
changes nothing and returns the same result, and events may arrive in any
order (a hangup or a recording before the answer).
"""

from datetime import UTC
from datetime import datetime
from urad.podnety.phone import calls as call_store
from urad.podnety.phone import recordings
from urad.podnety.phone.filing import apply_call_end
from urad.podnety.phone.filing import file_call
from urad.podnety.phone.numbers import extension_of
from urad.podnety.phone.numbers import normalize_number

import logging


logger = logging.getLogger(__name__)

EVENTS = ("newCall", "answer", "hangup")
CAUSES = (
    "normalClearing",
    "busy",
    "cancel",
    "noAnswer",
    "congestion",
    "notFound",
    "forwarded",
)
MAX_CALL_ID = 200


class InvalidEvent(ValueError):
    """Raised for a hook request that cannot be processed."""


def parse_event_time(value, arrived):
    """Return the PBX's event time (ISO 8601 or Unix seconds), else `arrived`."""
    value = (value or "").strip() if isinstance(value, str) else value
    if not value:
        return arrived
    try:
        if isinstance(value, (int, float)) or str(value).replace(".", "", 1).isdigit():
            return datetime.fromtimestamp(float(value), UTC)
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return arrived
    if parsed.tzinfo is None:
        return arrived
    return parsed.astimezone(UTC)


def _text(fields, name):
    value = fields.get(name, "")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value if item)
    return str(value or "").strip()


def valid_call_id(call_id):
    """Tell whether `call_id` may key a call (and name a recording file)."""
    return bool(call_id) and len(call_id) <= MAX_CALL_ID and "/" not in call_id


def validate(fields):
    """Return (event, call id) of a hook request or raise InvalidEvent."""
    event = _text(fields, "event")
    call_id = _text(fields, "callId")
    if event not in EVENTS:
        raise InvalidEvent(f"Unknown event {event!r}, expected one of {EVENTS}")
    if not valid_call_id(call_id):
        raise InvalidEvent("Missing or invalid callId")
    return event, call_id


def _remember(portal, call, event, fields, arrived):
    """Record the first delivery of `event` and fill details the call lacks."""
    first = not call.has(event)
    if first:
        call.events[event] = {
            "time": parse_event_time(fields.get("timestamp"), arrived),
            "arrived": arrived,
        }
        if event in ("newCall", "answer"):
            call_store.index_event(portal, call, event)
    _update(call, "direction", _text(fields, "direction") or call.direction or "in")
    _update(call, "caller_raw", call.caller_raw or _text(fields, "from"))
    _update(call, "called", call.called or _text(fields, "to"))
    if event == "answer" or not call.extension:
        extension = extension_of(_text(fields, "answeringNumber"))
        _update(call, "extension", extension or call.extension)
    # Bridges send several clerk names as a JSON list or as repeated user[].
    user = _text(fields, "user") or _text(fields, "user[]")
    if event == "answer" and user:
        _update(call, "user", user)
    return first


def _update(call, name, value):
    """Set an attribute of `call` only when it changes.

    Assigning an equal value still marks the Call as changed, so a repeated
    delivery would rewrite it and conflict with hooks of the same call.
    """
    if getattr(call, name) != value:
        setattr(call, name, value)


def _finish(call, fields):
    """Store cause, end time and duration from the hangup event."""
    call.cause = _text(fields, "cause") or "normalClearing"
    call.ended = call.event_time("hangup")
    call.state = "ended"
    duration = _text(fields, "duration")
    if duration.isdigit():
        call.duration = int(duration)
        call.duration_reported = True
    else:
        _recompute_duration(call)


def result_of(call, event, podnet=None, duplicate=False):
    """Return the result of a hook event as plain data.

    The podnět is given by its physical `path`, not its URL, because the
    event may be applied in another request's thread, and only the request
    that sent the event has its virtual host.
    """
    result = {"status": "ok", "event": event, "callId": call.call_id}
    result["duplicate"] = duplicate
    if podnet is not None:
        result["reference_number"] = podnet.reference_number
        result["path"] = "/".join(podnet.getPhysicalPath())
    return result


def handle_event(portal, fields, arrived=None):
    """Apply one hook event and return its result dict. The caller commits."""
    event, call_id = validate(fields)
    arrived = arrived or datetime.now(UTC)
    call = call_store.get_call(portal, call_id, create=True)
    first = _remember(portal, call, event, fields, arrived)
    caller = normalize_number(call.caller_raw)

    if event == "hangup" and first:
        _finish(call, fields)
        if call.missed:
            entry = call_store.add_missed_call(portal, call, caller)
            logger.info(
                "Call %s missed, call-back attempts %d", call_id, entry.attempts
            )
        elif call.direction == "out" and call.answered:
            # On an outgoing call the citizen is the called number.
            callee = normalize_number(call.called)
            if callee.matchable:
                done_by = call.user or call.extension or "pbx"
                call_store.mark_called_back(portal, callee.e164, done_by)

    podnet = recordings.podnet_of(call)
    if event == "answer" and call.direction == "in" and podnet is None:
        podnet, _created = file_call(portal, call)
        if call.cause in call_store.MISSED_CAUSES | {"noHangup"}:
            # A hangup or the stale-call job listed the call as missed first.
            call_store.remove_answered_call(portal, call, caller)
            call.cause = "normalClearing" if call.has("hangup") else ""
        if call.state == "stale" and not call.has("hangup"):
            call.state = "open"
        if not call.duration_reported:
            _recompute_duration(call)
        if podnet is not None:
            recordings.attach_pending(portal, call, podnet)
    if podnet is not None and call.has("hangup"):
        apply_call_end(podnet, call)

    logger.info(
        "PBX %s for call %s%s%s",
        event,
        call_id,
        "" if first else " (repeated)",
        f" -> {podnet.reference_number}" if podnet is not None else "",
    )
    return result_of(call, event, podnet, duplicate=not first)


def _recompute_duration(call):
    """Compute the talk time from the answer and hangup event times."""
    if call.has("hangup") and call.answered:
        talk = call.event_time("hangup") - call.event_time("answer")
        call.duration = max(0, int(talk.total_seconds()))
    else:
        call.duration = 0
