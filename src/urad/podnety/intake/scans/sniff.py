"""Recognise scan formats by their content and count their pages."""

from dataclasses import dataclass
from PIL import Image
from PIL import UnidentifiedImageError

import pypdf
import pypdf.errors


@dataclass(frozen=True)
class ScanFormat:
    """A file format that scanners produce and intake accepts."""

    name: str
    content_type: str
    extension: str


PDF = ScanFormat("pdf", "application/pdf", ".pdf")
TIFF = ScanFormat("tiff", "image/tiff", ".tif")
JPEG = ScanFormat("jpeg", "image/jpeg", ".jpg")
PNG = ScanFormat("png", "image/png", ".png")

# Leading bytes of each format. A PDF may start with a few bytes of junk,
# so its signature is searched for in the first kilobyte.
_SIGNATURES = (
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)
_PDF_SEARCH_BYTES = 1024


class DamagedScan(ValueError):
    """A file has a scan format's signature but cannot be read as one."""


def detect_format(path) -> ScanFormat | None:
    """Return the scan format of the file at `path`, or None if unsupported."""
    with open(path, "rb") as stream:
        head = stream.read(_PDF_SEARCH_BYTES)
    for signature, scan_format in _SIGNATURES:
        if head.startswith(signature):
            return scan_format
    if b"%PDF-" in head:
        return PDF
    return None


def count_pages(path, scan_format: ScanFormat) -> int:
    """Count the pages of a scan without decoding its images.

    Raises DamagedScan when the file's structure cannot be read, and
    ImageTooLarge for an image above Pillow's pixel limit.
    """
    if scan_format == PDF:
        return _count_pdf_pages(path)
    return _count_image_frames(path)


def _count_pdf_pages(path) -> int:
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            # A PDF with only an owner password opens with an empty user password.
            reader.decrypt("")
        pages = len(reader.pages)
    except (pypdf.errors.PyPdfError, ValueError, KeyError, OSError) as error:
        raise DamagedScan(f"the PDF cannot be read: {error}") from error
    if pages < 1:
        raise DamagedScan("the PDF has no pages")
    return pages


class ImageTooLarge(ValueError):
    """An image has more pixels than Pillow opens (its decompression bomb limit).

    The message is Pillow's English text, for the log only.
    """

    @property
    def max_pixels(self) -> int:
        """Return the pixel count above which Pillow refuses to open an image."""
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that, and
        # raises DecompressionBombError above twice the value.
        return 2 * (Image.MAX_IMAGE_PIXELS or 0)


def _count_image_frames(path) -> int:
    try:
        with Image.open(path) as image:
            return getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as error:
        raise ImageTooLarge(str(error)) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise DamagedScan(f"the image cannot be read: {error}") from error
