"""The steps every mail source shares: file, commit, then mark done or failed."""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from urad.podnety import _
from urad.podnety.intake.email import state
from urad.podnety.intake.email.filing import file_parsed
from urad.podnety.intake.email.filing import parse_for_portal
from urad.podnety.intake.email.filing import site_language
from urad.podnety.intake.email.identity import message_id
from urad.podnety.intake.email.identity import source_key
from urad.podnety.intake.email.identity import split_raw
from urad.podnety.intake.email.parser import parse_oversized
from urad.podnety.intake.email.settings import get_settings
from urad.podnety.intake.retry import commit_with_retry
from zope.i18n import translate

import logging
import transaction


logger = logging.getLogger(__name__)


@dataclass
class Message:
    """One message as a source fetched it."""

    item_id: object
    raw: bytes
    delivered: datetime | None
    size: int
    validity: str = ""
    # True when only the header block was fetched because of the size limit.
    oversized: bool = False
    limit: int = 0
    location: str = ""
    source_info: dict = field(default_factory=dict)


def _submission(message: Message):
    if not message.oversized:
        return parse_for_portal(message.raw, message.delivered, message.source_info)
    language = site_language()
    submission = parse_oversized(
        split_raw(message.raw)[0],
        message.size,
        message.delivered,
        max_size=message.limit,
        location=message.location,
        language=language,
    )
    submission.intake_info["source"] = dict(message.source_info)
    return submission, language


def process_message(portal, source_id: str, message: Message, summary: dict) -> str:
    """File one message and commit; return where it goes next.

    Returns ``"processed"`` once the podnět (or reply) is committed,
    ``"failed"`` for an empty message or after the configured number of
    failed attempts, and an empty string when the message stays for another
    attempt in the next run.
    """
    if not message.raw.strip():
        return _reject_empty(portal, source_id, message, summary)
    key = source_key(message.raw)
    folder_state = state.source_state(portal, source_id, message.validity)
    if state.filed_key(folder_state, message.item_id) == key:
        # Filed and committed by an earlier run that stopped before the move.
        after_move(portal, source_id, message)
        return "processed"

    def work():
        submission, language = _submission(message)
        outcome = file_parsed(portal, submission, language)
        current = state.source_state(portal, source_id, message.validity)
        state.mark_filed(current, message.item_id, submission.source_key)
        return outcome

    try:
        outcome = commit_with_retry(work, note=f"E-mail intake from {source_id}")
    except Exception as error:  # one bad message must not stop the batch
        transaction.abort()
        logger.exception("%s %s could not be filed", source_id, message.item_id)
        return _count_failure(portal, source_id, message, key, error, summary)
    summary[outcome.action] += 1
    logger.info(
        "%s %s: %s %s", source_id, message.item_id, outcome.action, outcome.reference
    )
    return "processed"


def after_move(portal, source_id: str, message: Message):
    """Drop the state of a message that left the folder, and commit."""

    def work():
        folder_state = state.source_state(portal, source_id, message.validity)
        state.forget(folder_state, message.item_id)

    commit_with_retry(work)


def _reject_empty(portal, source_id, message, summary) -> str:
    """Send a message without header and text to the failed folder at once.

    Retrying cannot help, and filing it would merge every empty delivery into
    one podnět, because they all share one source key.
    """
    logger.warning("%s %s is empty, moving it to failed", source_id, message.item_id)
    reason = translate(
        _(
            "Empty message ${item}: it has no header and no text, so no podnět "
            "was filed.",
            mapping={"item": str(message.item_id)},
        ),
        target_language=site_language(),
    )

    def work():
        folder_state = state.source_state(portal, source_id, message.validity)
        state.forget(folder_state, message.item_id)
        state.record_failure(portal, source_id, "", reason)

    commit_with_retry(work)
    summary["failed"] += 1
    return "failed"


def _count_failure(portal, source_id, message, key, error, summary) -> str:
    reason = f"{type(error).__name__}: {error}"
    limit = get_settings().max_attempts

    def work():
        folder_state = state.source_state(portal, source_id, message.validity)
        attempts = state.count_attempt(folder_state, message.item_id, key, reason)
        if attempts < limit:
            return ""
        state.forget(folder_state, message.item_id)
        state.record_failure(portal, source_id, message_id(message.raw), reason)
        return "failed"

    target = commit_with_retry(work)
    if target:
        summary["failed"] += 1
    return target


def prune_state(portal, source_id: str, validity: str, present: list):
    """Forget messages that left the folder without this instance moving them."""
    folder_state = state.source_state(portal, source_id, validity)
    gone = state.known_items(folder_state) - set(present)
    if not gone:
        return

    def work():
        current = state.source_state(portal, source_id, validity)
        for item_id in gone:
            state.forget(current, item_id)

    commit_with_retry(work)


def finish_run(portal, source_id: str, summary: dict):
    """Record a successful run of a source for the control panel, and commit."""
    commit_with_retry(lambda: state.record_sync(portal, source_id, summary))
