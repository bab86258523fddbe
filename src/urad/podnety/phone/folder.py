"""Poll a folder for recordings that a PBX bridge copies there.

File names start with the call id: ``<callId>.wav`` or
``<callId>__<anything>.mp3``. A file is read once it has not been modified
for `SETTLE_SECONDS`. It is stored (attached or kept pending) and committed
before it moves to ``processed/``. After a crash in between, the file is
read again and the content hash prevents a second copy.
"""

from datetime import UTC
from datetime import datetime
from pathlib import Path
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.phone import calls as call_store
from urad.podnety.phone.recordings import AUDIO_TYPES
from urad.podnety.phone.recordings import InvalidRecording
from urad.podnety.phone.recordings import store_recording

import logging
import shutil
import time


logger = logging.getLogger(__name__)

SETTLE_SECONDS = 2
PROCESSED = "processed"
FAILED = "failed"
MAX_BACKOFF_SECONDS = 3600

# File name -> (failed attempts, monotonic time of the next attempt). Kept in
# memory: after a restart every file is simply tried again.
_backoff = {}


def _due(path):
    _attempts, next_try = _backoff.get(str(path), (0, 0.0))
    return time.monotonic() >= next_try


def _record_failure(path):
    attempts, _next_try = _backoff.get(str(path), (0, 0.0))
    attempts += 1
    delay = min(MAX_BACKOFF_SECONDS, 60 * 2 ** (attempts - 1))
    _backoff[str(path)] = (attempts, time.monotonic() + delay)
    return attempts, delay


def call_id_of(path, known_ids=frozenset()):
    """Return the call id carried by the recording file name at `path`.

    The longest start of the name that is a known call id and ends before a
    separator wins, so ``abc-1_part2.wav`` finds the call ``abc-1``.
    """
    stem = path.stem
    for end in range(len(stem), 0, -1):
        if end < len(stem) and stem[end] not in "_-. ":
            continue
        if stem[:end] in known_ids:
            return stem[:end]
    return stem.split("__", 1)[0]


def _settled(path):
    stat = path.stat()
    return time.time() - stat.st_mtime >= SETTLE_SECONDS and stat.st_size > 0


def _move(path, subfolder):
    target_dir = path.parent / subfolder
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    if target.exists():
        target = target_dir / f"{path.stem}-{int(time.time())}{path.suffix}"
    shutil.move(str(path), str(target))
    return target


def poll_recordings(portal, folder):
    """Store every settled recording in `folder`; return a summary dict."""
    summary = {"attached": 0, "pending": 0, "duplicate": 0, "failed": 0}
    folder = Path(folder)
    if not folder.is_dir():
        logger.warning("Recordings folder %s does not exist", folder)
        return {"error": "folder not found"}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in AUDIO_TYPES:
            continue
        if path.name.startswith(".") or not _due(path) or not _settled(path):
            continue
        call_id = call_id_of(path, call_store.calls(portal))
        try:
            data = path.read_bytes()
        except OSError as error:
            attempts, delay = _record_failure(path)
            logger.warning(
                "Cannot read recording file %s (attempt %d, next in %ds): %s",
                path.name,
                attempts,
                delay,
                error,
            )
            summary["failed"] += 1
            continue
        received = datetime.fromtimestamp(path.stat().st_mtime, UTC)

        def work(call_id=call_id, data=data, path=path, received=received):
            return store_recording(portal, call_id, path.name, data, "folder", received)

        try:
            outcome = commit_with_retry(work, attempts=5)
        except InvalidRecording:
            logger.warning(
                "Recording file %s is not audio, moved to failed/", path.name
            )
            _move(path, FAILED)
            summary["failed"] += 1
            continue
        try:
            _move(path, PROCESSED)
        except FileNotFoundError:
            # Another worker moved it after the commit; the hash keeps one copy.
            logger.info("Recording file %s was moved by another worker", path.name)
        _backoff.pop(str(path), None)
        summary[outcome] += 1
        logger.info("Recording file %s for call %s: %s", path.name, call_id, outcome)
    return summary
