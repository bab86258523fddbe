"""Read the text of a scan page by page: a PDF text layer, else Tesseract OCR.

Pages are handled one at a time through temporary PNG files, so a long
letter never sits in memory whole. The external programs are Tesseract
(`tesseract`, Debian package tesseract-ocr plus tesseract-ocr-<lang>) and
Poppler's `pdftoppm` (poppler-utils) for image-only PDF pages.
"""

from dataclasses import dataclass
from dataclasses import field
from PIL import Image
from urad.podnety.intake.scans.sniff import PDF
from urad.podnety.intake.scans.sniff import TIFF

import logging
import os
import pypdf
import shutil
import subprocess
import tempfile
import time


logger = logging.getLogger(__name__)

# A PDF page whose text layer has fewer letters and digits than this is
# treated as image-only (scanners often add just a page number or a stamp).
MIN_TEXT_LAYER_CHARS = 20
# Pages are rasterised so that the long side has this many pixels: an A4
# page at 300 dpi, the resolution Tesseract is trained for.
RASTER_LONG_SIDE = 3508
# A TIFF or image page larger than this is not OCRed (about A3 at 600 dpi).
MAX_PAGE_PIXELS = 80_000_000
# Seconds one page may take in Tesseract or pdftoppm.
PAGE_TIMEOUT = 180


class ToolMissing(RuntimeError):
    """An OCR program or its language data is not installed.

    `kind` is "program" or "language" and `name` the program or language code.
    """

    def __init__(self, kind, name, message):
        super().__init__(message)
        self.kind = kind
        self.name = name


@dataclass
class TextResult:
    """Text found in a scan and how it was found."""

    text: str = ""
    pages: int = 0
    pages_read: int = 0
    # Per-page method: "text-layer", "ocr" or "skipped".
    methods: list[str] = field(default_factory=list)
    # True when pages beyond the OCR page limit were left unread.
    over_limit: bool = False
    # Pages that could not be read, with the reason (for example too large).
    problems: list[str] = field(default_factory=list)
    # Set when a missing program or language blocked OCR, so it is retried.
    missing: str = ""
    # The blocking error itself, for messages that name what is missing.
    missing_error: "ToolMissing | None" = None
    # The page (from 0) to resume at when the deadline stopped reading.
    next_page: int | None = None


def missing_tools(language: str) -> list[str]:
    """List what is missing to OCR with `language` (for example ``ces``)."""
    missing = []
    for program in ("tesseract", "pdftoppm"):
        if shutil.which(program) is None:
            missing.append(f"program {program!r} is not installed")
    if shutil.which("tesseract") is None:
        return missing
    installed = installed_languages()
    for code in language.split("+"):
        if code not in installed:
            missing.append(f"Tesseract language data {code!r} is not installed")
    return missing


