"""The background job that polls every configured mail source."""

from functools import partial
from urad.podnety.intake.email import state
from urad.podnety.intake.email.imap import ImapSource
from urad.podnety.intake.email.maildir import MaildirSource
from urad.podnety.intake.email.settings import get_settings
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.jobs.interfaces import IJob
from zope.interface import implementer

import logging
import transaction


logger = logging.getLogger(__name__)


def configured_sources(settings) -> list:
    """Return the IMAP and Maildir sources the settings enable."""
    sources = []
    if settings.imap_enabled and settings.imap_host and settings.imap_user:
        sources.append(ImapSource(settings))
    if settings.maildir_path:
        sources.append(MaildirSource(settings))
    return sources


def poll_sources(portal) -> dict:
    """Poll each source; a source that fails is logged and the others go on."""
    results = {}
    for source in configured_sources(get_settings()):
        try:
            results[source.source_id] = source.poll(portal)
        except Exception as error:  # a broken server must not stop the other source
            transaction.abort()
            logger.exception("Polling %s failed", source.source_id)
            reason = f"{type(error).__name__}: {error}"
            commit_with_retry(
                partial(state.record_failure, portal, source.source_id, "", reason)
            )
            results[source.source_id] = {"error": reason}
    return results


@implementer(IJob)
class EmailIntakeJob:
    """Read the office mailbox and the local Maildir into the register."""

    title = "E-mail: read the mailbox"
    # The runner counts the interval from the end of the previous run and the
    # clock ticks every 60 s, so 55 s lets every tick read the mailbox.
    interval = 55

    def run(self, portal):
        return poll_sources(portal)
