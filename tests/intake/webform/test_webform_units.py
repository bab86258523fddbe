"""Pure parts of the web form channel: uploads, throttling and field mapping."""

from datetime import datetime
from urad.podnety.intake.webform.mapping import build_submission
from urad.podnety.intake.webform.throttle import Throttle
from urad.podnety.intake.webform.throttle import client_key
from urad.podnety.intake.webform.uploads import Upload
from urad.podnety.intake.webform.uploads import UploadLimits
from urad.podnety.intake.webform.uploads import check_uploads
from urad.podnety.intake.webform.uploads import clean_filename
from urad.podnety.intake.webform.uploads import sniff_type
from zoneinfo import ZoneInfo

import pytest


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 40
LIMITS = UploadLimits(
    max_files=2,
    max_file_size=100,
    max_total_size=120,
    allowed_types=frozenset({"image/png", "text/plain", "application/pdf"}),
)


class TestSniffType:
    @pytest.mark.parametrize(
        "data,name,expected",
        [
            (PNG, "foto.jpg", "image/png"),
            (b"%PDF-1.4\n", "a.pdf", "application/pdf"),
            ("Dobrý den".encode("cp1250"), "dopis.txt", "text/plain"),
            (b"MZ\x90\x00\x03", "fotka.png", "application/x-msdownload"),
            (b"\x00\x01binary", "x.txt", ""),
        ],
    )
    def test_type_from_content(self, data, name, expected):
        assert sniff_type(data, name) == expected


class TestCleanFilename:
    def test_path_and_controls_removed(self):
        assert clean_filename("C:\\Users\\x\\Žádost\r\n – č. 1.pdf") == (
            "Žádost – č. 1.pdf"
        )

    def test_empty_name_gets_extension(self):
        assert clean_filename("", "application/pdf") == "priloha.pdf"

    def test_long_name_keeps_extension(self):
        name = clean_filename("a" * 300 + ".pdf")
        assert len(name) == 120
        assert name.endswith(".pdf")


class TestCheckUploads:
    def test_valid_files_accepted(self):
        attachments, errors = check_uploads([Upload("f1", "ok.png", PNG)], LIMITS)
        assert errors == {}
        assert attachments[0].content_type == "image/png"
        assert attachments[0].data == PNG

    def test_each_limit_reported_on_its_field(self):
        uploads = [
            Upload("f1", "big.pdf", b"%PDF-1.4\n" + b"0" * 200),
            Upload("f2", "virus.png", b"MZ\x90\x00\x03"),
            Upload("f3", "third.png", PNG),
        ]
        attachments, errors = check_uploads(uploads, LIMITS)
        assert attachments == []
        assert "larger than" in errors["f1"]
        assert "not of an allowed type" in errors["f2"]
        assert "at most ${count} files" in errors["f3"]

    def test_total_size_limit(self):
        uploads = [Upload("f1", "a.png", PNG + b"1" * 40), Upload("f2", "b.png", PNG)]
        attachments, errors = check_uploads(uploads, LIMITS)
        assert len(attachments) == 1
        assert "together" in errors["f2"]

    def test_empty_file_rejected(self):
        _attachments, errors = check_uploads([Upload("f1", "a.pdf", b"")], LIMITS)
        assert "empty" in errors["f1"]


class TestThrottle:
    def test_window_slides(self):
        now = [1000.0]
        throttle = Throttle(clock=lambda: now[0])
        for _ in range(3):
            throttle.record("a")
        assert throttle.retry_after("a", 3, 60) == 61
        assert throttle.retry_after("b", 3, 60) == 0
        now[0] += 61
        assert throttle.retry_after("a", 3, 60) == 0

    @pytest.mark.parametrize(
        "address,key",
        [
            ("192.0.2.7", "192.0.2.7"),
            ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
            ("::ffff:192.0.2.7", "192.0.2.7"),
            ("", "unknown"),
        ],
    )
    def test_client_key(self, address, key):
        assert client_key(address) == key


class TestBuildSubmission:
    def _build(self, data, mapping=None):
        return build_submission(
            data,
            mapping or {"title": "predmet", "text": "text", "citizen_name": "jmeno"},
            {"obec": "Obec", "souhlas": "Souhlas"},
            [],
            datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Prague")),
            "form-uid",
            skip={"web_address"},
            fallback_title="Podnět z webu",
            yes="ano",
            no="ne",
        )

    def test_unmapped_field_appended(self):
        submission = self._build(
            {"predmet": "Výtluk", "text": "Díra", "obec": "Kunice", "souhlas": True}
        )
        assert submission.text == "Díra\n\nObec: Kunice\nSouhlas: ano"
        assert submission.intake_info["form_fields"] == {
            "Obec": "Kunice",
            "Souhlas": "ano",
        }

    def test_line_breaks_removed_from_name(self):
        submission = self._build({"jmeno": "Jana\r\nBcc: x@example.org", "text": "a"})
        assert submission.citizen_name == "Jana Bcc: x@example.org"

    def test_same_content_same_key(self):
        first = self._build({"predmet": "A", "text": "B", "web_address": ""})
        again = self._build({"predmet": "A", "text": "B", "web_address": ""})
        other = self._build({"predmet": "A", "text": "C"})
        assert first.source_key == again.source_key
        assert first.source_key.startswith("web:")
        assert other.source_key != first.source_key

    def test_title_falls_back_to_text(self):
        submission = self._build({"text": "Krátký\npodnět"})
        assert submission.title == "Krátký podnět"
        assert submission.channel == "web"
