"""File a podnět for an answered call and keep the call's details on it."""

from datetime import datetime
from plone import api
from urad.podnety import _
from urad.podnety.intake import Submission
from urad.podnety.intake import file_submission
from urad.podnety.phone.clerks import user_for_extension
from urad.podnety.phone.numbers import lookup_spellings
from urad.podnety.phone.numbers import normalize_number
from zoneinfo import ZoneInfo
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)

PRAGUE = ZoneInfo("Europe/Prague")
RELATED_LIMIT = 20


def source_key(call_id):
    return f"phone:{call_id}"


def _translate(message):
    language = api.portal.get_default_language() or "cs"
    return translate(message, target_language=language.split("-")[0])


def earlier_podnety(portal, caller, exclude_uid=""):
    """Return [{"uid", "reference_number"}] of earlier podněty of `caller`.

    A withheld or invalid number never matches anything.
    """
    if not caller.matchable:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Podnet",
        citizen_phone=lookup_spellings(caller.e164),
        sort_on="received",
        sort_order="descending",
    )
    related = []
    for brain in brains[: RELATED_LIMIT + 1]:
        if brain.UID == exclude_uid:
            continue
        related.append(
            {"uid": brain.UID, "reference_number": brain.reference_number or ""}
        )
    return related[:RELATED_LIMIT]


def call_info(call, caller):
    """Return the intake_info entries describing `call`."""
    return {
        "call_id": call.call_id,
        "caller_raw": caller.raw,
        "caller_hidden": caller.hidden,
        "caller_invalid": caller.invalid,
        "called": call.called,
        "extension": call.extension,
        "answered_by": call.user,
        "answered_at": call.event_time("answer").isoformat(),
        "recording": "pending",
    }


def local_time(value):
    """Format an ISO 8601 time or datetime as Prague local time, or ""."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    local = value.astimezone(PRAGUE)
    return f"{local.day}. {local.month}. {local.year} {local.hour}:{local.minute:02d}"


def file_call(portal, call):
    """File the podnět of an answered call; return (podnět, created)."""
    caller = normalize_number(call.caller_raw)
    answered = call.event_time("answer")
    assignee = user_for_extension(call.extension)
    title = _translate(
        _("Phone call on ${date}", mapping={"date": local_time(answered)})
    )

    attention = ""
    if not assignee:
        attention = _translate(
            _(
                "The answering extension ${extension} is not mapped to a clerk.",
                mapping={"extension": call.extension or "?"},
            )
        )
    submission = Submission(
        channel="phone",
        source_key=source_key(call.call_id),
        received=answered,
        title=title,
        citizen_phone=caller.e164,
        assignee=assignee,
        intake_info={
            "phone": call_info(call, caller),
            "related": earlier_podnety(portal, caller),
        },
        attention=attention,
    )

    podnet, created = file_submission(portal, submission)
    if podnet is not None:
        call.podnet_uid = podnet.UID()
    return podnet, created


def update_phone_info(podnet, **values):
    """Merge `values` into the podnět's phone intake details."""
    info = dict(podnet.intake_info or {})
    phone = dict(info.get("phone") or {})
    if all(phone.get(name) == value for name, value in values.items()):
        # A repeated hook must not rewrite the podnět.
        return
    phone.update(values)
    info["phone"] = phone
    podnet.intake_info = info


def add_attention(podnet, message):
    """Append a translated reason for a clerk to look at the podnět."""
    text = _translate(message)
    current = podnet.attention or ""
    if text in current:
        return
    podnet.attention = f"{current}\n{text}".strip()
    podnet.reindexObject()


def remove_attention(podnet, message):
    """Remove a reason added by add_attention once it no longer applies."""
    text = _translate(message)
    current = podnet.attention or ""
    if text not in current:
        return
    remaining = "\n".join(line for line in current.splitlines() if line != text)
    podnet.attention = remaining.strip() or None
    podnet.reindexObject()


def apply_call_end(podnet, call):
    """Store the end time, duration and cause of `call` on its podnět."""
    update_phone_info(
        podnet,
        ended_at=call.ended.isoformat() if call.ended else "",
        duration=call.duration,
        cause=call.cause,
        state=call.state,
    )
