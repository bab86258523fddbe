"""Turn the data of a submitted EasyForm into an intake Submission."""

from datetime import date
from datetime import datetime
from urad.podnety.intake.limits import MAX_LENGTHS
from urad.podnety.intake.submission import Submission

import hashlib
import json


# Podnět fields a form field can be mapped to, in the order the action's
# edit form shows them, with the action attribute that stores the form field id.
MAPPED_FIELDS = (
    ("title", "title_field"),
    ("text", "text_field"),
    ("citizen_name", "name_field"),
    ("citizen_email", "email_field"),
    ("citizen_phone", "phone_field"),
    ("citizen_address", "address_field"),
    ("wants_updates", "wants_updates_field"),
    ("kind", "kind_field"),
    ("category", "category_field"),
)
SINGLE_LINE_FIELDS = ("title", "citizen_name", "citizen_email", "citizen_phone")
KINDS = ("podnet", "stiznost", "informace", "petice", "jine")
MAX_TITLE_LENGTH = MAX_LENGTHS["title"]


def single_line(value):
    """Return `value` on one line: CR, LF and other breaks become spaces."""
    return " ".join(str(value or "").split())


def value_as_text(value, yes="yes", no="no"):
    """Return a form value as readable plain text (never markup)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(value_as_text(item, yes, no) for item in value)
    return str(value)


def make_title(subject, text, fallback):
    """Return the podnět title: the subject, else the start of the text."""
    title = single_line(subject) or single_line(text)
    if len(title) > MAX_TITLE_LENGTH:
        title = title[: MAX_TITLE_LENGTH - 1].rstrip() + "…"
    return title or fallback


def make_source_key(form_uid, day, data, attachments):
    """Return ``web:<sha256>`` of the form, the day, the values and the files.

    Sending the same content again on the same day (a double click, a reload
    of the POST) files nothing new.
    """
    payload = {
        "form": form_uid,
        "day": day.isoformat(),
        "data": {key: value_as_text(value) for key, value in sorted(data.items())},
        "files": sorted(hashlib.sha256(a.data).hexdigest() for a in attachments),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return "web:" + hashlib.sha256(encoded).hexdigest()


def build_submission(
    data,
    mapping,
    labels,
    attachments,
    received,
    form_uid,
    skip=(),
    fallback_title="",
    yes="yes",
    no="no",
):
    """Return the Submission for one form post.

    `data` maps form field ids to values, `mapping` maps podnět field names to
    form field ids and `labels` maps form field ids to their labels. Values of
    unmapped fields, except those in `skip`, are appended to the text under
    their labels so a field a webmaster adds is never lost.
    """
    values = {}
    for podnet_field, form_field in mapping.items():
        if form_field and form_field in data:
            values[podnet_field] = data[form_field]
    for name in SINGLE_LINE_FIELDS:
        if name in values:
            values[name] = single_line(values[name])
    text = str(values.get("text") or "").replace("\r\n", "\n").strip()

    mapped = set(mapping.values())
    extra = {}
    for field_id, value in data.items():
        if field_id in mapped or field_id in skip or value in (None, ""):
            continue
        extra[labels.get(field_id, field_id)] = value_as_text(value, yes, no)
    if extra:
        lines = "\n".join(f"{label}: {value}" for label, value in extra.items())
        text = f"{text}\n\n{lines}" if text else lines

    kind = values.get("kind")
    kind = kind if kind in KINDS else "podnet"
    payload = {key: value for key, value in data.items() if key not in skip}
    return Submission(
        channel="web",
        source_key=make_source_key(form_uid, received.date(), payload, attachments),
        received=received,
        title=make_title(values.get("title"), text, fallback_title),
        text=text,
        citizen_name=values.get("citizen_name", ""),
        citizen_email=values.get("citizen_email", "").lower(),
        citizen_phone=values.get("citizen_phone", ""),
        citizen_address=str(values.get("citizen_address") or "").strip(),
        wants_updates=bool(values.get("wants_updates")),
        kind=kind,
        category=single_line(values.get("category", "")),
        attachments=list(attachments),
        intake_info={"form": form_uid, "form_fields": extra},
    )
