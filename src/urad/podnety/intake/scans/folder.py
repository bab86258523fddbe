"""The scan folder on disk: complete-file detection and moves after intake.

The folder is written by scanners and SMB clients that give no signal when a
file is finished, so a file is taken only when its size, modification time
and inode change time have not changed for `stable_seconds`. The change time
(ctime) matters because a Windows copy sets the modification time of the
source file while it is still writing.

Nothing here is ever deleted: a taken file moves to ``processed/YYYY/MM/``
and a rejected one to ``failed/`` with ``<name>.reason.txt`` beside it.
"""

from dataclasses import dataclass
from datetime import datetime
from urad.podnety.intake.scans.names import fit_name
from urad.podnety.intake.scans.names import is_ignored
from urad.podnety.intake.scans.names import split_name

import json
import logging
import os
import stat


logger = logging.getLogger(__name__)

PROCESSED = "processed"
FAILED = "failed"
REASON_SUFFIX = ".reason.txt"
# Watcher bookkeeping: when each file was first seen and how it looked.
STATE_FILE = ".urad-podnety-scans.json"


@dataclass
class Observation:
    """The watcher's record of one file across polls."""

    first_seen: float
    size: int
    mtime_ns: int
    ctime_ns: int
    # The latest time the file can have been written with this size and times.
    unchanged_since: float
    # When the watcher last looked at the file.
    polled: float = 0.0
    # Failed attempts to file this version of the file.
    errors: int = 0

    def same_file_state(self, info: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.ctime_ns) == (
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
        )


@dataclass
class Candidate:
    """A file in the folder and the watcher's verdict on it."""

    name: str
    path: str
    size: int
    first_seen: float
    # "ready", "waiting" (still written or too new) or "empty" (0 bytes for
    # longer than the grace time).
    status: str


class ScanFolder:
    """The watched folder with its ``processed/`` and ``failed/`` subfolders."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)

    def ensure(self):
        """Create the folder and its subfolders if they are missing."""
        for sub in ("", PROCESSED, FAILED):
            os.makedirs(os.path.join(self.path, sub), exist_ok=True)

    def scan(self, now: float, stable_seconds: float, empty_grace: float):
        """Observe the folder and return candidates, oldest first.

        Updates the bookkeeping file. Temporary names, subfolders, and files
        that are not regular (sockets, links to elsewhere) are not returned.
        """
        previous = self._load_state()
        current = {}
        candidates = []
        for name in sorted(os.listdir(self.path)):
            if is_ignored(name):
                continue
            path = os.path.join(self.path, name)
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            seen = _observe(previous.get(name), info, now)
            current[name] = seen
            quiet_for = now - seen.unchanged_since
            if quiet_for < stable_seconds:
                status = "waiting"
            elif info.st_size == 0:
                status = "empty" if quiet_for >= empty_grace else "waiting"
            else:
                status = "ready"
            candidates.append(
                Candidate(name, path, info.st_size, seen.first_seen, status)
            )
        if current or previous:
            self._save_state(current)
        candidates.sort(key=lambda candidate: (candidate.first_seen, candidate.name))
        return candidates

    def record_error(self, name: str) -> int:
        """Count a failed attempt to file `name` and return the count so far."""
        state = self._load_state()
        seen = state.get(name)
        if seen is None:
            return 1
        seen.errors += 1
        self._save_state(state)
        return seen.errors

    def forget(self, name: str):
        """Drop the bookkeeping entry of a file that has left the folder."""
        state = self._load_state()
        if state.pop(name, None) is not None:
            self._save_state(state)

    def move_to_processed(self, candidate: Candidate, when: datetime) -> str:
        """Move a filed scan to ``processed/YYYY/MM/`` and return its new path."""
        target_dir = os.path.join(
            self.path, PROCESSED, f"{when.year:04d}", f"{when.month:02d}"
        )
        os.makedirs(target_dir, exist_ok=True)
        return _move_without_overwrite(candidate.path, target_dir, candidate.name)

    def move_to_failed(self, candidate: Candidate, reason: str) -> str:
        """Move a rejected file to ``failed/`` and write the reason beside it."""
        target_dir = os.path.join(self.path, FAILED)
        os.makedirs(target_dir, exist_ok=True)
        target = _move_without_overwrite(candidate.path, target_dir, candidate.name)
        reason_name = fit_name(os.path.basename(target), REASON_SUFFIX)
        reason_path = os.path.join(target_dir, reason_name)
        with open(reason_path, "w", encoding="utf-8") as stream:
            stream.write(reason.rstrip() + "\n")
        return target

    def restore_failed(self, name: str) -> str:
        """Move a rejected file back into the folder to be taken again.

        Its reason file is removed; the file itself keeps its name unless a
        new file of that name has arrived meanwhile.
        """
        failed_dir = os.path.join(self.path, FAILED)
        source = os.path.join(failed_dir, name)
        target = _move_without_overwrite(source, self.path, name)
        reason_path = os.path.join(failed_dir, fit_name(name, REASON_SUFFIX))
        try:
            os.unlink(reason_path)
        except FileNotFoundError:
            pass
        return target

    def _load_state(self) -> dict:
        try:
            with open(os.path.join(self.path, STATE_FILE), encoding="utf-8") as f:
                raw = json.load(f)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            logger.warning("Scan folder state is unreadable, starting afresh")
            return {}
        return {name: Observation(**values) for name, values in raw.items()}

    def _save_state(self, state: dict):
        path = os.path.join(self.path, STATE_FILE)
        temporary = path + ".tmp"
        data = {name: seen.__dict__ for name, seen in state.items()}
        with open(temporary, "w", encoding="utf-8") as stream:
            # ASCII escapes keep names that are not UTF-8 (surrogate escapes).
            json.dump(data, stream, ensure_ascii=True)
        os.replace(temporary, path)


def _observe(previous: Observation | None, info: os.stat_result, now: float):
    """Return the observation of a file, keeping what earlier polls saw."""
    if previous is not None and previous.same_file_state(info):
        previous.polled = now
        return previous
    # Trust the inode change time, but never beyond the present: a client
    # with a wrong clock must not make a file look older than it is.
    changed = min(now, max(info.st_mtime, info.st_ctime))
    if previous is not None:
        # The change happened after the previous poll, whatever the file times show.
        changed = max(changed, previous.polled)
        first_seen = previous.first_seen
    else:
        first_seen = changed
    return Observation(
        first_seen=first_seen,
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
        ctime_ns=info.st_ctime_ns,
        unchanged_since=changed,
        polled=now,
    )


def _move_without_overwrite(source: str, target_dir: str, name: str) -> str:
    """Move `source` into `target_dir`, adding `` (2)``, `` (3)``... on clashes.

    `os.link` fails if the target exists, so two workers cannot overwrite each
    other's file; the source is unlinked only after the link exists.
    """
    stem, extension = split_name(name)
    attempt = 1
    while True:
        suffix = extension if attempt == 1 else f" ({attempt}){extension}"
        target = os.path.join(target_dir, fit_name(stem, suffix))
        try:
            os.link(source, target)
        except FileExistsError:
            attempt += 1
            continue
        except OSError:
            # Some file systems (SMB or FAT mounts) have no hard links.
            if os.path.exists(target):
                attempt += 1
                continue
            os.rename(source, target)
            return target
        os.unlink(source)
        return target
