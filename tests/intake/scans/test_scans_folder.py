"""Complete-file detection, names and moves in the scan folder (no Plone)."""

from datetime import datetime
from urad.podnety.intake.scans.folder import ScanFolder
from urad.podnety.intake.scans.names import display_name
from urad.podnety.intake.scans.names import fit_name
from urad.podnety.intake.scans.names import is_ignored

import os
import pytest
import time


STABLE = 5
GRACE = 60


def statuses(folder, now):
    return {c.name: c.status for c in folder.scan(now, STABLE, GRACE)}


class TestIgnoredNames:
    @pytest.mark.parametrize(
        "name",
        [".sken.pdf", "~$dopis.pdf", "sken.pdf~", "sken.tmp", "sken.PDF.part"]
        + ["sken.partial", "Thumbs.db", "desktop.ini", ".urad-podnety-scans.json"],
    )
    def test_temporary_names_ignored(self, name):
        assert is_ignored(name)

    @pytest.mark.parametrize("name", ["sken.pdf", "Dopis Křižíkova.TIF", "a~b.jpg"])
    def test_scan_names_taken(self, name):
        assert not is_ignored(name)


class TestNames:
    def test_cp1250_name_decoded(self):
        raw = "Stížnost.pdf".encode("cp1250")
        assert display_name(os.fsdecode(raw)) == "Stížnost.pdf"

    def test_decomposed_name_composed(self):
        assert display_name("Z\u030cádost.pdf") == "\u017d\u00e1dost.pdf"

    def test_long_name_cut_on_character(self):
        fitted = fit_name("ř" * 200, " (2).pdf")
        assert len(os.fsencode(fitted)) <= 255
        assert fitted.endswith("ř (2).pdf")


class TestCompleteFiles:
    def test_file_being_written_waits(self, scan_dir):
        folder = ScanFolder(scan_dir)
        path = scan_dir / "sken.pdf"
        path.write_bytes(b"%PDF-1.4 half")
        now = time.time()
        assert statuses(folder, now) == {"sken.pdf": "waiting"}
        with open(path, "ab") as stream:
            stream.write(b" more")
        assert statuses(folder, time.time()) == {"sken.pdf": "waiting"}
        assert statuses(folder, time.time() + STABLE + 1) == {"sken.pdf": "ready"}

    def test_copy_with_old_mtime_waits(self, scan_dir):
        """A Windows copy sets an old modification time while still writing."""
        folder = ScanFolder(scan_dir)
        path = scan_dir / "sken.pdf"
        path.write_bytes(b"%PDF-1.4 half")
        os.utime(path, (time.time() - 86400, time.time() - 86400))
        assert statuses(folder, time.time()) == {"sken.pdf": "waiting"}

    def test_growth_after_poll_restarts_wait(self, scan_dir):
        folder = ScanFolder(scan_dir)
        path = scan_dir / "sken.pdf"
        path.write_bytes(b"%PDF-1.4 half")
        later = time.time() + 100
        assert statuses(folder, later) == {"sken.pdf": "ready"}
        with open(path, "ab") as stream:
            stream.write(b" more")
        # The change came after the last poll, whatever the file times show.
        assert statuses(folder, later + 1) == {"sken.pdf": "waiting"}
        assert statuses(folder, later + STABLE + 1) == {"sken.pdf": "ready"}

    def test_empty_file_waits_then_empty(self, scan_dir):
        folder = ScanFolder(scan_dir)
        (scan_dir / "prazdny.pdf").touch()
        now = time.time()
        assert statuses(folder, now + STABLE + 1) == {"prazdny.pdf": "waiting"}
        assert statuses(folder, now + GRACE + 1) == {"prazdny.pdf": "empty"}

    def test_empty_file_that_grows_ready(self, scan_dir):
        folder = ScanFolder(scan_dir)
        path = scan_dir / "pomaly.pdf"
        path.touch()
        now = time.time()
        assert statuses(folder, now + STABLE + 1) == {"pomaly.pdf": "waiting"}
        path.write_bytes(b"%PDF-1.4 late")
        assert statuses(folder, now + STABLE + 2) == {"pomaly.pdf": "waiting"}
        assert statuses(folder, now + 2 * STABLE + 3) == {"pomaly.pdf": "ready"}

    def test_first_seen_kept_across_polls(self, scan_dir):
        folder = ScanFolder(scan_dir)
        (scan_dir / "sken.pdf").write_bytes(b"%PDF-1.4")
        first = folder.scan(time.time(), STABLE, GRACE)[0].first_seen
        again = folder.scan(time.time() + 3600, STABLE, GRACE)[0].first_seen
        assert again == first
        assert abs(first - time.time()) < 5

    def test_subfolders_and_links_skipped(self, scan_dir, tmp_path):
        folder = ScanFolder(scan_dir)
        folder.ensure()
        outside = tmp_path / "tajne.txt"
        outside.write_text("x")
        os.symlink(outside, scan_dir / "odkaz.pdf")
        assert statuses(folder, time.time() + 100) == {}


