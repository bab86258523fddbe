"""Read a local Maildir and file each message in new/ as a podnět.

A message moves from ``new/`` to ``cur/`` only after its podnět committed.
The run's last commit drops the state of the messages it moved.
Messages that failed the configured number of times move to ``failed/``
beside them; moving a file back into ``new/`` queues it again.
"""

from datetime import UTC
from datetime import datetime
from urad.podnety.intake.email.identity import split_raw
from urad.podnety.intake.email.sources import Message
from urad.podnety.intake.email.sources import file_in_batches
from urad.podnety.intake.email.sources import finish_run
from urad.podnety.intake.email.sources import prune_state

import logging
import os


logger = logging.getLogger(__name__)

# Bytes read from an oversized file to find its header block.
HEADER_READ = 262_144


def processed_name(name: str) -> str:
    """Return the name a message gets in cur/: with the Maildir "seen" flag."""
    return name if ":2," in name else f"{name}:2,S"


class MaildirSource:
    """The Maildir configured in the e-mail settings."""

    def __init__(self, settings):
        self.settings = settings
        self.path = os.path.abspath(settings.maildir_path)
        self.source_id = f"maildir:{self.path}"
        self.limit = settings.max_message_mb * 1_048_576

    def _dir(self, name: str) -> str:
        return os.path.join(self.path, name)

    def poll(self, portal) -> dict:
        """File the messages in new/ and move them on; return a summary."""
        summary = {"filed": 0, "reply": 0, "duplicate": 0, "failed": 0}
        for name in ("new", "cur", "tmp", "failed"):
            os.makedirs(self._dir(name), exist_ok=True)
        names = sorted(
            name for name in os.listdir(self._dir("new")) if not name.startswith(".")
        )
        prune_state(portal, self.source_id, "", names)
        moved = file_in_batches(
            portal,
            self.source_id,
            names[: self.settings.batch_size],
            self._read,
            lambda message, target: self._move(message.item_id, target),
            summary,
        )
        finish_run(portal, self.source_id, summary, moved)
        return summary

    def _read(self, name: str) -> Message | None:
        path = os.path.join(self._dir("new"), name)
        try:
            stat = os.stat(path)
            oversized = stat.st_size > self.limit
            with open(path, "rb") as stream:
                raw = stream.read(HEADER_READ if oversized else -1)
            if oversized:
                raw = split_raw(raw)[0]
        except FileNotFoundError:
            # Another instance moved it since the listing.
            return None
        return Message(
            item_id=name,
            raw=raw,
            delivered=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
            size=stat.st_size,
            oversized=oversized,
            limit=self.limit,
            location=os.path.join(self._dir("cur"), processed_name(name)),
            source_info={"kind": "maildir", "path": self.path, "file": name},
        )

    def _move(self, name: str, target: str) -> bool:
        source = os.path.join(self._dir("new"), name)
        if target == "processed":
            destination = os.path.join(self._dir("cur"), processed_name(name))
        else:
            destination = os.path.join(self._dir("failed"), name)
        try:
            os.rename(source, destination)
        except FileNotFoundError:
            logger.info("%s %s was moved by another instance", self.source_id, name)
            return True
        return True
