"""Normalise the calling numbers a PBX sends to E.164 with `phonenumbers`.

A PBX spells the same caller in many ways (``+420…``, ``00420…``, ``420…``,
national nine digits, an outside-line ``0`` in front, spaces, brackets,
``tel:`` and ``sip:`` URIs). Withheld callers arrive as words, empty strings,
SIP URIs or all zeros. Short digit strings are internal extensions of the
office, which identify a clerk and must never become a citizen's number.
"""

from dataclasses import dataclass

import phonenumbers
import re


DEFAULT_REGION = "CZ"
OUTSIDE_LINE_PREFIX = "0"
EXTENSION_DIGITS = (2, 4)

# Lower-case spellings PBXs and carriers use for a withheld calling number.
HIDDEN_TOKENS = frozenset(
    {
        "anonymous",
        "unknown",
        "restricted",
        "private",
        "withheld",
        "unavailable",
        "hidden",
        "clip no screening",
        "anonym",
        "skryte",
        "skryté",
        "neznamy",
        "neznámý",
    }
)

_URI_SCHEME = re.compile(r"^(tel|sip|sips):", re.IGNORECASE)
_CHANNEL_NAME = re.compile(r"^(?:SIP|PJSIP|IAX2|DAHDI|Local)/(\d+)(?:[-@].*)?$", re.I)
_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")
_SEPARATORS = re.compile(r"[\s\-./()\[\]]")


@dataclass(frozen=True)
class CallerNumber:
    """A calling number as the PBX sent it and what it means."""

    raw: str
    # E.164 form (``+420601555010``), empty unless the number is valid.
    e164: str = ""
    # The caller withheld the number; such calls are never matched or merged.
    hidden: bool = False
    # Internal extension of the office (``214``), empty for outside callers.
    extension: str = ""

    @property
    def invalid(self):
        """Tell whether the raw value is neither a number, hidden nor internal."""
        return not (self.e164 or self.hidden or self.extension)

    @property
    def matchable(self):
        """Tell whether this caller may be matched with earlier podněty."""
        return bool(self.e164)


def _strip_uri(value):
    """Return the user part of a ``tel:``/``sip:`` URI, or the value itself."""
    if not _URI_SCHEME.match(value):
        return value
    value = _URI_SCHEME.sub("", value, count=1)
    value = value.split("@", 1)[0]
    return value.split(";", 1)[0]


def _parse_valid(candidate, region):
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _candidates(digits, outside_prefix):
    """Yield the readings of a digit string, most specific first."""
    if digits.startswith("+"):
        yield digits
        return
    if digits.startswith("00"):
        yield "+" + digits[2:]
    if outside_prefix and digits.startswith(outside_prefix):
        rest = digits[len(outside_prefix) :]
        if rest.startswith("00"):
            yield "+" + rest[2:]
        elif rest and not rest.startswith("0"):
            yield rest
    yield digits


def extension_of(raw, extension_digits=EXTENSION_DIGITS):
    """Return the internal extension in `raw` (``214``, ``SIP/214-0a1f``), or ""."""
    value = (raw or "").strip()
    match = _CHANNEL_NAME.match(value)
    if match:
        value = match.group(1)
    value = _strip_uri(value)
    shortest, longest = extension_digits
    if value.isdigit() and shortest <= len(value) <= longest:
        return value
    return ""


def normalize_number(
    raw,
    region=DEFAULT_REGION,
    outside_prefix=OUTSIDE_LINE_PREFIX,
    extension_digits=EXTENSION_DIGITS,
):
    """Return the CallerNumber for a calling number as a PBX sent it.

    Only a number that `phonenumbers` considers valid gets an E.164 form, so
    a too short or garbled value is kept raw and never matched.
    """
    raw = "" if raw is None else str(raw)
    value = _strip_uri(raw.strip())
    if value.lower() in HIDDEN_TOKENS or not value.strip():
        return CallerNumber(raw=raw, hidden=True)

    extension = extension_of(raw, extension_digits)
    if extension:
        return CallerNumber(raw=raw, extension=extension)

    value = _SEPARATORS.sub("", _TRUNK_ZERO.sub("", value))
    digits = value.lstrip("+")
    if not digits.isdigit():
        return CallerNumber(raw=raw)
    if set(digits) == {"0"}:
        return CallerNumber(raw=raw, hidden=True)
    if value.startswith("+") and len(digits) <= 3:
        # A country calling code alone, which some carriers send when hiding.
        return CallerNumber(raw=raw, hidden=True)

    for candidate in _candidates(value, outside_prefix):
        e164 = _parse_valid(candidate, region)
        if e164:
            return CallerNumber(raw=raw, e164=e164)
    return CallerNumber(raw=raw)


def lookup_spellings(e164, region=DEFAULT_REGION):
    """Return spellings under which `e164` may be stored by other channels.

    The catalog indexes `citizen_phone` as entered, so a web form may hold
    ``601 555 010`` where the phone channel stores ``+420601555010``.
    """
    if not e164:
        return []
    number = phonenumbers.parse(e164, region)
    national = phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.NATIONAL
    )
    international = phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    spellings = [
        e164,
        international,
        national,
        national.replace(" ", ""),
        "00" + e164[1:],
        e164[1:],
    ]
    return list(dict.fromkeys(spellings))


def numbers_match(left, right, region=DEFAULT_REGION):
    """Tell whether two raw numbers are the same reachable caller."""
    first = normalize_number(left, region)
    second = normalize_number(right, region)
    return first.matchable and first.e164 == second.e164
