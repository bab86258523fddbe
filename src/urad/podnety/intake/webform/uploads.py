"""Check files uploaded through the web form against the office's limits."""

from dataclasses import dataclass
from urad.podnety import _
from urad.podnety.intake.submission import Attachment

import filetype
import posixpath
import unicodedata


MEGABYTE = 1024 * 1024
MAX_FILENAME_LENGTH = 120
TEXT_EXTENSIONS = (".txt", ".csv")

# Names citizens understand, shown in the error that lists the allowed types.
TYPE_LABELS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/tiff": "TIFF",
    "image/heic": "HEIC",
    "image/webp": "WebP",
    "text/plain": "TXT",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/rtf": "RTF",
}


@dataclass(frozen=True)
class UploadLimits:
    """Limits for the files of one submission, with sizes in bytes."""

    max_files: int
    max_file_size: int
    max_total_size: int
    allowed_types: frozenset


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the form field received it."""

    field: str
    filename: str
    data: bytes


def clean_filename(filename, content_type=""):
    """Return a safe file name: no path, no control characters, bounded length.

    Diacritics and dashes stay. An empty name gets a generic one with the
    extension of the sniffed type.
    """
    name = (filename or "").replace("\\", "/")
    name = posixpath.basename(name)
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".").strip()
    if len(name) > MAX_FILENAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            keep = MAX_FILENAME_LENGTH - len(extension) - 1
            name = f"{stem[:keep]}.{extension}"
        else:
            name = name[:MAX_FILENAME_LENGTH]
    if not name:
        kind = filetype.get_type(mime=content_type) if content_type else None
        extension = kind.extension if kind else "bin"
        if content_type == "text/plain":
            extension = "txt"
        name = f"priloha.{extension}"
    return name


def _looks_like_text(data):
    if b"\x00" in data[:65536]:
        return False
    for encoding in ("utf-8", "cp1250"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def sniff_type(data, filename=""):
    """Return the MIME type found in the file's bytes, or "" when unknown.

    Plain text has no magic number, so a file named ``*.txt`` or ``*.csv``
    counts as text when its bytes decode as UTF-8 or windows-1250.
    """
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime
    if filename.lower().endswith(TEXT_EXTENSIONS) and _looks_like_text(data):
        return "text/plain"
    return ""


def _mb(size):
    return f"{size / MEGABYTE:.0f}" if size >= MEGABYTE else f"{size / MEGABYTE:.1f}"


def allowed_labels(limits):
    """Return the allowed types as a readable list such as "PDF, JPEG, PNG"."""
    labels = {TYPE_LABELS.get(mime, mime) for mime in limits.allowed_types}
    return ", ".join(sorted(labels))


def check_uploads(uploads, limits):
    """Check uploads and return (attachments, errors by field name).

    Every file is checked by its bytes, never by its name or by the type the
    browser claims. A file that breaks a limit is left out of the attachments
    and its field gets a message in Czech that names the file and the limit.
    """
    attachments = []
    errors = {}
    total = 0
    for index, upload in enumerate(uploads):
        name = clean_filename(upload.filename)
        size = len(upload.data)
        if index >= limits.max_files:
            errors[upload.field] = _(
                "You can attach at most ${count} files.",
                mapping={"count": limits.max_files},
            )
            continue
        if size == 0:
            errors[upload.field] = _(
                "The file ${name} is empty. Choose the file again.",
                mapping={"name": name},
            )
            continue
        if size > limits.max_file_size:
            errors[upload.field] = _(
                "The file ${name} is larger than ${size} MB. Attach a smaller "
                "file, or send it by e-mail or post.",
                mapping={"name": name, "size": _mb(limits.max_file_size)},
            )
            continue
        content_type = sniff_type(upload.data, name)
        if content_type not in limits.allowed_types:
            errors[upload.field] = _(
                "The file ${name} is not of an allowed type. Allowed types "
                "are: ${types}.",
                mapping={"name": name, "types": allowed_labels(limits)},
            )
            continue
        total += size
        if total > limits.max_total_size:
            errors[upload.field] = _(
                "All attachments together may have at most ${size} MB.",
                mapping={"size": _mb(limits.max_total_size)},
            )
            continue
        attachments.append(
            Attachment(
                filename=clean_filename(upload.filename, content_type),
                data=upload.data,
                content_type=content_type,
            )
        )
    return attachments, errors
