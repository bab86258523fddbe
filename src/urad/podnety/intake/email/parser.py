"""Turn one raw e-mail message into a Submission for the intake pipeline.

``parse_message`` catches every error of the parser. A message it cannot read
still becomes a submission carrying the raw original and a note for the clerk.
"""

from datetime import UTC
from datetime import datetime
from email import message_from_bytes
from email.parser import BytesHeaderParser
from email.policy import compat32
from urad.podnety import _
from urad.podnety.intake import Attachment
from urad.podnety.intake import Submission
from urad.podnety.intake.email.charsets import UNRELIABLE_LABELS
from urad.podnety.intake.email.charsets import decode_bytes
from urad.podnety.intake.email.charsets import normalise_charset
from urad.podnety.intake.email.citizens import choose_citizen
from urad.podnety.intake.email.citizens import find_forward
from urad.podnety.intake.email.headers import addresses
from urad.podnety.intake.email.headers import auto_generated_reason
from urad.podnety.intake.email.headers import first_address
from urad.podnety.intake.email.headers import header_text
from urad.podnety.intake.email.headers import parse_date
from urad.podnety.intake.email.headers import strip_reply_prefixes
from urad.podnety.intake.email.identity import message_id
from urad.podnety.intake.email.identity import source_key
from urad.podnety.intake.email.identity import split_raw
from urad.podnety.intake.email.mimewalk import Budget
from urad.podnety.intake.email.mimewalk import Content
from urad.podnety.intake.email.mimewalk import ParseTimeout
from urad.podnety.intake.email.mimewalk import Walker
from zope.i18n import translate

import logging
import re


logger = logging.getLogger(__name__)

# Wall-clock seconds one message may take to parse before it is registered
# unparsed. Ordinary messages parse in milliseconds.
PARSE_SECONDS = 10.0
ORIGINAL_FILENAME = "zprava.eml"
REFERENCE = re.compile(r"\bPDN-\d{4}-\d{5}\b")


def _translate(message, language: str) -> str:
    return translate(message, target_language=language)


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _original(raw: bytes, text: str = "") -> Attachment:
    return Attachment(
        filename=ORIGINAL_FILENAME,
        data=raw,
        content_type="message/rfc822",
        original=True,
        text=text,
    )


def parse_message(
    raw: bytes,
    delivered: datetime | None = None,
    *,
    internal_domains: tuple[str, ...] | list[str] = (),
    max_size: int = 0,
    time_limit: float = PARSE_SECONDS,
    language: str = "cs",
) -> Submission:
    """Parse raw message bytes into a Submission with channel ``email``.

    ``delivered`` is the server's delivery time (IMAP INTERNALDATE, Maildir
    file time); without it the current time is used, never the sender's Date
    header. ``internal_domains`` are the office's own mail domains: a message
    an official forwarded from one of them is registered under the original
    sender. With no domains given, the domains the message was addressed to
    count as the office's. A message larger than ``max_size`` bytes (0 means
    no limit) is registered from its headers only, with a note.
    """
    received = _aware(delivered)
    if max_size and len(raw) > max_size:
        note = _(
            "The message is larger than the limit (${size} MB > ${limit} MB). Its "
            "attachments were not extracted; open the original message.",
            mapping={"size": _megabytes(len(raw)), "limit": _megabytes(max_size)},
        )
        return _headers_only(raw, received, language, note, "oversized")
    try:
        return _parse(raw, received, tuple(internal_domains), time_limit, language)
    except ParseTimeout as error:
        logger.warning("Message %s: %s", message_id(raw) or "(no id)", error)
        note = _(
            "Reading the message took longer than ${seconds} s, so only its "
            "headers were read; open the original message.",
            mapping={"seconds": f"{time_limit:g}"},
        )
        return _headers_only(raw, received, language, note, "timeout")
    except Exception as error:  # any parser bug must not lose mail
        logger.exception("Message %s could not be parsed", message_id(raw) or "(none)")
        note = _(
            "The message could not be read (${error}); open the original message.",
            mapping={"error": type(error).__name__},
        )
        return _headers_only(raw, received, language, note, "unreadable")


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}"


def parse_oversized(
    header_block: bytes,
    size: int,
    delivered: datetime | None,
    *,
    max_size: int,
    location: str,
    language: str = "cs",
) -> Submission:
    """Register a message too large to download from its header block alone.

    The original stays at ``location`` (a mailbox folder or a file path),
    which the note for the clerk names.
    """
    note = _(
        "The message is larger than the limit (${size} MB > ${limit} MB), so it "
        "was not copied into the register. It is kept in ${location}.",
        mapping={
            "size": _megabytes(size),
            "limit": _megabytes(max_size),
            "location": location,
        },
    )
    submission = _headers_only(
        header_block, _aware(delivered), language, note, "oversized", attach=False
    )
    submission.intake_info["size"] = size
    return submission


def _headers_only(raw, received, language, note, flag, attach=True) -> Submission:
    """Build a submission from the header block alone, for messages not parsed."""
    header_block, body = split_raw(raw)
    try:
        message = BytesHeaderParser(policy=compat32).parsebytes(header_block + b"\n\n")
        title = header_text(message, "Subject")
        name, email = first_address(message, "From")
        date_header = header_text(message, "Date")
        auto = auto_generated_reason(message)
    except Exception:  # even broken headers must give a podnět
        logger.exception("Headers of a message could not be read")
        title, name, email, date_header, auto = "", "", "", "", ""
    searchable = decode_bytes(body[:200_000])[0] if flag != "oversized" else ""
    return Submission(
        channel="email",
        source_key=source_key(raw),
        received=received,
        title=title or _translate(_("E-mail without subject"), language),
        citizen_name=name,
        citizen_email=email,
        attachments=[_original(raw, searchable)] if attach else [],
        intake_info={
            "message_id": message_id(raw),
            "date_header": date_header,
            "auto_submitted": auto,
            "size": len(raw),
            "flags": [flag],
        },
        attention=_translate(note, language),
    )