def installed_languages() -> set[str]:
    """Return the language codes that Tesseract has data for."""
    completed = subprocess.run(
        ["tesseract", "--list-langs"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    # The first line is a header naming the data folder.
    lines = (completed.stdout or "").splitlines()[1:]
    return {line.strip() for line in lines if line.strip()}


def extract_text(
    path, scan_format, pages, language, max_pages, first_page=0, deadline=None
) -> TextResult:
    """Read the text of pages `first_page` up to `max_pages` of a scan.

    Once `time.monotonic()` passes `deadline`, no further page is started
    (at least one page is always read) and `next_page` is the page to resume at.
    """
    result = TextResult(pages=pages)
    texts = []
    blocked = ""
    with tempfile.TemporaryDirectory(prefix="urad-podnety-ocr-") as workdir:
        for index, page_text in _page_texts(path, scan_format, pages, first_page):
            if index >= max_pages:
                result.over_limit = True
                break
            if deadline is not None and index > first_page:
                if time.monotonic() > deadline:
                    result.next_page = index
                    break
            if page_text is not None:
                texts.append(page_text)
                result.methods.append("text-layer")
                result.pages_read += 1
                continue
            if blocked:
                result.methods.append("skipped")
                continue
            try:
                texts.append(_ocr_page(path, scan_format, index, language, workdir))
            except ToolMissing as error:
                blocked = str(error)
                result.missing_error = error
                result.methods.append("skipped")
                continue
            except PageTooLarge as error:
                result.problems.append(str(error))
                result.methods.append("skipped")
                continue
            result.methods.append("ocr")
            result.pages_read += 1
    result.missing = blocked
    result.text = "\n\n".join(text.strip() for text in texts if text.strip())
    return result


class PageTooLarge(ValueError):
    """A page image exceeds MAX_PAGE_PIXELS."""


def _page_texts(path, scan_format, pages, first_page):
    """Yield (index, text layer) per page, with None where OCR is needed."""
    if scan_format != PDF:
        yield from ((index, None) for index in range(first_page, pages))
        return
    reader = pypdf.PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")
    for index in range(first_page, len(reader.pages)):
        try:
            text = reader.pages[index].extract_text() or ""
        except (pypdf.errors.PyPdfError, ValueError, KeyError) as error:
            logger.warning("Text layer of page %s is unreadable: %s", index + 1, error)
            text = ""
        if sum(char.isalnum() for char in text) >= MIN_TEXT_LAYER_CHARS:
            yield index, text
        else:
            yield index, None


def _ocr_page(path, scan_format, index, language, workdir) -> str:
    if scan_format == PDF:
        image_path = _rasterise_pdf_page(path, index, workdir)
    elif scan_format == TIFF:
        image_path = _extract_tiff_frame(path, index, workdir)
    else:
        _check_page_size(path, index)
        image_path = path
    try:
        return _run_tesseract(image_path, language)
    finally:
        if image_path != path:
            os.unlink(image_path)


def _rasterise_pdf_page(path, index, workdir) -> str:
    if shutil.which("pdftoppm") is None:
        raise ToolMissing(
            "program", "pdftoppm", "program 'pdftoppm' (poppler-utils) is not installed"
        )
    prefix = os.path.join(workdir, "page")
    number = str(index + 1)
    subprocess.run(
        ["pdftoppm", "-f", number, "-l", number, "-singlefile", "-gray", "-png"]
        + ["-scale-to", str(RASTER_LONG_SIDE), str(path), prefix],
        capture_output=True,
        timeout=PAGE_TIMEOUT,
        check=True,
    )
    return prefix + ".png"


def _extract_tiff_frame(path, index, workdir) -> str:
    target = os.path.join(workdir, "frame.png")
    with Image.open(path) as image:
        image.seek(index)
        _check_pixels(image, index)
        image.save(target, format="PNG")
    return target


def _check_page_size(path, index):
    with Image.open(path) as image:
        _check_pixels(image, index)


def _check_pixels(image, index):
    width, height = image.size
    if width * height > MAX_PAGE_PIXELS:
        raise PageTooLarge(
            f"page {index + 1} has {width}x{height} pixels, more than the "
            f"OCR limit of {MAX_PAGE_PIXELS} pixels"
        )


def _run_tesseract(image_path, language) -> str:
    if shutil.which("tesseract") is None:
        raise ToolMissing(
            "program",
            "tesseract",
            "program 'tesseract' (tesseract-ocr) is not installed",
        )
    # One thread per page: OCR runs beside a Zope instance serving users.
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")
    completed = subprocess.run(
        ["tesseract", str(image_path), "stdout", "-l", language],
        capture_output=True,
        timeout=PAGE_TIMEOUT,
        env=environment,
        check=False,
    )
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", errors="replace").strip()
        if "Failed loading language" in message or "couldn't load" in message:
            raise ToolMissing(
                "language",
                language,
                f"Tesseract language data {language!r} is not installed",
            )
        raise subprocess.CalledProcessError(
            completed.returncode, "tesseract", stderr=message
        )
    return completed.stdout.decode("utf-8", errors="replace")
