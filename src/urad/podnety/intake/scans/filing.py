"""Turn complete files in the scan folder into podněty (channel ``post``).

Each file is filed and committed in its own transaction and only then moved
to ``processed/``. A crash between the commit and the move leaves the file in
place. The next poll files it again, the pipeline finds its content hash
(source key ``post:<sha256>``) and returns the earlier podnět, so the file
only moves on. Every step of one file runs under an exclusive `flock`, so two
Zope instances polling the same folder take turns on a file.
"""

from collections import Counter
from datetime import datetime
from urad.podnety import _
from urad.podnety.content import history
from urad.podnety.intake import Attachment
from urad.podnety.intake import Submission
from urad.podnety.intake import file_submission
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.intake.scans import textjob
from urad.podnety.intake.scans.checks import Rejected
from urad.podnety.intake.scans.checks import read_scan
from urad.podnety.intake.scans.checks import translate_reason
from urad.podnety.intake.scans.folder import ScanFolder
from urad.podnety.intake.scans.names import display_name
from urad.podnety.intake.scans.names import split_name
from urad.podnety.intake.scans.settings import get_settings
from ZODB.POSException import ConflictError

import fcntl
import hashlib
import logging
import os
import time
import transaction


logger = logging.getLogger(__name__)

# Extensions that match the sniffed format. A name with another extension
# gets the format's extension appended.
_EXTENSIONS = {
    "pdf": {".pdf"},
    "tiff": {".tif", ".tiff"},
    "jpeg": {".jpg", ".jpeg", ".jpe"},
    "png": {".png"},
}
# Failed filings of one file before it moves to ``failed/``. A file that
# conflicts with another writer is retried without counting.
MAX_ATTEMPTS = 3
# Podnět titles stay readable in the register even for very long file names.
MAX_TITLE_NAME = 120


# Folder problems already logged by this process.
_logged_folder_errors = set()


def poll_folder(portal, now: float | None = None) -> dict:
    """File every complete scan in the configured folder and count the outcomes."""
    settings = get_settings()
    if not settings.folder:
        return {"skipped": "no scan folder configured"}
    folder = ScanFolder(settings.folder)
    try:
        folder.ensure()
        candidates = folder.scan(
            now or time.time(), settings.stable_seconds, settings.empty_grace_seconds
        )
    except OSError as error:
        message = f"scan folder not usable: {error}"
        # Logged once per process and problem, not at every poll.
        if message not in _logged_folder_errors:
            _logged_folder_errors.add(message)
            logger.error("Scan intake stopped, %s", message)
        return {"error": message}

    counts = Counter()
    for candidate in candidates:
        if candidate.status == "waiting":
            counts["waiting"] += 1
            continue
        try:
            counts[_take(portal, folder, candidate, settings)] += 1
        except ConflictError:
            transaction.abort()
            logger.warning("Scan filing conflicted repeatedly, retrying next poll")
            counts["retry"] += 1
        except Exception as error:
            transaction.abort()
            counts[_record_error(folder, candidate, error)] += 1
    return dict(counts)


def _record_error(folder, candidate, error) -> str:
    """Log a failed filing and move the file to ``failed/`` after MAX_ATTEMPTS."""
    attempts = folder.record_error(candidate.name)
    logger.exception("Filing a scan failed (attempt %s of %s)", attempts, MAX_ATTEMPTS)
    if attempts < MAX_ATTEMPTS:
        return "error"
    reason = translate_reason(
        _(
            "Filing the file failed ${attempts} times (${error}). Tell the "
            "administrator, then move the file back to the scan folder.",
            mapping={"attempts": attempts, "error": f"{type(error).__name__}: {error}"},
        )
    )
    try:
        folder.move_to_failed(candidate, reason)
    except OSError:
        logger.exception("A scan that failed to file cannot be moved to failed/")
        return "error"
    folder.forget(candidate.name)
    return "failed"


def _take(portal, folder, candidate, settings) -> str:
    """File, reject or skip one candidate and return the outcome's name."""
    try:
        stream = open(candidate.path, "rb")
    except FileNotFoundError:
        return "gone"
    with stream:
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return "busy"
        if not _still_in_place(stream, candidate.path):
            # Another worker moved it while this one waited for the lock.
            return "gone"
        try:
            scan_format, pages, data = read_scan(stream, candidate, settings)
            if len(data) != candidate.size:
                # Written to again since the poll found it complete.
                return "waiting"
        except Rejected as rejection:
            folder.move_to_failed(candidate, str(rejection))
            folder.forget(candidate.name)
            # File names may name the citizen, so only the reason is logged.
            logger.warning("A file was moved to failed/: %s", rejection)
            return "failed"
        received = datetime.fromtimestamp(candidate.first_seen).astimezone()
        digest = hashlib.sha256(data).hexdigest()
        submission = _submission(candidate, scan_format, pages, data, digest, received)
        reference, created = commit_with_retry(
            lambda: _file(portal, submission, scan_format, pages),
            note=f"File scan {digest[:12]}",
        )
        if created:
            logger.info("%s filed from scan sha256:%s", reference, digest[:12])
        else:
            logger.info(
                "Scan sha256:%s duplicates %s, no new podnět", digest[:12], reference
            )
        folder.move_to_processed(candidate, received)
        folder.forget(candidate.name)
        return "filed" if created else "duplicate"


def _still_in_place(stream, path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(stream.fileno()).st_ino
    except FileNotFoundError:
        return False


def _submission(candidate, scan_format, pages, data, digest, received):
    name = display_name(candidate.name)
    stem, extension = split_name(name)
    if extension.lower() not in _EXTENSIONS[scan_format.name]:
        name = f"{name}{scan_format.extension}"
    title_name = (
        name if len(name) <= MAX_TITLE_NAME else name[: MAX_TITLE_NAME - 1] + "…"
    )
    title = translate_reason(
        _("Letter from the post room ${name}", mapping={"name": title_name})
    )
    return Submission(
        channel="post",
        source_key=f"post:{digest}",
        received=received,
        title=title,
        attachments=[
            Attachment(
                filename=name,
                data=data,
                content_type=scan_format.content_type,
                original=True,
            )
        ],
        intake_info={
            "file_name": name,
            "sha256": digest,
            "size": len(data),
            "format": scan_format.name,
            "pages": pages,
        },
    )


def _file(portal, submission, scan_format, pages):
    """File one submission and queue its scan for text recognition.

    A copy of an already filed scan is noted in the earlier podnět's history.
    """
    podnet, created = file_submission(portal, submission)
    if podnet is None:
        return "a deleted podnět", False
    if created:
        textjob.queue_scan(portal, podnet, scan_format.name, pages)
    elif podnet.received != submission.received:
        # The same received time means the same file, taken again after a
        # crash before its move, so that is not a second copy.
        history.record(
            podnet,
            "duplicate-scan",
            actor="",
            file_name=submission.intake_info["file_name"],
        )
    return podnet.reference_number, created
