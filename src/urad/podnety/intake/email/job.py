"""The background job that polls every configured mail source."""

from datetime import UTC
from datetime import datetime
from functools import partial
from urad.podnety.intake.email import state
from urad.podnety.intake.email.imap import ImapSource
from urad.podnety.intake.email.maildir import MaildirSource
from urad.podnety.intake.email.settings import get_settings
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.jobs.interfaces import IJob
from zope.interface import implementer

import logging
import time
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


def poll_sources(portal, now: float | None = None) -> dict:
    """Poll each source; a source that fails is logged and the others go on.

    A source that failed as a whole (server unreachable, login rejected)
    rests for a growing pause before the next attempt.
    """
    now = time.time() if now is None else now
    results = {}
    for source in configured_sources(get_settings()):
        source_id = source.source_id
        until = state.backoff_until(portal, source_id)
        if now < until:
            results[source_id] = {"skipped_until": _iso(until)}
            continue
        try:
            results[source_id] = source.poll(portal)
        except Exception as error:  # a broken server must not stop the other source
            transaction.abort()
            logger.exception("Polling %s failed", source_id)
            results[source_id] = _record_source_failure(portal, source_id, error, now)
            continue
        if until:
            commit_with_retry(partial(state.clear_backoff, portal, source_id))
    return results


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, tz=UTC).isoformat(timespec="seconds")


def _record_source_failure(portal, source_id, error, now) -> dict:
    reason = f"{type(error).__name__}: {error}"

    def work():
        state.record_failure(portal, source_id, "", reason)
        return state.note_source_failure(portal, source_id, now)

    until = commit_with_retry(work)
    if until:
        logger.warning("%s: next attempt after %s", source_id, _iso(until))
    return {"error": reason, "retry_after": _iso(until) if until else ""}


@implementer(IJob)
class EmailIntakeJob:
    """Read the office mailbox and the local Maildir into the register."""

    title = "E-mail: read the mailbox"
    interval = 60

    def run(self, portal):
        return poll_sources(portal)
