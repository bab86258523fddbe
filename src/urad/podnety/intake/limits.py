"""Maximum lengths of a podnět's fields, shared by every intake channel.

The web form rejects longer values with a message that states the limit.
Other channels cannot ask the sender again, so the pipeline shortens or
clears a value over its limit and keeps the full value in the podnět's text.
"""

from dataclasses import replace
from plone import api
from urad.podnety import _
from urad.podnety.intake.submission import Submission
from zope.i18n import translate


# Maximum lengths in characters. 254 is the longest address SMTP can carry
# (RFC 5321 path limit less the angle brackets). 40 covers an international
# number with spaces and an extension.
MAX_LENGTHS = {
    "title": 200,
    "citizen_name": 200,
    "citizen_email": 254,
    "citizen_phone": 40,
    "citizen_address": 500,
    "text": 20_000,
}
# Fields a webmaster adds to the form beyond the mapped ones.
MAX_LINE_LENGTH = 200
MAX_TEXT_LENGTH = 20_000

# Values a channel may shorten (with an ellipsis) instead of clearing.
SHORTENED = ("title", "citizen_name", "citizen_address")

LABELS = {
    "title": _("Subject"),
    "citizen_name": _("Name and surname"),
    "citizen_email": _("E-mail"),
    "citizen_phone": _("Phone"),
    "citizen_address": _("Postal address"),
}


def shorten(value: str, limit: int) -> str:
    """Return `value` cut to `limit` characters, ending with an ellipsis."""
    if len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "…"


def fit_submission(submission: Submission, language: str | None = None) -> Submission:
    """Return `submission` with every field within ``MAX_LENGTHS``.

    A shortened or cleared value is appended in full to the text under its
    label, so no input is lost. The text itself is never cut, because it is
    the record of what the citizen sent. The labels are in `language`, by
    default the site's language.
    """
    changes = {}
    moved_values = []
    for name, label in LABELS.items():
        value = getattr(submission, name) or ""
        if len(value) <= MAX_LENGTHS[name]:
            continue
        changes[name] = shorten(value, MAX_LENGTHS[name]) if name in SHORTENED else ""
        moved_values.append((label, value))
    if not changes:
        return submission
    language = language or api.portal.get_default_language() or "cs"
    heading = translate(
        _("Values too long for their fields, in full:"), target_language=language
    )
    lines = [
        f"{translate(label, target_language=language)}: {value}"
        for label, value in moved_values
    ]
    text = "\n".join([heading, *lines])
    if submission.text:
        text = f"{submission.text}\n\n---\n{text}"
    return replace(submission, text=text, **changes)
