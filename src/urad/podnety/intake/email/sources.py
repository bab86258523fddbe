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

# Messages filed in one commit. Each commit repeats some work whatever it
# contains (reindexing the register folder, writing the catalog's buckets,
# fsync), so a few messages per commit file faster. A crash still loses no
# message, because messages move only after their commit.
COMMIT_MESSAGES = 10
# Raw mail bytes read before a commit, so large messages are not all held
# in memory together.
COMMIT_BYTES = 20 * 1_048_576


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
    if _filed_before_move(portal, source_id, message, key):
        return "processed"
    try:
        outcome = commit_with_retry(
            lambda: _file(portal, source_id, message),
            note=f"E-mail intake from {source_id}",
        )
    except Exception as error:  # one bad message must not stop the batch
        transaction.abort()
        logger.exception("%s %s could not be filed", source_id, message.item_id)
        return _count_failure(portal, source_id, message, key, error, summary)
    _count_outcome(source_id, message, outcome, summary)
    return "processed"


def process_messages(portal, source_id: str, messages: list, summary: dict) -> list:
    """File `messages` in one commit and return where each goes next.

    Returns one target per message, as `process_message` does. When the
    common commit fails for a reason other than a conflict, nothing of it is
    kept and the messages are filed again one commit each, so the failing
    message is counted alone.
    """
    targets = {}
    pending = []
    for message in messages:
        if not message.raw.strip():
            targets[id(message)] = _reject_empty(portal, source_id, message, summary)
        elif _filed_before_move(portal, source_id, message, source_key(message.raw)):
            targets[id(message)] = "processed"
        else:
            pending.append(message)
    if len(pending) == 1:
        targets[id(pending[0])] = process_message(
            portal, source_id, pending[0], summary
        )
    elif pending:
        _file_together(portal, source_id, pending, summary, targets)
    return [targets[id(message)] for message in messages]


def _file_together(portal, source_id, pending, summary, targets):
    try:
        outcomes = commit_with_retry(
            lambda: [_file(portal, source_id, message) for message in pending],
            note=f"E-mail intake of {len(pending)} messages from {source_id}",
        )
    except Exception:
        transaction.abort()
        logger.warning(
            "%s: filing %s messages in one commit failed, filing them one by one",
            source_id,
            len(pending),
            exc_info=True,
        )
        for message in pending:
            targets[id(message)] = process_message(
                portal, source_id, message, summary
            )
        return
    for message, outcome in zip(pending, outcomes, strict=True):
        _count_outcome(source_id, message, outcome, summary)
        targets[id(message)] = "processed"


def _filed_before_move(portal, source_id, message, key) -> bool:
    """Return True for a message an earlier run filed and committed, then stopped."""
    folder_state = state.source_state(portal, source_id, message.validity)
    return state.filed_key(folder_state, message.item_id) == key


def _file(portal, source_id, message):
    """File one message and record it in the source state. The caller commits."""
    submission, language = _submission(message)
    outcome = file_parsed(portal, submission, language)
    current = state.source_state(portal, source_id, message.validity)
    state.mark_filed(current, message.item_id, submission.source_key)
    return outcome


def _count_outcome(source_id, message, outcome, summary):
    summary[outcome.action] += 1
    logger.info(
        "%s %s: %s %s", source_id, message.item_id, outcome.action, outcome.reference
    )


def file_in_batches(portal, source_id: str, items, read, move, summary) -> list:
    """Read, file and move the messages of a run, and return the moved ones.

    `read(item)` returns a `Message` or None, and `move(message, target)`
    moves it and returns True when it left the folder. Messages are filed
    up to `COMMIT_MESSAGES` (or `COMMIT_BYTES` of raw mail) per commit, and
    moved only after that commit.
    """
    moved = []
    batch = []
    size = 0
    for item in items:
        message = read(item)
        if message is None:
            continue
        batch.append(message)
        size += len(message.raw)
        if len(batch) >= COMMIT_MESSAGES or size >= COMMIT_BYTES:
            moved += _file_and_move(portal, source_id, batch, move, summary)
            batch = []
            size = 0
    if batch:
        moved += _file_and_move(portal, source_id, batch, move, summary)
    return moved


def _file_and_move(portal, source_id, batch, move, summary) -> list:
    targets = process_messages(portal, source_id, batch, summary)
    return [
        message
        for message, target in zip(batch, targets, strict=True)
        if target and move(message, target)
    ]


def forget_moved(portal, source_id: str, messages: list):
    """Drop the state of messages that left the folder. The caller commits.

    A message that was moved but whose state is still stored (the process
    stopped before this commit) is forgotten by `prune_state` in the next
    run, because it is no longer in the folder.
    """
    for message in messages:
        folder_state = state.source_state(portal, source_id, message.validity)
        state.forget(folder_state, message.item_id)


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


def finish_run(portal, source_id: str, summary: dict, moved: list = ()):
    """Record a successful run of a source for the control panel, and commit.

    `moved` lists the messages this run moved out of the folder. Their state
    is dropped in the same commit, which saves one commit per message.
    """

    def work():
        forget_moved(portal, source_id, moved)
        state.record_sync(portal, source_id, summary)

    commit_with_retry(work)
