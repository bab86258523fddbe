"""Render PDFs whose words are a real text layer, for text extraction tests."""

from io import BytesIO


# Words found in no other test data, so a hit proves the PDF's text was read.
PDF_LINES = [
    "Městský úřad Horní Lhota",
    "Věc: Rozbitá lavička v parku Žižkovská louka",
    "Prosím o opravu lavičky u pískoviště Šeříková.",
]


def text_layer_pdf(lines=PDF_LINES) -> bytes:
    """Return an A4 PDF that prints `lines` as text in an embedded font.

    The embedded TrueType font (DejaVu Sans) maps every glyph to Unicode, so
    pdftotext reads the Czech letters back.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.27, 11.69))
    for number, line in enumerate(lines):
        figure.text(0.1, 0.9 - number * 0.04, line, family="DejaVu Sans", size=12)
    output = BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure.savefig(output, format="pdf")
    return output.getvalue()


def broken_pdf() -> bytes:
    """Return a PDF cut off after its first kilobyte, as an interrupted upload."""
    return text_layer_pdf()[:1024]


def clerk_finds(portal_url, word, auth):
    """Return the reference numbers found for `word` by the register and @search.

    The register page is searched as a clerk uses it, and @search as the
    REST API's clients do, so both must list the podnět.
    """
    import requests

    register = requests.get(
        f"{portal_url}/podnety", params={"text": word}, auth=auth, timeout=30
    )
    register.raise_for_status()
    search = requests.get(
        f"{portal_url}/@search",
        params={
            "portal_type": "Podnet",
            "SearchableText": word,
            "metadata_fields": "reference_number",
        },
        headers={"Accept": "application/json"},
        auth=auth,
        timeout=30,
    )
    search.raise_for_status()
    return register.text, [item["reference_number"] for item in search.json()["items"]]
