"""File one raw message: a new podnět, a reply to an existing one, or a duplicate."""

from dataclasses import dataclass
from plone import api
from urad.podnety.content.history import record
from urad.podnety.content.history import recorded
from urad.podnety.intake import file_submission
from urad.podnety.intake.email.parser import parse_message
from urad.podnety.intake.email.replies import already_filed
from urad.podnety.intake.email.replies import attach_reply
from urad.podnety.intake.email.replies import find_replied_podnet
from urad.podnety.intake.email.settings import get_settings


@dataclass
class Outcome:
    """The result of filing one message."""

    reference: str
    # "filed" (new podnět), "reply" (attached), or "duplicate" (seen before).
    action: str
    source_key: str


def site_language() -> str:
    """Return the site's language, in which notes for clerks are written."""
    return api.portal.get_default_language() or "cs"


def parse_for_portal(raw: bytes, delivered, source_info: dict):
    """Parse a message with the site's settings and note where it came from."""
    settings = get_settings()
    language = site_language()
    submission = parse_message(
        raw,
        delivered,
        internal_domains=tuple(settings.internal_domains or ()),
        max_size=(settings.max_message_mb or 0) * 1_048_576,
        language=language,
    )
    submission.intake_info["source"] = dict(source_info)
    return submission, language


def file_parsed(portal, submission, language: str) -> Outcome:
    """File a parsed submission; the caller commits."""
    key = submission.source_key
    earlier = already_filed(portal, submission)
    if earlier is None and not submission.intake_info.get("forwarded_by"):
        replied_to = find_replied_podnet(submission)
        if replied_to is not None:
            added = attach_reply(replied_to, submission, language)
            return Outcome(
                replied_to.reference_number, "reply" if added else "duplicate", key
            )
    podnet, created = file_submission(portal, submission)
    reference = podnet.reference_number if podnet is not None else ""
    if podnet is not None and not created:
        note_duplicate(podnet, submission)
    return Outcome(reference, "filed" if created else "duplicate", key)


def delivery_id(source_info: dict) -> str:
    """Return a text naming one delivery: its mailbox and UID, or its Maildir file."""
    if source_info.get("kind") == "imap":
        parts = ("account", "folder", "uidvalidity", "uid")
    else:
        parts = ("path", "file")
    values = [str(source_info.get(part, "")) for part in parts]
    return f"{source_info.get('kind', '')}:{'/'.join(values)}"


def note_duplicate(podnet, submission):
    """Note a second delivery of a filed message in the podnět's history, once."""
    delivery = delivery_id(submission.intake_info.get("source") or {})
    for entry in recorded(podnet):
        if entry["action"] == "duplicate-email":
            if entry["details"].get("delivery") == delivery:
                return
    record(podnet, "duplicate-email", actor="", delivery=delivery)
