"""Text extracted from stored files, so a podnět is found by its attachments."""

from datetime import datetime
from plone import api
from tests.intake.textpdf import broken_pdf
from tests.intake.textpdf import text_layer_pdf
from urad.podnety.intake import Attachment
from urad.podnety.intake import Submission
from urad.podnety.intake import attachments
from urad.podnety.intake import file_submission
from urad.podnety.intake.attachments import extract_text
from urad.podnety.intake.attachments import get_text
from zoneinfo import ZoneInfo

import logging


PRAGUE = ZoneInfo("Europe/Prague")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def _filed(portal, *files, key="web:text"):
    podnet, _created = file_submission(
        portal,
        Submission(
            channel="web",
            source_key=key,
            received=datetime(2026, 5, 4, 8, 0, tzinfo=PRAGUE),
            title="Podnět s přílohou",
            attachments=list(files),
        ),
    )
    return podnet


def _found(text):
    brains = api.content.find(portal_type="Podnet", SearchableText=text)
    return [brain.Title for brain in brains]


class TestExtractText:
    def test_pdf_text_layer(self, manager):
        text = extract_text(text_layer_pdf(), "application/pdf", "dopis.pdf")
        assert "Rozbitá lavička v parku Žižkovská louka" in text
        assert "pískoviště Šeříková" in text

    def test_html_converted(self, manager):
        data = "<p>Hluk z <b>diskotéky</b> v noci</p>".encode()
        text = extract_text(data, "text/html", "stiznost.html")
        assert "diskotéky" in text
        assert "<b>" not in text

    def test_utf8_text(self, manager):
        text = extract_text("Žluťoučký kůň".encode(), "text/plain", "a.txt")
        assert text == "Žluťoučký kůň"

    def test_windows_1250_text(self, manager):
        text = extract_text("Žluťoučký kůň".encode("cp1250"), "text/plain", "a.txt")
        assert text == "Žluťoučký kůň"

    def test_image_left_to_ocr(self, manager):
        assert extract_text(PNG, "image/png", "foto.png") == ""

    def test_type_without_transform(self, manager):
        assert extract_text(b"PK\x03\x04rest", "application/zip", "a.zip") == ""

    def test_oversized_file_skipped(self, manager, monkeypatch, caplog):
        monkeypatch.setattr(attachments, "MAX_EXTRACT_BYTES", 1000)
        caplog.set_level(logging.INFO, logger=attachments.__name__)
        data = text_layer_pdf()
        assert extract_text(data, "application/pdf", "a.pdf", "UP-1/a-pdf") == ""
        assert [r.getMessage() for r in caplog.records] == [
            f"No text extracted from UP-1/a-pdf: {len(data)} bytes is over the "
            "limit of 1000"
        ]

    def test_text_length_capped(self, manager, monkeypatch):
        monkeypatch.setattr(attachments, "MAX_TEXT_LENGTH", 10)
        assert extract_text(b"abcdefghijklmnop", "text/plain", "a.txt") == "abcdefghij"


class TestFiledAttachments:
    def test_podnet_found_by_pdf_word(self, manager):
        _filed(manager, Attachment("dopis.pdf", text_layer_pdf(), "application/pdf"))
        assert _found("Žižkovská") == ["Podnět s přílohou"]
        assert _found("zizkovska") == ["Podnět s přílohou"]
        assert _found("Šeříková") == ["Podnět s přílohou"]

    def test_podnet_found_by_txt_word(self, manager):
        data = "Stížnost na hlučnou kompresorovnu".encode("cp1250")
        _filed(manager, Attachment("stiznost.txt", data, "text/plain"))
        assert _found("kompresorovnu") == ["Podnět s přílohou"]

    def test_channel_text_kept(self, manager):
        podnet = _filed(
            manager,
            Attachment("dopis.pdf", text_layer_pdf(), "application/pdf", text="jiný"),
        )
        assert get_text(podnet.objectValues()[0]) == "jiný"
        assert _found("Žižkovská") == []

    def test_original_left_to_channel(self, manager):
        podnet = _filed(
            manager,
            Attachment("sken.pdf", text_layer_pdf(), "application/pdf", original=True),
        )
        assert get_text(podnet.objectValues()[0]) == ""

    def test_broken_pdf_kept_without_text(self, manager, caplog):
        caplog.set_level(logging.INFO, logger=attachments.__name__)
        data = broken_pdf()
        podnet = _filed(manager, Attachment("dopis.pdf", data, "application/pdf"))
        [item] = podnet.objectValues()
        assert item.file.data == data
        assert get_text(item) == ""
        assert _found("Žižkovská") == []
        label = f"{podnet.reference_number}/{item.getId()}"
        assert [r.getMessage() for r in caplog.records] == [
            f"pdftotext could not read {label} (exit status 1), the file is kept "
            "without text",
            f"No text found in {label} (application/pdf)",
        ]

    def test_slow_pdf_stopped(self, manager, monkeypatch, caplog):
        # A limit far below pdftotext's start-up time makes the real process
        # overrun it, as a crafted PDF would overrun the real limit.
        monkeypatch.setattr(attachments, "PDFTOTEXT_TIMEOUT", 0.001)
        caplog.set_level(logging.INFO, logger=attachments.__name__)
        data = text_layer_pdf()
        podnet = _filed(manager, Attachment("dopis.pdf", data, "application/pdf"))
        [item] = podnet.objectValues()
        assert item.file.data == data
        assert get_text(item) == ""
        label = f"{podnet.reference_number}/{item.getId()}"
        assert (
            f"pdftotext on {label} timed out after 0.001 s, the file is kept "
            "without text"
        ) in [r.getMessage() for r in caplog.records]
