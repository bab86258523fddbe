"""Checks a file must pass before it is filed, with reasons for clerks."""

from urad.podnety import _
from urad.podnety.intake.scans.sniff import DamagedScan
from urad.podnety.intake.scans.sniff import ImageTooLarge
from urad.podnety.intake.scans.sniff import count_pages
from urad.podnety.intake.scans.sniff import detect_format
from urad.podnety.notifications.settings import site_language
from zope.i18n import translate

import logging
import os


logger = logging.getLogger(__name__)


class Rejected(Exception):
    """A file that intake does not accept. Its message is the reason shown to clerks."""


def read_scan(stream, candidate, settings):
    """Check one locked file and return its format, page count and bytes."""
    if candidate.status == "empty":
        raise Rejected(
            translate_reason(
                _(
                    "The file is empty (0 bytes) and did not grow within "
                    "${seconds} seconds.",
                    mapping={"seconds": settings.empty_grace_seconds},
                )
            )
        )
    size = os.fstat(stream.fileno()).st_size
    limit = settings.max_file_megabytes * 1024 * 1024
    if size > limit:
        raise Rejected(
            translate_reason(
                _(
                    "The file has ${size} MB, more than the limit of ${limit} MB. "
                    "Raise the limit in the scan settings and move the file back "
                    "to the scan folder.",
                    mapping={
                        "size": round(size / 1048576, 1),
                        "limit": settings.max_file_megabytes,
                    },
                )
            )
        )
    scan_format = detect_format(candidate.path)
    if scan_format is None:
        raise Rejected(
            translate_reason(
                _(
                    "The file is not a PDF, TIFF, JPEG or PNG scan. Save the "
                    "letter in one of these formats and put it into the scan "
                    "folder again."
                )
            )
        )
    try:
        pages = count_pages(candidate.path, scan_format)
    except ImageTooLarge as error:
        # Pillow's message holds only pixel counts, no personal data.
        logger.warning("A scan image exceeds Pillow's pixel limit: %s", error)
        raise Rejected(
            translate_reason(
                _(
                    "The image has more than ${megapixels} million pixels and is "
                    "too large to process. Scan the letter again at 300 dpi.",
                    mapping={"megapixels": error.max_pixels // 1_000_000},
                )
            )
        ) from error
    except DamagedScan as error:
        # The library's English detail helps an administrator, not a clerk.
        logger.warning("A scan cannot be read: %s", error)
        raise Rejected(
            translate_reason(
                _(
                    "The file looks like ${format} but is damaged or incomplete. "
                    "Scan the letter again.",
                    mapping={"format": scan_format.name.upper()},
                )
            )
        ) from error
    return scan_format, pages, stream.read()


def translate_reason(message) -> str:
    """Translate a message into the site language for storing on disk or in data."""
    return translate(message, target_language=site_language())
