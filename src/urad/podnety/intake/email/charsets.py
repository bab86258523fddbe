"""Decode the bytes people actually send into Czech text.

Mail clients label text with charset names that Python does not know
(``x-cp1250``), with ``us-ascii`` while sending 8-bit bytes, or with no label
at all. Every function here returns text without U+FFFD and without NUL or
other control characters, so the register never shows replacement marks.
"""

import codecs
import re


# Labels seen in mail that Python's codec registry does not resolve, mapped to
# the codec the WHATWG Encoding Standard assigns to them.
CHARSET_ALIASES = {
    "x-cp1250": "windows-1250",
    "cp-1250": "windows-1250",
    "win-1250": "windows-1250",
    "windows1250": "windows-1250",
    "x-windows-1250": "windows-1250",
    "ms-ee": "windows-1250",
    "iso8859_2": "iso-8859-2",
    "iso_8859-2": "iso-8859-2",
    "iso-ir-101": "iso-8859-2",
    "csisolatin2": "iso-8859-2",
    "x-unicode-2-0-utf-8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-utf8": "utf-8",
    "utf8mb4": "utf-8",
    "ansi_x3.4-1968": "us-ascii",
    "x-user-defined": "windows-1250",
}

# Labels that senders put on text that is really 8-bit in an unknown charset.
UNRELIABLE_LABELS = {"us-ascii", "ascii", "iso-8859-1", "windows-1252", "latin-1"}

# Order of guesses for unlabelled or mislabelled 8-bit Czech text.
CZECH_FALLBACKS = ("windows-1250", "iso-8859-2")

CZECH_LETTERS = set("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ")
# Characters a wrong 8-bit guess produces instead of Czech letters.
SUSPICIOUS = set("©ą»ľ¹¾»ø覾ìèùòð") | {chr(c) for c in range(0x80, 0xA0)}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def normalise_charset(label: str | None) -> str | None:
    """Return a Python codec name for a mail charset label, or None if unknown."""
    if not label:
        return None
    name = label.strip().strip('"').strip("'").lower()
    name = CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def clean_text(text: str) -> str:
    """Remove NUL, other control characters and U+FFFD; keep tabs and newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _czech_score(text: str) -> int:
    score = 0
    for char in text:
        if char in CZECH_LETTERS:
            score += 1
        elif char in SUSPICIOUS:
            score -= 2
    return score


def _guess_8bit(data: bytes) -> tuple[str, str]:
    """Decode unlabelled 8-bit bytes: strict UTF-8 first, then the best Czech fit."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for charset in CZECH_FALLBACKS:
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            continue
        candidates.append((_czech_score(text), -len(candidates), text, charset))
    if candidates:
        best = max(candidates)
        return best[2], best[3]
    # Python's iso-8859-2 codec maps all 256 byte values, so this cannot fail.
    # The caller removes the control characters it yields for 0x80-0x9F.
    return data.decode("iso-8859-2"), "iso-8859-2"


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """Decode text bytes with the declared charset, falling back to Czech guesses.

    Returns the cleaned text, the codec actually used and whether it was a
    guess (no usable label, an unknown label or bytes the label cannot hold).
    """
    charset = normalise_charset(declared)
    if not any(byte > 0x7F for byte in data):
        return clean_text(data.decode("ascii", errors="ignore")), "us-ascii", False
    reliable = charset is not None and charset not in {
        normalise_charset(label) for label in UNRELIABLE_LABELS
    }
    if reliable:
        try:
            return clean_text(data.decode(charset)), charset, False
        except UnicodeDecodeError:
            pass
    elif charset is not None and charset != "ascii":
        # Latin-1 style labels decode anything, so only keep them when the
        # result does not look like mangled Czech.
        labelled = data.decode(charset, errors="replace")
        text, guessed = _guess_8bit(data)
        if _czech_score(labelled) >= _czech_score(text):
            return clean_text(labelled), charset, False
        return clean_text(text), guessed, True
    text, guessed = _guess_8bit(data)
    return clean_text(text), guessed, True


def decode_surrogates(value: str) -> str:
    """Decode a header value holding raw 8-bit bytes as surrogate escapes."""
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return clean_text(value)
    return decode_bytes(data)[0]
