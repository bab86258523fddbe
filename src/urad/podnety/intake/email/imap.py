"""Read the office mailbox over IMAP and file each message as a podnět.

Only UIDs are used (UID SEARCH, UID FETCH, UID MOVE), because sequence numbers
shift when another client moves or deletes messages during a run. A message
leaves the folder only after the transaction that filed it has committed, so
a crash at any point leads to a refetch that the source key de-duplicates.
"""

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from urad.podnety.intake.email.sources import Message
from urad.podnety.intake.email.sources import file_in_batches
from urad.podnety.intake.email.sources import finish_run
from urad.podnety.intake.email.sources import prune_state

import logging
import ssl


logger = logging.getLogger(__name__)

# Seconds a single network operation may take before the run gives up.
TIMEOUT = 60


def _ensure_folder(client, folder: str):
    """Create a folder unless it exists; another instance may create it first."""
    if client.folder_exists(folder):
        return
    try:
        client.create_folder(folder)
    except IMAPClientError:
        if not client.folder_exists(folder):
            raise


class ImapSource:
    """One IMAP account and folder from the e-mail settings."""

    def __init__(self, settings):
        self.settings = settings
        self.folder = settings.imap_folder or "INBOX"
        self.account = f"{settings.imap_user}@{settings.imap_host}:{settings.imap_port}"
        self.source_id = f"imap:{self.account}/{self.folder}"
        self.limit = settings.max_message_mb * 1_048_576

    def connect(self) -> IMAPClient:
        """Open an authenticated connection with the configured security."""
        settings = self.settings
        context = ssl.create_default_context()
        use_ssl = settings.imap_security == "ssl"
        client = IMAPClient(
            settings.imap_host,
            port=settings.imap_port,
            ssl=use_ssl,
            ssl_context=context if use_ssl else None,
            timeout=TIMEOUT,
        )
        if settings.imap_security == "starttls":
            client.starttls(context)
        # Keep INTERNALDATE timezone-aware instead of converting to local time.
        client.normalise_times = False
        client.login(settings.imap_user, settings.imap_password or "")
        return client

    def poll(self, portal) -> dict:
        """File the folder's messages and move them; return a summary."""
        summary = {"filed": 0, "reply": 0, "duplicate": 0, "failed": 0}
        client = self.connect()
        try:
            for folder in (self.settings.processed_folder, self.settings.failed_folder):
                _ensure_folder(client, folder)
            selected = client.select_folder(self.folder)
            validity = str(selected.get(b"UIDVALIDITY", ""))
            # Messages another client marked \Deleted are on their way out.
            present = sorted(client.search(["NOT", "DELETED"]))
            prune_state(portal, self.source_id, validity, present)
            uids = present[: self.settings.batch_size]
            logger.debug("%s: %s messages to read", self.source_id, len(uids))
            # _fetch returns None for a message another instance moved since
            # the search.
            moved = file_in_batches(
                portal,
                self.source_id,
                uids,
                lambda uid: self._fetch(client, uid, validity),
                lambda message, target: self._move(client, message.item_id, target),
                summary,
            )
        finally:
            try:
                client.logout()
            except (IMAPClientError, OSError):
                logger.debug("Logout from %s failed", self.source_id)
        finish_run(portal, self.source_id, summary, moved)
        return summary

    def _fetch(self, client, uid, validity) -> Message | None:
        meta = client.fetch([uid], ["RFC822.SIZE", "INTERNALDATE"]).get(uid)
        if meta is None:
            return None
        size = meta.get(b"RFC822.SIZE", 0)
        oversized = size > self.limit
        part = b"HEADER" if oversized else b""
        fetched = client.fetch([uid], [b"BODY.PEEK[" + part + b"]"]).get(uid)
        if fetched is None:
            return None
        return Message(
            item_id=uid,
            validity=validity,
            raw=fetched.get(b"BODY[" + part + b"]") or b"",
            delivered=meta.get(b"INTERNALDATE"),
            size=size,
            oversized=oversized,
            limit=self.limit,
            location=f"{self.settings.processed_folder} ({self.settings.imap_user})",
            source_info={
                "kind": "imap",
                "account": self.account,
                "folder": self.folder,
                "uidvalidity": validity,
                "uid": uid,
            },
        )

    def _move(self, client, uid, target: str) -> bool:
        """Move one message to the processed or failed folder; False on error."""
        folder = (
            self.settings.processed_folder
            if target == "processed"
            else self.settings.failed_folder
        )
        try:
            if client.has_capability("MOVE"):
                client.move([uid], folder)
            else:
                client.copy([uid], folder)
                client.delete_messages([uid])
                if client.has_capability("UIDPLUS"):
                    client.uid_expunge([uid])
                else:
                    client.expunge()
        except IMAPClientError as error:
            # Another instance may have moved it. Otherwise the next run finds
            # the message again, and its state or source key shows that it is filed.
            logger.warning(
                "%s UID %s could not be moved: %s", self.source_id, uid, error
            )
            return False
        return True
