"""Format sniffing, page counts and text extraction on real rendered scans."""

from urad.podnety.intake.scans import ocr
from urad.podnety.intake.scans import startup
from urad.podnety.intake.scans.sniff import DamagedScan
from urad.podnety.intake.scans.sniff import count_pages
from urad.podnety.intake.scans.sniff import detect_format

import logging
import pytest


class TestSniff:
    @pytest.mark.parametrize(
        "name, format_name, pages",
        [
            ("dopis.png", "png", 1),
            ("dopis.jpg", "jpeg", 1),
            ("dopis-obraz.pdf", "pdf", 1),
            ("dopis-text.pdf", "pdf", 1),
            ("dopis-3-strany.tif", "tiff", 3),
            ("dopis-3-strany.pdf", "pdf", 3),
        ],
    )
    def test_sample_format_and_pages(self, scan_samples, name, format_name, pages):
        scan_format = detect_format(scan_samples[name])
        assert scan_format.name == format_name
        assert count_pages(scan_samples[name], scan_format) == pages

    def test_extension_ignored(self, scan_samples, tmp_path):
        renamed = tmp_path / "sken.pdf"
        renamed.write_bytes(scan_samples["dopis.png"].read_bytes())
        assert detect_format(renamed).name == "png"

    @pytest.mark.parametrize(
        "content", [b"PK\x03\x04 docx", b"Dobry den", b"GIF89a", b"\x00" * 10]
    )
    def test_other_content_unsupported(self, tmp_path, content):
        path = tmp_path / "sken.pdf"
        path.write_bytes(content)
        assert detect_format(path) is None

    def test_truncated_pdf_damaged(self, scan_samples, tmp_path):
        data = scan_samples["dopis-3-strany.pdf"].read_bytes()
        path = tmp_path / "useknuty.pdf"
        path.write_bytes(data[:2000])
        scan_format = detect_format(path)
        with pytest.raises(DamagedScan):
            count_pages(path, scan_format)


class TestExtractText:
    def read(self, path, max_pages=10, language="ces"):
        scan_format = detect_format(path)
        pages = count_pages(path, scan_format)
        return ocr.extract_text(path, scan_format, pages, language, max_pages)

    @pytest.mark.parametrize("name", ["dopis.png", "dopis.jpg", "dopis-obraz.pdf"])
    def test_single_page_ocr(self, scan_samples, name):
        result = self.read(scan_samples[name])
        assert "Křižíkova" in result.text
        assert result.methods == ["ocr"]
        assert result.missing == ""

    @pytest.mark.parametrize("name", ["dopis-3-strany.tif", "dopis-3-strany.pdf"])
    def test_every_page_read(self, scan_samples, name):
        result = self.read(scan_samples[name])
        assert result.pages_read == 3
        assert "Křižíkova" in result.text
        assert "Vinohradská" in result.text
        assert "Šafaříkovo" in result.text

    def test_page_limit_respected(self, scan_samples):
        result = self.read(scan_samples["dopis-3-strany.tif"], max_pages=1)
        assert result.pages_read == 1
        assert "Křižíkova" in result.text
        assert "Vinohradská" not in result.text
        assert result.over_limit

    def test_text_layer_without_tesseract(self, scan_samples, monkeypatch, tmp_path):
        monkeypatch.setenv("PATH", str(tmp_path))
        result = self.read(scan_samples["dopis-text.pdf"])
        assert result.methods == ["text-layer"]
        assert "Žižkovská" in result.text
        assert result.missing == ""

    def test_tesseract_missing_reported(self, scan_samples, monkeypatch, tmp_path):
        monkeypatch.setenv("PATH", str(tmp_path))
        result = self.read(scan_samples["dopis.png"])
        assert result.text == ""
        assert result.methods == ["skipped"]
        assert "tesseract" in result.missing

    def test_language_missing_reported(self, scan_samples):
        result = self.read(scan_samples["dopis.png"], language="xyz")
        assert result.text == ""
        assert result.missing == "Tesseract language data 'xyz' is not installed"
        assert result.missing_error.kind == "language"
        assert result.missing_error.name == "xyz"

    def test_missing_tools_lists_language(self):
        assert ocr.missing_tools("ces") == []
        assert ocr.missing_tools("ces+xyz") == [
            "Tesseract language data 'xyz' is not installed"
        ]


class TestStartupCheck:
    def test_missing_tesseract_warned(self, monkeypatch, tmp_path, caplog):
        monkeypatch.setenv("PATH", str(tmp_path))
        with caplog.at_level(logging.WARNING, logger=startup.__name__):
            startup.check_ocr_tools(None)
        messages = [record.getMessage() for record in caplog.records]
        assert len(messages) == 2
        assert "'tesseract'" in messages[0]
        assert "'pdftoppm'" in messages[1]

    def test_installed_tools_silent(self, caplog):
        with caplog.at_level(logging.WARNING, logger=startup.__name__):
            startup.check_ocr_tools(None)
        assert caplog.records == []
