"""Labelled rows of a podnět's intake details (``intake_info``) for clerks.

Each channel writes its own keys (see the channels' filing modules), and
`FIELDS` labels them for `detail_rows`.
"""

from urad.podnety import _
from urad.podnety.browser.detail_rows import DetailFormatter
from urad.podnety.browser.detail_rows import Field
from urad.podnety.phone.viewlets import CAUSES
from urad.podnety.phone.viewlets import RECORDING_STATES


EMAIL_FLAGS = {
    "invalid-date": _("invalid Date header"),
    "charset-guessed": _("character set guessed"),
    "tnef": _("Outlook winmail.dat attachment"),
    "mime-defects": _("damaged MIME structure"),
    "html-only": _("HTML text only"),
    "forwarded": _("forwarded by an official"),
    "oversized": _("larger than the size limit"),
    "timeout": _("reading took too long"),
    "unreadable": _("could not be read"),
}
OCR_STATES = {
    "reading": _("text recognition in progress"),
    "waiting": _("text recognition waiting for a retry"),
    "done": _("text recognised"),
    "failed": _("text recognition failed"),
}
SOURCE_KINDS = {"imap": _("IMAP mailbox"), "maildir": _("Maildir folder")}
CALL_STATES = {
    "open": _("call in progress"),
    "ended": _("call ended"),
    "stale": _("call end not reported"),
}

# Keys of the nested dicts are written as "<outer key>.<key>".
FIELDS = {
    "filed_at": Field(_("Filed into the register"), "time"),
    # E-mail
    "date": Field(_("Sent"), "time"),
    "date_header": Field(_("Date header"), technical=True),
    "date_valid": Field(_("Date header valid"), "bool", technical=True),
    "reply_to": Field(_("Reply-To address")),
    "to": Field(_("Addressed to"), "list"),
    "cc": Field(_("Copy to (Cc)"), "list"),
    "reference_numbers": Field(_("Reference numbers in the subject"), "list"),
    "auto_submitted": Field(_("Automatic message")),
    "flags": Field(_("Notes on the message"), "list", choices=EMAIL_FLAGS),
    "size": Field(_("Size"), "size"),
    "message_id": Field(_("Message-ID"), technical=True),
    "in_reply_to": Field(_("In-Reply-To"), "list", technical=True),
    "references": Field(_("References"), "list", technical=True),
    "charset_guesses": Field(_("Character set guesses"), "list", technical=True),
    "forwarded_by": Field(_("Forwarded by")),
    "forwarded_by.name": Field(_("Forwarded by")),
    "forwarded_by.email": Field(_("E-mail of the forwarding official")),
    "forwarded_by.date_header": Field(_("Forwarded on")),
    "forwarded_by.note": Field(_("Note of the forwarding official")),
    "source": Field(_("Delivered from"), technical=True),
    "source.kind": Field(_("Delivered from"), "choice", True, SOURCE_KINDS),
    "source.account": Field(_("Mailbox account"), technical=True),
    "source.folder": Field(_("Mailbox folder"), technical=True),
    "source.uidvalidity": Field(_("UIDVALIDITY"), technical=True),
    "source.uid": Field(_("IMAP UID"), technical=True),
    "source.path": Field(_("Maildir folder"), technical=True),
    "source.file": Field(_("Maildir file"), technical=True),
    # Scanned letters
    "file_name": Field(_("Scanned file")),
    "format": Field(_("File format"), "upper"),
    "pages": Field(_("Pages")),
    "ocr": Field(_("Text recognition"), "choice", choices=OCR_STATES),
    "ocr_pages_read": Field(_("Pages with recognised text")),
    "sha256": Field(_("SHA-256 checksum"), technical=True),
    # Phone calls
    "phone": Field(_("Phone call")),
    "phone.caller_raw": Field(_("Caller's number from the exchange")),
    "phone.caller_hidden": Field(_("Caller's number hidden"), "bool"),
    "phone.caller_invalid": Field(_("Caller's number invalid"), "bool"),
    "phone.called": Field(_("Called number")),
    "phone.extension": Field(_("Extension")),
    "phone.answered_by": Field(_("Answered by exchange user")),
    "phone.answered_at": Field(_("Answered"), "time"),
    "phone.ended_at": Field(_("Ended"), "time"),
    "phone.duration": Field(_("Duration"), "duration"),
    "phone.cause": Field(_("How the call ended"), "choice", choices=CAUSES),
    "phone.recording": Field(_("Recording"), "choice", choices=RECORDING_STATES),
    "phone.recording_files": Field(_("Recording files"), "list", technical=True),
    "phone.state": Field(_("Call state"), "choice", True, CALL_STATES),
    "phone.call_id": Field(_("Call ID in the exchange"), technical=True),
    "related": Field(_("Earlier podněty of the caller"), "related"),
    # Web form
    "form_path": Field(_("Web form")),
    "form_fields": Field(_("Other form fields")),
    "form": Field(_("Web form UID"), technical=True),
}
NESTED = ("forwarded_by", "source", "phone")


def intake_rows(info, translate, decimal_format=None):
    """Build the rows of `info` as ``{"main": rows, "technical": rows}``.

    A row is a dict with ``label`` and ``value`` strings, in the order of
    `FIELDS`, with unknown keys last. `translate` turns a message id into the
    user's language and `decimal_format` formats a float in the user's locale.
    """
    formatter = IntakeFormatter(FIELDS, translate, decimal_format)
    found = []
    for key, value in (info or {}).items():
        if key == "form_fields" and isinstance(value, dict):
            # Labels of extra form fields come from the form, already readable.
            for label, text in value.items():
                found.append((key, str(label), formatter.value(text), False))
        elif key in NESTED and isinstance(value, dict):
            for inner, inner_value in value.items():
                found.append(formatter.row(f"{key}.{inner}", inner_value))
        else:
            found.append(formatter.row(str(key), value))
    return formatter.split(found)


class IntakeFormatter(DetailFormatter):
    """Format intake values, with earlier podněty as their reference numbers."""

    def format_related(self, value):
        if not isinstance(value, list):
            return None
        numbers = [
            item.get("reference_number") or ""
            for item in value
            if isinstance(item, dict)
        ]
        return ", ".join(number for number in numbers if number)
