"""Render invented Czech letters into the file formats that office scanners save.

Run ``python make_samples.py OUTPUT_DIR`` to write the samples, or import
`make_samples` from a test. Needs Pillow, matplotlib (for the PDF with a real
text layer) and the DejaVu fonts (Debian package fonts-dejavu-core).
"""

from PIL import Image
from PIL import ImageDraw
from PIL import ImageFont

import os
import sys


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# A4 at 200 dpi keeps the files small and is still read well by Tesseract.
PAGE_SIZE = (1654, 2339)
DPI = 200

LETTER = [
    "Městský úřad Horní Lhota",
    "odbor dopravy",
    "",
    "Věc: Stížnost na výtluk v ulici Křižíkova",
    "",
    "Vážení,",
    "upozorňuji na hluboký výtluk v ulici Křižíkova",
    "před domem číslo 12. Prosím o opravu vozovky.",
    "",
    "S pozdravem",
    "Jan Nový",
]
# Extra pages of the multi-page samples, each with a word found nowhere else.
APPENDIX_PAGES = [
    ["Příloha 1", "", "Výtluk je hluboký asi deset centimetrů.", "Ulice Vinohradská"],
    ["Příloha 2", "", "Fotografie pořízena ráno.", "Náměstí Šafaříkovo"],
]
# Printed only into the text-layer PDF, so finding it proves the layer is used.
TEXT_LAYER_LETTER = [
    "Městský úřad Horní Lhota",
    "",
    "Věc: Žádost o opravu lavičky v parku Žižkovská louka",
    "",
    "Prosím o opravu rozbité lavičky u dětského hřiště.",
]


def render_page(lines, mode="L") -> Image.Image:
    """Draw `lines` of text on a white A4 page."""
    page = Image.new("L", PAGE_SIZE, color=255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 44)
    y = 200
    for line in lines:
        draw.text((160, y), line, font=font, fill=0)
        y += 70
    return page.convert(mode)


def write_png(path):
    render_page(LETTER).save(path, dpi=(DPI, DPI))


def write_jpeg(path):
    render_page(LETTER).save(path, quality=85, dpi=(DPI, DPI))


def write_image_pdf(path):
    """Save the letter as a PDF that contains only a page image, no text."""
    render_page(LETTER).save(path, format="PDF", resolution=DPI)


def write_multipage_pdf(path, pages):
    """Save an image-only PDF with the letter and its appendix pages."""
    rendered = [render_page(lines) for lines in pages]
    rendered[0].save(
        path, format="PDF", resolution=DPI, save_all=True, append_images=rendered[1:]
    )


def write_tiff(path):
    """Save a bilevel, Group 4 compressed TIFF of three pages, as scanners do."""
    pages = [render_page(lines, mode="1") for lines in [LETTER, *APPENDIX_PAGES]]
    pages[0].save(
        path,
        format="TIFF",
        compression="group4",
        dpi=(DPI, DPI),
        save_all=True,
        append_images=pages[1:],
    )


def write_text_layer_pdf(path):
    """Save a PDF whose words are real text (as from a scanner with OCR)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    # Embed the TrueType font so every Czech letter has a Unicode mapping.
    matplotlib.rcParams["pdf.fonttype"] = 42
    figure = Figure(figsize=(8.27, 11.69))
    for number, line in enumerate(TEXT_LAYER_LETTER):
        figure.text(0.1, 0.9 - number * 0.04, line, family="DejaVu Sans", size=12)
    figure.savefig(path, format="pdf")


SAMPLES = {
    "dopis.png": write_png,
    "dopis.jpg": write_jpeg,
    "dopis-obraz.pdf": write_image_pdf,
    "dopis-3-strany.tif": write_tiff,
    "dopis-text.pdf": write_text_layer_pdf,
    "dopis-3-strany.pdf": lambda path: write_multipage_pdf(
        path, [LETTER, *APPENDIX_PAGES]
    ),
}


def make_samples(output_dir) -> dict[str, str]:
    """Write every sample into `output_dir` and return their paths by name."""
    os.makedirs(output_dir, exist_ok=True)
    paths = {}
    for name, write in SAMPLES.items():
        path = os.path.join(output_dir, name)
        write(path)
        paths[name] = path
    return paths


if __name__ == "__main__":
    for written in make_samples(sys.argv[1] if len(sys.argv) > 1 else ".").values():
        print(written)
