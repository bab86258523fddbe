"""PDF copies of TIFF scans, because web browsers cannot display TIFF."""

from PIL import Image


def write_pdf_preview(tiff_path, target_path) -> int:
    """Write every page of a TIFF into a PDF and return the page count.

    Pillow encodes the frames one after another, so only one page image is
    decoded at a time.
    """
    with Image.open(tiff_path) as image:
        pages = getattr(image, "n_frames", 1)
        resolution = float((image.info.get("dpi") or (200, 200))[0]) or 200.0
        image.save(
            target_path,
            format="PDF",
            save_all=True,
            resolution=resolution,
        )
    return pages
