"""Compute a message's idempotency key from its raw bytes alone.

The key must be the same on every attempt, even when a parse times out on one
attempt and succeeds on another, so it never depends on the MIME parser. It
combines the Message-ID with a hash of the content that stays the same when
the mail server delivers the message twice (trace headers such as
``Received`` differ between deliveries and are left out). The content hash
also separates two messages that reuse one Message-ID.
"""

from hashlib import sha256

import re


_HEADER_END = re.compile(rb"\r?\n\r?\n")
_STABLE_HEADERS = (b"message-id", b"from", b"subject", b"date", b"to")


def split_raw(raw: bytes) -> tuple[bytes, bytes]:
    """Split raw bytes into the header block and the body."""
    match = _HEADER_END.search(raw)
    if match is None:
        return raw, b""
    return raw[: match.start()], raw[match.end() :]


def raw_headers(header_block: bytes) -> dict[bytes, bytes]:
    """Return the first value of each header, unfolded, keyed by lower-case name."""
    headers = {}
    unfolded = re.sub(rb"\r?\n[ \t]+", b" ", header_block)
    for line in unfolded.split(b"\n"):
        name, separator, value = line.partition(b":")
        if separator and name and b" " not in name.strip():
            headers.setdefault(name.strip().lower(), value.strip())
    return headers


def message_id(raw: bytes) -> str:
    """Return the Message-ID as written (ASCII), or an empty string."""
    value = raw_headers(split_raw(raw)[0]).get(b"message-id", b"")
    return value.decode("ascii", "replace").strip()[:998]


def content_hash(raw: bytes) -> str:
    """Hash the headers that survive redelivery and the whole body."""
    header_block, body = split_raw(raw)
    headers = raw_headers(header_block)
    digest = sha256()
    for name in _STABLE_HEADERS:
        digest.update(name + b":" + headers.get(name, b"") + b"\n")
    digest.update(body.replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def source_key(raw: bytes) -> str:
    """Return the pipeline key ``email:<sha256>`` for a raw message."""
    digest = sha256()
    digest.update(message_id(raw).encode("ascii", "replace") + b"\n")
    digest.update(content_hash(raw).encode("ascii"))
    return f"email:{digest.hexdigest()}"
