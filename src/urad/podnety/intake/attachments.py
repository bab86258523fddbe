"""Files stored inside a podnět and the text extracted from them."""

from plone import api
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.namedfile.file import NamedBlobFile
from urad.podnety.content.files import create_podnet_file
from urad.podnety.intake.submission import Attachment
from zope.component import queryUtility

import logging
import shutil
import subprocess


logger = logging.getLogger(__name__)

TEXT_ATTRIBUTE = "podnety_text"
ORIGINAL_ATTRIBUTE = "podnety_original"
# Larger files are stored without text, because pdftotext and the other
# transforms read the whole file into memory.
# NOTE: only pdftotext has a time limit (PDFTOTEXT_TIMEOUT). The other
# transforms do not, so a crafted file of another type under this size can
# keep the filing transaction busy for as long as its transform runs.
MAX_EXTRACT_BYTES = 30 * 1024 * 1024
# Maximum length of the text stored for search, in characters.
MAX_TEXT_LENGTH = 1_000_000
# Seconds pdftotext may take for one PDF before it is stopped.
PDFTOTEXT_TIMEOUT = 60
# Types without text to extract here. Only the scan channel runs OCR, and
# only on its own scans, so photos attached elsewhere stay without text.
NO_TEXT_PREFIXES = ("image/", "audio/", "video/")


def add_file(podnet, attachment: Attachment, container_modified: bool = True):
    """Store an attachment as a File item inside the podnět and return it.

    The item stays out of the portal catalog (see `content.files`), and the
    podnět's SearchableText indexes `attachment.text` instead. When the
    channel extracted no text, the text is extracted here, except from the
    channel's original (the e-mail message, the scan that OCR reads later,
    the call recording). With `container_modified` false the caller notifies
    the podnět's change.
    """
    blob = NamedBlobFile(
        data=attachment.data,
        contentType=attachment.content_type or "application/octet-stream",
        filename=attachment.filename,
    )
    item = create_podnet_file(
        podnet,
        _file_id(podnet, attachment.filename),
        attachment.filename,
        blob,
        container_modified=container_modified,
    )
    setattr(item, ORIGINAL_ATTRIBUTE, bool(attachment.original))
    text = attachment.text
    if not text and not attachment.original:
        label = f"{getattr(podnet, 'reference_number', '')}/{item.getId()}"
        text = extract_text(
            attachment.data, blob.contentType, attachment.filename, label
        )
    if text:
        setattr(item, TEXT_ATTRIBUTE, text.replace("\x00", ""))
    return item


def extract_text(
    data: bytes, content_type: str, filename: str = "", label: str = ""
) -> str:
    """Convert a file's bytes to plain text with portal_transforms.

    This is how plone.app.contenttypes indexes a File: ``convertTo`` with
    ``text/plain`` as the target. Returns an empty string for a type with no
    transform to text, an image, a recording, an empty or oversized file,
    and when the transform fails, which is logged. Log lines name the file
    by `label` (reference number and file id), because file names may
    contain citizens' personal data.
    """
    if not data or not content_type or content_type.startswith(NO_TEXT_PREFIXES):
        return ""
    if len(data) > MAX_EXTRACT_BYTES:
        logger.info(
            "No text extracted from %s: %s bytes is over the limit of %s",
            label,
            len(data),
            MAX_EXTRACT_BYTES,
        )
        return ""
    if content_type == "application/pdf":
        output = _pdf_to_text(data, label)
        if output is not None:
            return _found_text(output, label, content_type)
    transforms = api.portal.get_tool("portal_transforms")
    if content_type != "text/plain" and not transforms._findPath(
        content_type, "text/plain"
    ):
        return ""
    try:
        result = transforms.convertTo(
            "text/plain", data, mimetype=content_type, filename=filename
        )
    except Exception:
        # The transforms run external programs and parsers on citizens'
        # files, so any error there must leave the file stored without text.
        logger.exception("Extracting text from %s (%s) failed", label, content_type)
        return ""
    output = result.getData() if result is not None else b""
    return _found_text(output, label, content_type)


def _found_text(output, label, content_type):
    text = _decode(output).strip()[:MAX_TEXT_LENGTH]
    if not text:
        logger.info("No text found in %s (%s)", label, content_type)
    return text


def _pdf_to_text(data, label):
    """Return the text layer of a PDF from pdftotext, or None without pdftotext.

    portal_transforms runs the same program through a shell and temporary
    files, with no time limit. Here it reads and writes pipes and is stopped
    after PDFTOTEXT_TIMEOUT seconds, so a crafted PDF cannot hold the filing
    transaction. An unreadable PDF returns empty output and is logged.
    """
    program = shutil.which("pdftotext")
    if program is None:
        return None
    command = [program, "-enc", "UTF-8", "-q", "-", "-"]
    try:
        completed = subprocess.run(
            command, input=data, capture_output=True, timeout=PDFTOTEXT_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        logger.warning(
            "pdftotext on %s timed out after %s s, the file is kept without text",
            label,
            PDFTOTEXT_TIMEOUT,
        )
        return b""
    if completed.returncode:
        logger.info(
            "pdftotext could not read %s (exit status %s), the file is kept "
            "without text",
            label,
            completed.returncode,
        )
        return b""
    return completed.stdout


def extract_stored_text(item) -> str:
    """Extract the text of a stored File item, as `add_file` does on filing."""
    blob = getattr(item, "file", None)
    if blob is None or is_original(item):
        return ""
    label = f"{getattr(item.__parent__, 'reference_number', '')}/{item.getId()}"
    return extract_text(blob.data, blob.contentType, blob.filename, label)


def _decode(output) -> str:
    if isinstance(output, str):
        return output
    try:
        return output.decode("utf-8")
    except UnicodeDecodeError:
        # Czech text files not in UTF-8 are usually windows-1250, the same
        # fallback the web form uses when it checks that a .txt is text.
        return output.decode("cp1250", errors="replace")


def _file_id(podnet, filename):
    """Return a URL-safe id for `filename` that is free in the podnět."""
    base = queryUtility(IIDNormalizer).normalize(filename or "soubor", max_length=80)
    candidate = base or "soubor"
    number = 1
    while candidate in podnet.objectIds():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def get_text(item):
    """Return the text extracted from a stored file, or an empty string."""
    return getattr(item, TEXT_ATTRIBUTE, "") or ""


def set_text(item, text):
    """Store text extracted later (OCR) and reindex the podnět for search."""
    setattr(item, TEXT_ATTRIBUTE, (text or "").replace("\x00", ""))
    parent = item.__parent__
    parent.reindexObject(idxs=["SearchableText"])


def is_original(item):
    return bool(getattr(item, ORIGINAL_ATTRIBUTE, False))