def _parse(raw, received, internal_domains, time_limit, language) -> Submission:
    budget = Budget(time_limit)
    message = message_from_bytes(raw, policy=compat32)
    budget.check()
    content = Content()
    Walker(raw, message, budget).collect(message, (), content)
    notes = []
    flags = []
    info = _header_info(message, raw)

    if not info["date_valid"]:
        flags.append("invalid-date")
        if info["date_header"]:
            notes.append(_("The Date header of the message is invalid."))
    if content.guessed_charsets:
        flags.append("charset-guessed")
        info["charset_guesses"] = content.guessed_charsets
    unknown = _unknown_charsets(content.guessed_charsets)
    if unknown:
        notes.append(
            _(
                "The message uses an unknown character set (${labels}), so its "
                "text was decoded by a guess; check it against the original.",
                mapping={"labels": ", ".join(unknown)},
            )
        )
    if content.tnef:
        flags.append("tnef")
        notes.append(_("The message contains an Outlook winmail.dat attachment."))
    if any(part.defects for part in message.walk()):
        flags.append("mime-defects")
        notes.append(
            _(
                "The MIME structure of the message is damaged, so its subject, "
                "text and attachments may be garbled or incomplete; check them "
                "against the original message."
            )
        )
    undecodable = _undecodable_charsets(content.guessed_charsets)
    if undecodable:
        notes.append(
            _(
                "The text of the message is not valid in its declared character "
                "set (${labels}), so it was decoded by a guess; check it against "
                "the original message.",
                mapping={"labels": ", ".join(undecodable)},
            )
        )
    if not content.plain and content.html:
        flags.append("html-only")

    title = header_text(message, "Subject")
    text = content.body_text()
    sender_name, sender_email = first_address(message, "From")
    citizen = choose_citizen(message, sender_email, internal_domains)
    forward = find_forward(message, content, text, sender_email, internal_domains)
    if forward is not None:
        flags.append("forwarded")
        info["forwarded_by"] = {
            "name": sender_name,
            "email": sender_email,
            "date_header": info["date_header"],
            "note": forward["note"],
        }
        # The register shows the original's date. The flags above still
        # describe the Date header of the message that arrived.
        info["date_header"] = forward["date_header"]
        original_date = parse_date(forward["date_header"])
        info["date"] = original_date.isoformat() if original_date else ""
        citizen = (forward["name"], forward["email"])
        title = forward["subject"] or strip_reply_prefixes(title)
        text = forward["text"]
        if forward["note"]:
            label = _translate(
                _(
                    "Note of the forwarding official ${name}:",
                    mapping={"name": sender_name or sender_email},
                ),
                language,
            )
            text = f"{text}\n\n---\n{label}\n{forward['note']}".strip()
    info["flags"] = flags
    return Submission(
        channel="email",
        source_key=source_key(raw),
        received=received,
        title=title or _fallback_title(text, language),
        text=text,
        citizen_name=citizen[0],
        citizen_email=citizen[1],
        attachments=[_original(raw)] + content.attachments,
        intake_info=info,
        attention="\n".join(_translate(note, language) for note in notes),
    )


def _unknown_charsets(guesses: list[str]) -> list[str]:
    """Return the declared charset labels that no codec matches."""
    labels = []
    for guess in guesses:
        label = guess.partition(" -> ")[0]
        if label != "none" and normalise_charset(label) is None:
            labels.append(label)
    return sorted(set(labels))


def _undecodable_charsets(guesses: list[str]) -> list[str]:
    """Return the declared, trusted charset labels that the text did not fit.

    Labels such as us-ascii or iso-8859-1 are often put on other 8-bit text,
    so a guess over them is routine and is not reported here.
    """
    unreliable = {normalise_charset(label) for label in UNRELIABLE_LABELS}
    labels = []
    for guess in guesses:
        label = guess.partition(" -> ")[0]
        charset = normalise_charset(label) if label != "none" else None
        if charset is not None and charset not in unreliable:
            labels.append(label)
    return sorted(set(labels))


def _header_info(message, raw: bytes) -> dict:
    date_header = header_text(message, "Date")
    date = parse_date(date_header)
    reply_name, reply_email = first_address(message, "Reply-To")
    references = header_text(message, "References").split()
    subject = header_text(message, "Subject")
    return {
        "message_id": message_id(raw),
        "in_reply_to": header_text(message, "In-Reply-To").split()[:1],
        "references": references[-50:],
        "reference_numbers": sorted(set(REFERENCE.findall(subject))),
        "date_header": date_header,
        "date": date.isoformat() if date else "",
        "date_valid": date is not None,
        "reply_to": reply_email,
        "to": [address for _, address in addresses(message, "To")][:20],
        "cc": [address for _, address in addresses(message, "Cc")][:20],
        "auto_submitted": auto_generated_reason(message),
        "size": len(raw),
    }


def _fallback_title(text: str, language: str) -> str:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first_line:
        return first_line[:80]
    return _translate(_("E-mail without subject"), language)
