"""Cut the exact bytes of one MIME part out of the raw message.

A forwarded message/rfc822 part must be stored byte-for-byte, but the stdlib
parser only offers a re-serialisation. These helpers follow the multipart
boundaries of the parsed tree through the raw bytes instead.
"""

from urad.podnety.intake.email.mimeparams import content_params
from urad.podnety.intake.email.mimeparams import get_param

import re


def _body_start(entity: bytes) -> int:
    if entity.startswith(b"\r\n"):
        return 2
    if entity.startswith(b"\n"):
        return 1
    positions = [
        (entity.find(separator), len(separator))
        for separator in (b"\r\n\r\n", b"\n\n")
        if entity.find(separator) >= 0
    ]
    if not positions:
        return len(entity)
    position, length = min(positions)
    return position + length


def _subparts(body: bytes, boundary: str) -> list[bytes]:
    delimiter = re.compile(
        rb"(?:\A|\r?\n)--" + re.escape(boundary.encode("utf-8", "surrogateescape"))
        + rb"(--)?[ \t]*(?:\r?\n|\Z)"
    )  # fmt: skip
    parts = []
    start = None
    for match in delimiter.finditer(body):
        if start is not None:
            parts.append(body[start : match.start()])
        if match.group(1):
            return parts
        start = match.end()
    if start is not None:
        parts.append(body[start:])
    return parts


def raw_entity(raw: bytes, message, path: tuple[int, ...]) -> bytes | None:
    """Return the raw bytes (headers and body) of the part at ``path``.

    ``path`` lists payload indexes from the top message down, where a
    message/rfc822 part counts as a container with the single index 0.
    Returns None when the raw bytes do not follow the parsed structure.
    """
    entity = raw
    node = message
    for index in path:
        body = entity[_body_start(entity) :]
        if node.get_content_type() == "message/rfc822" or not node.is_multipart():
            if index != 0:
                return None
            entity = body
        else:
            _, pairs = content_params(node, "content-type")
            boundary = get_param(pairs, "boundary")
            if not boundary:
                return None
            parts = _subparts(body, boundary)
            if index >= len(parts):
                return None
            entity = parts[index]
        payload = node.get_payload()
        if not isinstance(payload, list) or index >= len(payload):
            return None
        node = payload[index]
    return entity


def raw_body(raw: bytes, message, path: tuple[int, ...]) -> bytes | None:
    """Return the raw body bytes (after the header block) of the part at ``path``."""
    entity = raw_entity(raw, message, path)
    if entity is None:
        return None
    return entity[_body_start(entity) :]
