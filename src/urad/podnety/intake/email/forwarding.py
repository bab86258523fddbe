"""Find the original message inside a message an official forwarded inline."""

from dataclasses import dataclass

import re


# Separator lines that mail clients put above an inline forwarded message
# (Gmail, Thunderbird, Outlook, Apple Mail, Seznam; English and Czech).
_MARKER = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:forwarded message|original message|původní zpráva|"
    r"přeposlaná zpráva|přeposílaná zpráva)\s*-{2,}|begin forwarded message:|"
    r"začátek přeposílané zprávy:|_{10,})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_FIELDS = {
    "from": "from",
    "od": "from",
    "date": "date",
    "sent": "date",
    "datum": "date",
    "odesláno": "date",
    "subject": "subject",
    "předmět": "subject",
    "to": "to",
    "komu": "to",
    "cc": "to",
    "kopie": "to",
}
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_FIELD_LINE = re.compile(r"^[ \t>]*\*?([^\s:*]+)\*?:\s*(.*)$")


@dataclass
class InlineForward:
    """The original message quoted below a forwarding official's note."""

    note: str
    name: str
    email: str
    subject: str
    date_header: str
    text: str


def _read_fields(lines: list[str]) -> tuple[dict[str, str], int]:
    fields = {}
    position = 0
    while position < len(lines) and not lines[position].strip():
        position += 1
    while position < len(lines):
        match = _FIELD_LINE.match(lines[position])
        if not match:
            break
        key = _FIELDS.get(match.group(1).lower())
        if key is None:
            break
        fields.setdefault(key, match.group(2).strip())
        position += 1
    return fields, position


def find_inline_forward(text: str) -> InlineForward | None:
    """Return the forwarded original in a body, or None if there is none.

    The quoted block must name a sender with an e-mail address, because only
    then can the podnět be registered under the original citizen.
    """
    match = _MARKER.search(text)
    if match is None:
        return None
    lines = text[match.end() :].lstrip("\n").split("\n")
    fields, position = _read_fields(lines)
    sender = fields.get("from", "")
    found = _ADDRESS.search(sender)
    if found is None:
        return None
    name = re.sub(r"[\s<\[(]*(mailto:)?$", "", sender[: found.start()])
    body = [re.sub(r"^>[ ]?", "", line) for line in lines[position:]]
    return InlineForward(
        note=text[: match.start()].strip(),
        name=name.strip().strip('"'),
        email=found.group(0).lower(),
        subject=fields.get("subject", ""),
        date_header=fields.get("date", ""),
        text="\n".join(body).strip(),
    )
