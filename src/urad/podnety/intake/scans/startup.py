"""Warn at start-up when the programs for scan text recognition are missing."""

from urad.podnety.intake.scans.ocr import missing_tools
from urad.podnety.intake.scans.settings import IScanSettings

import logging
import subprocess


logger = logging.getLogger(__name__)


def check_ocr_tools(event):
    """Log one warning per missing OCR program or language at process start."""
    # The site's configured language is not reachable before a request, so
    # the check uses the default language of the settings.
    language = IScanSettings["ocr_language"].default
    try:
        problems = missing_tools(language)
    except (OSError, subprocess.SubprocessError) as error:
        problems = [f"Tesseract does not run: {error}"]
    for problem in problems:
        logger.warning(
            "Scanned letters are filed but their text is not recognised: %s",
            problem,
        )
