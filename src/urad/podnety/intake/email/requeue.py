"""Move failed messages back to where the intake reads them."""

from imapclient.exceptions import IMAPClientError
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urad.podnety import _
from urad.podnety.intake.email.imap import ImapSource
from urad.podnety.intake.email.job import configured_sources
from urad.podnety.intake.email.maildir import MaildirSource
from urad.podnety.intake.email.settings import get_settings

import logging
import os


logger = logging.getLogger(__name__)


def requeue_imap(source: ImapSource) -> int:
    """Move every message of the failed folder back to the folder that is read."""
    client = source.connect()
    try:
        if not client.folder_exists(source.settings.failed_folder):
            return 0
        client.select_folder(source.settings.failed_folder)
        uids = client.search(["NOT", "DELETED"])
        if uids:
            client.move(uids, source.folder)
        return len(uids)
    finally:
        try:
            client.logout()
        except (IMAPClientError, OSError):
            logger.debug("Logout from %s failed", source.source_id)


def requeue_maildir(source: MaildirSource) -> int:
    """Move every file of the Maildir's failed/ back into new/."""
    failed = os.path.join(source.path, "failed")
    if not os.path.isdir(failed):
        return 0
    moved = 0
    for name in sorted(os.listdir(failed)):
        os.rename(os.path.join(failed, name), os.path.join(source.path, "new", name))
        moved += 1
    return moved


def requeue_failed() -> dict:
    """Re-queue the failed messages of every configured source."""
    counts = {}
    for source in configured_sources(get_settings()):
        if isinstance(source, ImapSource):
            counts[source.source_id] = requeue_imap(source)
        else:
            counts[source.source_id] = requeue_maildir(source)
        logger.info(
            "%s: re-queued %s failed messages",
            source.source_id,
            counts[source.source_id],
        )
    return counts


class RequeueView(BrowserView):
    """Re-queue failed messages (POST from the e-mail control panel)."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.setStatus(405)
            return ""
        CheckAuthenticator(self.request)
        try:
            counts = requeue_failed()
        except (IMAPClientError, OSError) as error:
            logger.warning("Re-queueing failed messages failed: %s", error)
            api.portal.show_message(
                _("Re-queueing failed: ${error}", mapping={"error": str(error)}),
                request=self.request,
                type="error",
            )
        else:
            api.portal.show_message(
                _(
                    "${count} failed messages will be read again within a minute.",
                    mapping={"count": sum(counts.values())},
                ),
                request=self.request,
            )
        portal_url = api.portal.get().absolute_url()
        self.request.response.redirect(f"{portal_url}/@@podnety-settings-email")
        return ""
