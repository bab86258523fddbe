"""File names in the scan folder: which to skip, how to show and store them."""

import os
import unicodedata


# Most Linux file systems limit one name to 255 bytes.
MAX_NAME_BYTES = 255

# Names that scanners, SMB clients and editors use while a file is being
# written, or for their own bookkeeping. These are never taken.
_TEMPORARY_PREFIXES = (".", "~")
_TEMPORARY_SUFFIXES = ("~", ".tmp", ".temp", ".part", ".partial", ".crdownload")
_SYSTEM_NAMES = {"thumbs.db", "desktop.ini"}


def is_ignored(name: str) -> bool:
    """Return True for temporary and system files that intake must not take."""
    lowered = name.lower()
    if lowered.startswith(_TEMPORARY_PREFIXES):
        return True
    if lowered.endswith(_TEMPORARY_SUFFIXES):
        return True
    return lowered in _SYSTEM_NAMES


def display_name(name: str) -> str:
    """Turn a name from `os.listdir` into readable NFC text.

    Samba stores UTF-8, but an old client may write Czech names in
    windows-1250. Python keeps undecodable bytes as surrogate escapes, and
    those are decoded as windows-1250 here instead of being shown as U+FFFD.
    macOS clients send decomposed (NFD) accents, which are composed.
    """
    raw = os.fsencode(name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1250", errors="replace")
    return unicodedata.normalize("NFC", text)


def fit_name(stem: str, suffix: str = "", max_bytes: int = MAX_NAME_BYTES) -> str:
    """Join `stem` and `suffix`, shortening the stem to fit in `max_bytes`.

    The stem is cut on a character boundary, so a multi-byte Czech letter is
    never split.
    """
    budget = max_bytes - len(os.fsencode(suffix))
    encoded = os.fsencode(stem)
    if len(encoded) > budget:
        encoded = encoded[:budget]
        stem = encoded.decode("utf-8", errors="ignore").rstrip()
        # A name that was not UTF-8 keeps its surrogate escapes.
        while len(os.fsencode(stem)) > budget:
            stem = stem[:-1]
    return stem + suffix


def split_name(name: str) -> tuple[str, str]:
    """Split a name into stem and extension, where a leading dot starts no extension."""
    stem, extension = os.path.splitext(name)
    if not stem:
        return name, ""
    return stem, extension
