"""Walk a parsed message: collect body text, attachments and forwarded messages."""

from dataclasses import dataclass
from dataclasses import field
from email import message_from_bytes
from email.policy import compat32
from urad.podnety.intake import Attachment
from urad.podnety.intake.email.charsets import clean_text
from urad.podnety.intake.email.charsets import decode_bytes
from urad.podnety.intake.email.headers import header_text
from urad.podnety.intake.email.htmltext import html_to_text
from urad.podnety.intake.email.mimeparams import content_params
from urad.podnety.intake.email.mimeparams import fallback_filename
from urad.podnety.intake.email.mimeparams import part_charset
from urad.podnety.intake.email.mimeparams import part_filename
from urad.podnety.intake.email.rawparts import raw_body

import base64
import logging
import quopri
import re
import time


logger = logging.getLogger(__name__)

# Attachment types whose text is stored for full-text search.
TEXT_TYPES = {
    "application/json",
    "application/xml",
    "application/x-csv",
    "message/delivery-status",
}
# Types that mail clients give an attached .eml file instead of message/rfc822.
EML_FILE_TYPES = {"application/octet-stream", "application/eml", "text/plain"}
# Maximum length of the attachment text stored for search, in characters.
MAX_SEARCH_TEXT = 1_000_000


class ParseTimeout(Exception):
    """Parsing one message took longer than its time budget."""


class Budget:
    """A wall-clock limit for parsing one message.

    NOTE: the limit is checked between MIME parts, so one slow stdlib call (a
    huge base64 part, for example) can overrun it. The size limit bounds that.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self):
        if time.monotonic() > self.ends:
            raise ParseTimeout(f"parsing took longer than {self.seconds:g} s")


@dataclass
class InnerMessage:
    """A message/rfc822 part with the content collected from it."""

    message: object
    raw: bytes
    content: "Content"


@dataclass
class Content:
    """Body parts, attachments and nested messages found in one message."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    messages: list[InnerMessage] = field(default_factory=list)
    guessed_charsets: list[str] = field(default_factory=list)
    tnef: list[str] = field(default_factory=list)

    def body_text(self) -> str:
        """Return the plain-text body, converting HTML only when there is no plain."""
        plain = "\n\n".join(text for text in self.plain if text.strip())
        if plain.strip():
            return plain.strip()
        return html_to_text("\n".join(self.html))


def safe_filename(name: str, limit: int = 120) -> str:
    """Remove characters that file systems and download headers reject."""
    name = re.sub(r'[\\/:*?"<>|\t\n]+', " ", name)
    return re.sub(r"\s+", " ", name).strip(" .")[:limit]


def decode_part_text(part, content: Content, convert_html: bool = True) -> str:
    """Return a text part decoded to clean text, remembering a charset guess."""
    data = part.get_payload(decode=True) or b""
    declared = part_charset(part)
    text, used, guessed = decode_bytes(data, declared)
    if guessed:
        content.guessed_charsets.append(f"{declared or 'none'} -> {used}")
    if convert_html and part.get_content_type() == "text/html":
        return html_to_text(text)
    return text


def _is_body_part(part, ctype: str, filename: str) -> bool:
    disposition, _ = content_params(part, "content-disposition")
    if disposition == "attachment" or filename:
        return False
    return ctype in {"text/plain", "text/html"}