class TestMoves:
    def test_processed_by_month(self, scan_dir):
        folder = ScanFolder(scan_dir)
        (scan_dir / "sken.pdf").write_bytes(b"one")
        candidate = folder.scan(time.time() + 100, STABLE, GRACE)[0]
        target = folder.move_to_processed(candidate, datetime(2026, 3, 9))
        assert target == str(scan_dir / "processed" / "2026" / "03" / "sken.pdf")
        assert not (scan_dir / "sken.pdf").exists()

    def test_same_name_kept_both(self, scan_dir):
        folder = ScanFolder(scan_dir)
        targets = []
        for content in (b"monday", b"tuesday"):
            (scan_dir / "sken 1.pdf").write_bytes(content)
            candidate = folder.scan(time.time() + 100, STABLE, GRACE)[0]
            targets.append(folder.move_to_processed(candidate, datetime(2026, 3, 9)))
        month = scan_dir / "processed" / "2026" / "03"
        assert targets == [str(month / "sken 1.pdf"), str(month / "sken 1 (2).pdf")]
        assert (month / "sken 1.pdf").read_bytes() == b"monday"
        assert (month / "sken 1 (2).pdf").read_bytes() == b"tuesday"

    def test_failed_with_reason(self, scan_dir):
        folder = ScanFolder(scan_dir)
        name = "Žádost " + "ř" * 120 + ".docx"
        (scan_dir / name).write_bytes(b"PK\x03\x04")
        candidate = folder.scan(time.time() + 100, STABLE, GRACE)[0]
        target = folder.move_to_failed(candidate, "Unsupported file type.")
        assert os.path.basename(target) == name
        reasons = [n for n in os.listdir(scan_dir / "failed") if n != name]
        assert len(reasons) == 1
        assert reasons[0].endswith(".reason.txt")
        assert len(os.fsencode(reasons[0])) <= 255
        text = (scan_dir / "failed" / reasons[0]).read_text(encoding="utf-8")
        assert text == "Unsupported file type.\n"


class TestLegacyNames:
    def test_cp1250_name_watched_and_moved(self, scan_dir):
        raw_name = "Stížnost.pdf".encode("cp1250")
        with open(os.path.join(os.fsencode(scan_dir), raw_name), "wb") as stream:
            stream.write(b"%PDF-1.4")
        folder = ScanFolder(scan_dir)
        assert statuses(folder, time.time()) == {os.fsdecode(raw_name): "waiting"}
        [candidate] = folder.scan(time.time() + 100, STABLE, GRACE)
        assert candidate.status == "ready"
        assert display_name(candidate.name) == "Stížnost.pdf"
        target = folder.move_to_processed(candidate, datetime(2026, 3, 9))
        assert os.fsencode(os.path.basename(target)) == raw_name
