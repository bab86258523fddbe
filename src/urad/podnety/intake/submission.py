"""The channel-neutral record that every intake channel hands to the pipeline."""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime


@dataclass
class Attachment:
    """One file to store inside the podnět as a File item."""

    filename: str
    data: bytes
    content_type: str = "application/octet-stream"
    # Marks the byte-for-byte original (e-mail .eml, scan, recording).
    original: bool = False
    # Extracted text, indexed for full-text search of the podnět.
    text: str = ""


@dataclass
class Submission:
    """A podnět as one channel received it, before it is filed.

    `source_key` is the channel's idempotency key (for example
    ``email:<sha256>`` or ``phone:<callId>``): filing the same key twice
    returns the podnět filed the first time instead of creating another.
    """

    channel: str
    source_key: str
    received: datetime
    title: str = ""
    text: str = ""
    citizen_name: str = ""
    citizen_email: str = ""
    citizen_phone: str = ""
    citizen_address: str = ""
    wants_updates: bool = False
    kind: str = "podnet"
    category: str = ""
    assignee: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    # Channel details kept on the podnět for clerks (headers, call ids, flags).
    intake_info: dict = field(default_factory=dict)
    # A reason a clerk must look at this podnět (parse error, oversized, ...).
    attention: str = ""