class Walker:
    """Walks one raw message and its parsed tree within a time budget."""

    def __init__(self, raw: bytes, root, budget: Budget):
        self.raw = raw
        self.root = root
        self.budget = budget

    def collect(self, node, path: tuple, content: Content):
        """Collect the body and attachments of ``node`` into ``content``."""
        self.budget.check()
        ctype = node.get_content_type()
        if ctype in {"message/rfc822", "message/global"}:
            self._collect_message(node, path, content)
            return
        if node.is_multipart():
            children = list(enumerate(node.get_payload()))
            if ctype == "multipart/alternative":
                children = _preferred_alternative(children)
            for index, child in children:
                self.collect(child, path + (index,), content)
            return
        filename = part_filename(node)
        if filename.lower().endswith(".eml") and ctype in EML_FILE_TYPES:
            self._collect_message_bytes(
                node, node.get_payload(decode=True) or b"", content
            )
            return
        if _is_body_part(node, ctype, filename):
            target = content.plain if ctype == "text/plain" else content.html
            target.append(decode_part_text(node, content, convert_html=False))
            return
        self._collect_attachment(node, ctype, filename, content)

    def _collect_attachment(self, node, ctype, filename, content: Content):
        data = node.get_payload(decode=True) or b""
        position = len(content.attachments) + 1
        name = safe_filename(filename) or fallback_filename(ctype, position)
        text = ""
        if ctype.startswith("text/") or ctype in TEXT_TYPES:
            text = decode_part_text(node, content)[:MAX_SEARCH_TEXT]
        content.attachments.append(
            Attachment(filename=name, data=data, content_type=ctype, text=text)
        )
        if ctype == "application/ms-tnef" or name.lower() == "winmail.dat":
            self.budget.check()
            unpack_tnef(data, content)

    def _collect_message(self, node, path: tuple, content: Content):
        payload = node.get_payload()
        if not isinstance(payload, list) or not payload:
            self._collect_attachment(node, "message/rfc822", "", content)
            return
        encoding = (node.get("Content-Transfer-Encoding") or "").strip().lower()
        if encoding in {"base64", "quoted-printable"}:
            # Not allowed by RFC 2046, but sent: the parser read the encoded
            # text as headers, so the message is decoded and parsed again.
            data = _decode_transfer(
                raw_body(self.raw, self.root, path) or b"", encoding
            )
            self._collect_message_bytes(node, data, content)
            return
        inner = payload[0]
        data = raw_body(self.raw, self.root, path)
        if data is None:
            data = inner.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        inner_content = Content()
        self.collect(inner, path + (0,), inner_content)
        self._add_message(node, inner, data, inner_content, content)

    def _collect_message_bytes(self, node, data: bytes, content: Content):
        """Parse and collect a message given as bytes (an attached .eml file)."""
        inner = message_from_bytes(data, policy=compat32)
        inner_content = Content()
        Walker(data, inner, self.budget).collect(inner, (), inner_content)
        self._add_message(node, inner, data, inner_content, content)

    def _add_message(self, node, inner, data: bytes, inner_content, content):
        subject = header_text(inner, "Subject")
        name = safe_filename(part_filename(node)) or safe_filename(subject)
        name = name if name.lower().endswith(".eml") else f"{name or 'zprava'}.eml"
        content.attachments.append(
            Attachment(
                filename=name,
                data=data,
                content_type="message/rfc822",
                text=_message_search_text(inner, inner_content),
            )
        )
        # The forwarded message's own files stay reachable as separate items.
        content.attachments.extend(inner_content.attachments)
        content.guessed_charsets.extend(inner_content.guessed_charsets)
        content.tnef.extend(inner_content.tnef)
        content.messages.append(InnerMessage(inner, data, inner_content))


def _decode_transfer(data: bytes, encoding: str) -> bytes:
    if encoding == "base64":
        return base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", data) + b"==")
    return quopri.decodestring(data)


def _preferred_alternative(children: list) -> list:
    for index, child in children:
        if child.get_content_type() == "text/plain" and not part_filename(child):
            return [(index, child)]
    return children[-1:]


def _message_search_text(message, content: Content) -> str:
    lines = [
        header_text(message, "From"),
        header_text(message, "Subject"),
        header_text(message, "Date"),
        content.body_text(),
    ]
    return clean_text("\n".join(line for line in lines if line))[:MAX_SEARCH_TEXT]


def unpack_tnef(data: bytes, content: Content):
    """Add the files and body of an Outlook winmail.dat to ``content``."""
    try:
        from tnefparse.tnef import TNEF

        tnef = TNEF(data, do_checksum=False)
    except Exception as error:  # tnefparse raises many kinds
        logger.warning("winmail.dat could not be unpacked: %s", error)
        content.tnef.append("unreadable")
        return
    for position, item in enumerate(tnef.attachments, start=1):
        name = item.long_filename()
        if isinstance(name, bytes):
            name = decode_bytes(name)[0]
        name = safe_filename(clean_text(name or "")) or f"winmail-{position}.bin"
        content.attachments.append(Attachment(filename=name, data=item.data or b""))
    body = tnef.body
    if isinstance(body, bytes):
        body = decode_bytes(body)[0]
    if body and not content.body_text():
        content.plain.append(clean_text(body))
    content.tnef.append(f"{len(tnef.attachments)} files")
