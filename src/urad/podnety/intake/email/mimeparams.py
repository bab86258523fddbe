"""Read MIME header parameters and attachment file names without the stdlib's traps.

``email.message.Message.get_param`` takes quadratic time on headers padded
with thousands of ``;`` and raises TypeError when ``filename*`` is mixed with
``filename*0*`` continuations. This parser runs in linear time, tolerates
malformed parameters, and decodes RFC 2231 and RFC 2047 values through the
Czech-aware charsets.
"""

from email.header import Header
from email.header import decode_header
from urad.podnety.intake.email.charsets import clean_text
from urad.podnety.intake.email.charsets import decode_bytes
from urad.podnety.intake.email.charsets import decode_surrogates
from urad.podnety.intake.email.charsets import normalise_charset
from urllib.parse import unquote_to_bytes

import mimetypes
import re


# Maximum length of a header value read for parameters, in characters.
MAX_PARAM_HEADER = 16384

_PARAM = re.compile(
    r"""\s*([^\s=;"]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;]*)""",
    re.DOTALL,
)
_SECTION = re.compile(r"^(?P<name>[^*]+)(?:\*(?P<index>\d+))?(?P<ext>\*)?$")


def header_str(value) -> str:
    """Return a header value as text, decoding raw 8-bit bytes Czech-aware.

    For a value with raw 8-bit bytes the compat32 policy returns a ``Header``
    labelled ``unknown-8bit``. Its bytes, with any encoded-words intact, are
    decoded here because ``str()`` of that object drops them.
    """
    if isinstance(value, Header):
        data = b""
        for chunk, _charset in decode_header(value):
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8", "surrogateescape")
            data += chunk
        return decode_bytes(data)[0]
    return decode_surrogates(str(value))


def unfold(value: str) -> str:
    """Join a folded header value into one line."""
    return re.sub(r"\r?\n[ \t]*", " ", value).strip()


def split_params(value: str) -> tuple[str, list[tuple[str, str]]]:
    """Split ``type; a=1; b="2"`` into the main value and raw parameter pairs."""
    value = unfold(value or "")[:MAX_PARAM_HEADER]
    main, _, rest = value.partition(";")
    pairs = []
    for match in _PARAM.finditer(rest):
        name = match.group(1).lower()
        raw = match.group(2).strip()
        if raw.startswith('"'):
            raw = raw[1:-1] if raw.endswith('"') and len(raw) > 1 else raw[1:]
            raw = re.sub(r"\\(.)", r"\1", raw)
        pairs.append((name, raw))
    return main.strip().lower(), pairs


def _decode_extended(value: str, charset: str | None) -> str:
    data = unquote_to_bytes(value.encode("utf-8", "surrogateescape"))
    return decode_bytes(data, charset)[0]


def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded-words, also where they sit inside quotes."""
    if "=?" not in value:
        return clean_text(value)
    try:
        chunks = decode_header(value)
    except Exception:  # any malformed word falls back to the raw text
        return clean_text(value)
    text = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            text.append(chunk)
        else:
            text.append(decode_bytes(chunk, normalise_charset(charset) or charset)[0])
    return clean_text("".join(text))


def get_param(pairs: list[tuple[str, str]], wanted: str) -> str | None:
    """Return one decoded parameter: continuations, then ``name*``, then ``name``."""
    plain = None
    extended = None
    sections = {}
    for name, raw in pairs:
        match = _SECTION.match(name)
        if not match or match.group("name") != wanted:
            continue
        index = match.group("index")
        if index is not None:
            sections.setdefault(int(index), (raw, bool(match.group("ext"))))
        elif match.group("ext"):
            extended = extended if extended is not None else raw
        else:
            plain = plain if plain is not None else raw
    if sections:
        return _join_sections(sections)
    if extended is not None:
        return _decode_rfc2231(extended)
    if plain is not None:
        return decode_words(plain)
    return None


def _decode_rfc2231(raw: str) -> str:
    parts = raw.split("'", 2)
    if len(parts) == 3:
        charset, _language, encoded = parts
        return _decode_extended(encoded, charset)
    return _decode_extended(raw, None)


def _join_sections(sections: dict[int, tuple[str, bool]]) -> str:
    charset = None
    data = b""
    for position, index in enumerate(sorted(sections)):
        raw, extended = sections[index]
        if position == 0 and extended:
            parts = raw.split("'", 2)
            if len(parts) == 3:
                charset, _language, raw = parts
        if extended:
            data += unquote_to_bytes(raw.encode("utf-8", "surrogateescape"))
        else:
            data += raw.encode("utf-8", "surrogateescape")
    return decode_bytes(data, charset)[0]


def content_params(part, header: str) -> tuple[str, list[tuple[str, str]]]:
    """Return the main value and parameters of one header of a message part."""
    value = part.get(header)
    if value is None:
        return "", []
    return split_params(header_str(value))


def part_charset(part) -> str | None:
    """Return the declared charset label of a part, as written."""
    _, pairs = content_params(part, "content-type")
    return get_param(pairs, "charset")


def part_filename(part) -> str:
    """Return the decoded file name of a part, or an empty string."""
    _, disposition = content_params(part, "content-disposition")
    name = get_param(disposition, "filename")
    if not name:
        _, ctype = content_params(part, "content-type")
        name = get_param(ctype, "name")
    name = decode_words(name or "")
    # Keep only the last path segment: some clients send full Windows paths.
    name = re.split(r"[\\/]", name)[-1].strip().strip(".")
    return name


def fallback_filename(content_type: str, position: int) -> str:
    """Build a name like ``priloha-2.png`` for an attachment without one."""
    extension = (
        {
            "message/rfc822": ".eml",
            "text/plain": ".txt",
            "image/jpeg": ".jpg",
            "application/ms-tnef": ".dat",
        }.get(content_type)
        or mimetypes.guess_extension(content_type)
        or ".bin"
    )
    return f"priloha-{position}{extension}"
