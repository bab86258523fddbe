"""Scans dropped into a real folder become podněty with searchable text."""

from datetime import datetime
from PIL import Image
from plone import api
from urad.podnety.content.history import recorded
from urad.podnety.intake.attachments import is_original
from urad.podnety.intake.scans import filing
from urad.podnety.intake.scans import textjob
from urad.podnety.intake.scans.folder import ScanFolder
from urad.podnety.intake.scans.status import read_status
from urad.podnety.workflow import config
from zoneinfo import ZoneInfo

import fcntl
import html
import logging
import os
import pypdf
import pytest
import re
import requests
import time
import transaction


STABLE = 2


@pytest.fixture
def site(functional, scan_dir):
    """The functional site with scan intake pointed at `scan_dir`."""
    portal = functional["portal"]
    api.portal.set_registry_record("urad.podnety.scans.folder", str(scan_dir))
    api.portal.set_registry_record("urad.podnety.scans.stable_seconds", STABLE)
    api.portal.set_registry_record("urad.podnety.scans.empty_grace_seconds", 60)
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        yield portal


def later(seconds=STABLE + 1):
    """Return a poll time after the stable time has passed."""
    return time.time() + seconds


def podnety(portal):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet", sort_on="created")
    return [brain._unrestrictedGetObject() for brain in brains]


def search(portal, words):
    """Return reference numbers of podněty whose full text contains `words`."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Podnet", SearchableText=words
    )
    return [brain._unrestrictedGetObject().reference_number for brain in brains]


def scan_file(podnet):
    return [item for item in podnet.objectValues() if is_original(item)][0]


def processed_files(scan_dir):
    found = []
    for root, _dirs, names in os.walk(scan_dir / "processed"):
        found.extend(os.path.join(root, name) for name in names)
    return sorted(found)


class TestFiling:
    def test_png_becomes_podnet(self, site, scan_dir, drop, scan_samples):
        drop(scan_samples["dopis.png"], "Dopis Křižíkova 12.png")
        summary = filing.poll_folder(site, now=later())
        assert summary == {"filed": 1}
        [podnet] = podnety(site)
        assert podnet.channel == "post"
        assert "Dopis Křižíkova 12.png" in podnet.title
        assert podnet.citizen_name is None
        assert podnet.citizen_email is None
        assert podnet.intake_info["pages"] == 1
        assert podnet.intake_info["format"] == "png"
        item = scan_file(podnet)
        assert item.file.filename == "Dopis Křižíkova 12.png"
        assert item.file.contentType == "image/png"
        assert item.file.data == scan_samples["dopis.png"].read_bytes()

    def test_file_moved_to_processed(self, site, scan_dir, drop, scan_samples):
        drop(scan_samples["dopis.jpg"], "sken.jpg")
        filing.poll_folder(site, now=later())
        assert not (scan_dir / "sken.jpg").exists()
        [moved] = processed_files(scan_dir)
        month = time.strftime("%Y/%m")
        assert moved == str(scan_dir / "processed" / month / "sken.jpg")

    def test_received_is_first_seen(self, site, scan_dir, drop, scan_samples):
        before = time.time()
        drop(scan_samples["dopis.png"], "sken.png")
        assert filing.poll_folder(site) == {"waiting": 1}
        filing.poll_folder(site, now=later(3600))
        [podnet] = podnety(site)
        assert before - 1 <= podnet.received.timestamp() <= time.time()

    def test_cp1250_name_readable(self, site, scan_dir, scan_samples):
        raw_name = "Stížnost Křižíkova.png".encode("cp1250")
        target = os.path.join(os.fsencode(scan_dir), raw_name)
        with open(target, "wb") as stream:
            stream.write(scan_samples["dopis.png"].read_bytes())
        assert filing.poll_folder(site, now=later()) == {"filed": 1}
        [podnet] = podnety(site)
        assert scan_file(podnet).file.filename == "Stížnost Křižíkova.png"
        assert "Stížnost Křižíkova.png" in podnet.title
        [moved] = processed_files(scan_dir)
        assert os.fsencode(os.path.basename(moved)) == raw_name

    def test_wrong_extension_fixed(self, site, scan_dir, drop, scan_samples):
        drop(scan_samples["dopis.png"], "sken")
        filing.poll_folder(site, now=later())
        [podnet] = podnety(site)
        assert scan_file(podnet).file.filename == "sken.png"

    def test_multipage_tiff_kept_whole(self, site, drop, scan_samples):
        drop(scan_samples["dopis-3-strany.tif"])
        filing.poll_folder(site, now=later())
        [podnet] = podnety(site)
        assert podnet.intake_info["pages"] == 3
        data = scan_file(podnet).file.data
        assert data == scan_samples["dopis-3-strany.tif"].read_bytes()

    def test_long_czech_name(self, site, scan_dir, drop, scan_samples):
        name = "Žádost o opravu " + "příliš žluťoučký kůň " * 7 + "na úřadě.pdf"
        assert len(os.fsencode(name)) > 230
        drop(scan_samples["dopis-obraz.pdf"], name)
        assert filing.poll_folder(site, now=later()) == {"filed": 1}
        [podnet] = podnety(site)
        assert scan_file(podnet).file.filename == name
        assert len(podnet.title) < 160
        [moved] = processed_files(scan_dir)
        assert os.path.basename(moved) == name


class TestWaitingAndFailures:
    def test_partial_write_waits(self, site, scan_dir, scan_samples):
        data = scan_samples["dopis-3-strany.pdf"].read_bytes()
        path = scan_dir / "pomaly.pdf"
        path.write_bytes(data[: len(data) // 2])
        assert filing.poll_folder(site) == {"waiting": 1}
        with open(path, "ab") as stream:
            stream.write(data[len(data) // 2 :])
        assert filing.poll_folder(site) == {"waiting": 1}
        assert podnety(site) == []
        assert filing.poll_folder(site, now=later()) == {"filed": 1}
        [podnet] = podnety(site)
        assert scan_file(podnet).file.data == data
        assert podnet.intake_info["pages"] == 3

    def test_temporary_names_untouched(self, site, scan_dir, drop, scan_samples):
        for name in (".sken.pdf", "~sken.pdf", "sken.pdf.part", "sken.tmp"):
            drop(scan_samples["dopis-obraz.pdf"], name)
        assert filing.poll_folder(site, now=later(3600)) == {}
        assert podnety(site) == []
        assert (scan_dir / "sken.pdf.part").exists()

    def test_empty_file_fails_later(self, site, scan_dir):
        (scan_dir / "prazdny.pdf").touch()
        assert filing.poll_folder(site, now=later()) == {"waiting": 1}
        assert filing.poll_folder(site, now=later(61)) == {"failed": 1}
        assert podnety(site) == []
        assert (scan_dir / "failed" / "prazdny.pdf").exists()
        reason = (scan_dir / "failed" / "prazdny.pdf.reason.txt").read_text()
        assert "0 bytes" in reason or "0 bajtů" in reason

    def test_unsupported_file_failed(self, site, scan_dir):
        (scan_dir / "dopis.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
        assert filing.poll_folder(site, now=later()) == {"failed": 1}
        assert podnety(site) == []
        assert (scan_dir / "failed" / "dopis.docx").exists()
        assert (scan_dir / "failed" / "dopis.docx.reason.txt").read_text().strip()

    def test_damaged_pdf_failed(self, site, scan_dir, scan_samples):
        data = scan_samples["dopis-3-strany.pdf"].read_bytes()
        (scan_dir / "useknuty.pdf").write_bytes(data[:3000])
        assert filing.poll_folder(site, now=later()) == {"failed": 1}
        assert podnety(site) == []
        reason = (scan_dir / "failed" / "useknuty.pdf.reason.txt").read_text()
        assert "PDF" in reason
        assert "cannot be read" not in reason

    def test_huge_image_failed(self, site, scan_dir, caplog):
        """An image above Pillow's pixel limit is rejected, not retried.

        The reason names the limit in the site's words, and Pillow's own
        English message goes only to the log.
        """
        Image.new("1", (20000, 20000), 1).save(scan_dir / "plan.png")
        with caplog.at_level(logging.WARNING):
            assert filing.poll_folder(site, now=later()) == {"failed": 1}
        reason = (scan_dir / "failed" / "plan.png.reason.txt").read_text()
        limit = 2 * Image.MAX_IMAGE_PIXELS // 1_000_000
        assert f"{limit} " in reason
        assert "400000000" not in reason
        assert "bomb" not in reason
        assert "400000000 pixels" in caplog.text
        assert "plan.png" not in caplog.text

    def test_oversized_file_failed(self, site, scan_dir, scan_samples):
        api.portal.set_registry_record("urad.podnety.scans.max_file_megabytes", 1)
        transaction.commit()
        (scan_dir / "velky.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 1_100_000)
        assert filing.poll_folder(site, now=later()) == {"failed": 1}
        reason = (scan_dir / "failed" / "velky.pdf.reason.txt").read_text()
        assert "1 MB" in reason

    def test_failed_listed_for_clerks(self, site, scan_dir, http_portal_url):
        (scan_dir / "dopis.docx").write_bytes(b"PK\x03\x04 not a scan")
        filing.poll_folder(site, now=later())
        api.user.create(email="klara@urad.example", username="klara", password="x" * 12)
        api.group.add_user(groupname=config.CLERKS_GROUP, username="klara")
        transaction.commit()
        url = f"{http_portal_url}/podnety/@@scans-failed"
        page = requests.get(url, auth=("klara", "x" * 12), timeout=30)
        assert page.status_code == 200
        assert "dopis.docx" in page.text
        reason = (scan_dir / "failed" / "dopis.docx.reason.txt").read_text().strip()
        assert html.escape(reason, quote=False) in page.text
        moved = (scan_dir / "failed" / "dopis.docx").stat().st_ctime
        prague = datetime.fromtimestamp(moved, tz=ZoneInfo("Europe/Prague"))
        assert prague.strftime("%d.%m.%Y %H:%M") in page.text
        download = requests.get(
            url,
            params={"download": b"dopis.docx".hex()},
            auth=("klara", "x" * 12),
            timeout=30,
        )
        assert download.content == b"PK\x03\x04 not a scan"
        assert download.headers["Content-Disposition"].startswith("attachment;")
        anonymous = requests.get(url, timeout=30, allow_redirects=False)
        assert "dopis.docx" not in anonymous.text
        assert 'name="retry"' not in page.text

    def test_admin_retries_rejected(
        self, site, scan_dir, scan_samples, http_portal_url, site_owner_auth
    ):
        """A file rejected for its size is filed after the limit is raised."""
        api.portal.set_registry_record("urad.podnety.scans.max_file_megabytes", 1)
        transaction.commit()
        big = scan_dir / "velky.png"
        big.write_bytes(scan_samples["dopis.png"].read_bytes() + b"\0" * 1_100_000)
        assert filing.poll_folder(site, now=later()) == {"failed": 1}
        api.portal.set_registry_record("urad.podnety.scans.max_file_megabytes", 5)
        transaction.commit()

        session = requests.Session()
        session.auth = site_owner_auth
        url = f"{http_portal_url}/podnety/@@scans-failed"
        page = session.get(url, timeout=30)
        token = re.search(r'name="_authenticator" value="([^"]+)"', page.text)[1]
        retry = b"velky.png".hex()
        forged = session.post(url, data={"retry": retry}, timeout=30)
        assert forged.status_code == 403
        assert not big.exists()
        response = session.post(
            url, data={"retry": retry, "_authenticator": token}, timeout=30
        )
        assert response.status_code == 200
        assert big.exists()
        assert not (scan_dir / "failed" / "velky.png.reason.txt").exists()
        assert filing.poll_folder(site, now=later()) == {"filed": 1}


class TestDuplicates:
    def test_same_file_twice_one_podnet(
        self, site, scan_dir, drop, scan_samples, caplog
    ):
        drop(scan_samples["dopis.png"], "sken1.png")
        drop(scan_samples["dopis.png"], "sken1 (kopie).png")
        with caplog.at_level(logging.INFO, logger=filing.__name__):
            summary = filing.poll_folder(site, now=later())
        assert summary == {"filed": 1, "duplicate": 1}
        [podnet] = podnety(site)
        duplicate_lines = [
            r.getMessage() for r in caplog.records if "duplicates" in r.getMessage()
        ]
        assert len(duplicate_lines) == 1
        assert podnet.reference_number in duplicate_lines[0]
        assert len(processed_files(scan_dir)) == 2

    def test_rescan_noted_on_podnet(self, site, scan_dir, drop, scan_samples):
        drop(scan_samples["dopis.png"], "dopis.png")
        filing.poll_folder(site, now=later())
        drop(scan_samples["dopis.png"], "kopie stejného dopisu.png")
        assert filing.poll_folder(site, now=later()) == {"duplicate": 1}
        [podnet] = podnety(site)
        notes = [
            entry for entry in recorded(podnet) if entry["action"] == "duplicate-scan"
        ]
        assert [note["details"] for note in notes] == [
            {"file_name": "kopie stejného dopisu.png"}
        ]
        names = [os.path.basename(path) for path in processed_files(scan_dir)]
        assert sorted(names) == ["dopis.png", "kopie stejného dopisu.png"]
        assert not (scan_dir / "kopie stejného dopisu.png").exists()

    def test_rescan_new_bytes_new_podnet(self, site, drop, scan_samples):
        drop(scan_samples["dopis.png"], "sken.png")
        filing.poll_folder(site, now=later())
        drop(scan_samples["dopis.jpg"], "sken.png")
        filing.poll_folder(site, now=later())
        assert len(podnety(site)) == 2

    def test_same_name_other_day_kept(self, site, scan_dir, drop, scan_samples):
        drop(scan_samples["dopis.png"], "sken.pdf")
        filing.poll_folder(site, now=later())
        drop(scan_samples["dopis-obraz.pdf"], "sken.pdf")
        filing.poll_folder(site, now=later(86400))
        assert len(podnety(site)) == 2
        names = [os.path.basename(path) for path in processed_files(scan_dir)]
        assert sorted(names) == ["sken (2).pdf", "sken.pdf"]

    def test_crash_before_move_no_second(
        self, site, scan_dir, drop, scan_samples, monkeypatch
    ):
        drop(scan_samples["dopis-obraz.pdf"], "sken.pdf")

        def crash(self, candidate, when):
            raise SystemExit("simulated crash after commit")

        with monkeypatch.context() as patch:
            patch.setattr(ScanFolder, "move_to_processed", crash)
            with pytest.raises(SystemExit):
                filing.poll_folder(site, now=later())
        transaction.abort()
        assert (scan_dir / "sken.pdf").exists()
        assert len(podnety(site)) == 1

        assert filing.poll_folder(site, now=later()) == {"duplicate": 1}
        [podnet] = podnety(site)
        actions = [entry["action"] for entry in recorded(podnet)]
        assert "duplicate-scan" not in actions
        assert not (scan_dir / "sken.pdf").exists()
        assert len(processed_files(scan_dir)) == 1


class TestTextRecognition:
    @pytest.mark.parametrize(
        "name", ["dopis.png", "dopis.jpg", "dopis-obraz.pdf", "dopis-3-strany.tif"]
    )
    def test_ocr_words_searchable(self, site, drop, scan_samples, name):
        drop(scan_samples[name])
        filing.poll_folder(site, now=later())
        [podnet] = podnety(site)
        assert search(site, "Křižíkova") == []
        assert read_status(scan_file(podnet))["state"] == "queued"

        assert textjob.run_text_recognition(site) == {"done": 1}
        assert search(site, "Křižíkova") == [podnet.reference_number]
        status = read_status(scan_file(podnet))
        assert status["state"] == "done"
        assert podnet.intake_info["ocr"] == "done"

    def test_tiff_every_page_read(self, site, drop, scan_samples):
        drop(scan_samples["dopis-3-strany.tif"])
        filing.poll_folder(site, now=later())
        textjob.run_text_recognition(site)
        [podnet] = podnety(site)
        assert search(site, "Šafaříkovo") == [podnet.reference_number]
        assert read_status(scan_file(podnet))["pages_read"] == 3

    def test_text_layer_used_without_ocr(
        self, site, drop, scan_samples, monkeypatch, tmp_path
    ):
        monkeypatch.setenv("PATH", str(tmp_path))
        drop(scan_samples["dopis-text.pdf"])
        filing.poll_folder(site, now=later())
        assert textjob.run_text_recognition(site) == {"done": 1}
        [podnet] = podnety(site)
        assert search(site, "Žižkovská") == [podnet.reference_number]
        assert read_status(scan_file(podnet))["methods"] == ["text-layer"]

    def test_missing_language_retried(self, site, drop, scan_samples, caplog):
        api.portal.set_registry_record("urad.podnety.scans.ocr_language", "xyz")
        transaction.commit()
        drop(scan_samples["dopis.png"])
        filing.poll_folder(site, now=later())
        [podnet] = podnety(site)
        with caplog.at_level(logging.WARNING, logger=textjob.__name__):
            assert textjob.run_text_recognition(site) == {"waiting": 1}
            assert textjob.run_text_recognition(site) == {}
            retry_at = time.time() + textjob.RETRY_SECONDS + 1
            assert textjob.run_text_recognition(site, now=retry_at) == {"waiting": 1}
        warnings = [r for r in caplog.records if "xyz" in r.getMessage()]
        assert len(warnings) <= 1
        item = scan_file(podnet)
        assert read_status(item)["state"] == "waiting"
        assert "xyz" in item.description

        api.portal.set_registry_record("urad.podnety.scans.ocr_language", "ces")
        transaction.commit()
        later_still = retry_at + textjob.RETRY_SECONDS + 1
        assert textjob.run_text_recognition(site, now=later_still) == {"done": 1}
        assert search(site, "Křižíkova") == [podnet.reference_number]

    def test_page_limit_stated(self, site, drop, scan_samples):
        api.portal.set_registry_record("urad.podnety.scans.ocr_max_pages", 1)
        transaction.commit()
        drop(scan_samples["dopis-3-strany.pdf"])
        filing.poll_folder(site, now=later())
        textjob.run_text_recognition(site)
        [podnet] = podnety(site)
        assert search(site, "Křižíkova") == [podnet.reference_number]
        assert search(site, "Šafaříkovo") == []
        item = scan_file(podnet)
        assert read_status(item)["pages_read"] == 1
        assert "1" in item.description


class TestRecognitionFailures:
    def test_broken_image_given_up(self, site, scan_dir, scan_samples, caplog):
        """A scan whose pixel data is cut off is retried, then given up."""
        data = scan_samples["dopis.png"].read_bytes()
        (scan_dir / "useknuty.png").write_bytes(data[:3000])
        assert filing.poll_folder(site, now=later()) == {"filed": 1}
        [podnet] = podnety(site)
        now = time.time()
        for attempt in range(textjob.MAX_ATTEMPTS):
            run_at = now + attempt * (textjob.RETRY_SECONDS + 1)
            assert textjob.run_text_recognition(site, now=run_at) == {"failed": 1}
        never = now + 100 * textjob.RETRY_SECONDS
        assert textjob.run_text_recognition(site, now=never) == {}
        status = read_status(scan_file(podnet))
        assert status["state"] == "failed"
        assert status["attempts"] == textjob.MAX_ATTEMPTS

    def test_failing_scan_not_blocking(self, site, scan_dir, drop, scan_samples):
        data = scan_samples["dopis.png"].read_bytes()
        (scan_dir / "a-useknuty.png").write_bytes(data[:3000])
        drop(scan_samples["dopis.jpg"], "b-dobry.jpg")
        filing.poll_folder(site, now=later())
        summary = textjob.run_text_recognition(site)
        assert summary == {"failed": 1, "done": 1}
        assert len(search(site, "Křižíkova")) == 1


class TestTiffPreview:
    def test_pdf_copy_of_every_page(self, site, drop, scan_samples):
        drop(scan_samples["dopis-3-strany.tif"], "dopis.tif")
        filing.poll_folder(site, now=later())
        textjob.run_text_recognition(site)
        [podnet] = podnety(site)
        files = {item.file.filename: item for item in podnet.objectValues()}
        assert sorted(files) == ["dopis.pdf", "dopis.tif"]
        preview = files["dopis.pdf"]
        assert preview.file.contentType == "application/pdf"
        assert not is_original(preview)
        with preview.file.open() as blob:
            assert len(pypdf.PdfReader(blob).pages) == 3


class TestConcurrentWorkers:
    def test_locked_file_skipped(self, site, scan_dir, drop, scan_samples):
        """A file another worker is filing is left to that worker."""
        path = drop(scan_samples["dopis.png"], "sken.png")
        with open(path, "rb") as other_worker:
            fcntl.flock(other_worker, fcntl.LOCK_EX)
            assert filing.poll_folder(site, now=later()) == {"busy": 1}
        assert podnety(site) == []
        assert filing.poll_folder(site, now=later()) == {"filed": 1}

    def test_repeated_error_moves_file(
        self, site, scan_dir, drop, scan_samples, monkeypatch
    ):
        drop(scan_samples["dopis.png"], "sken.png")

        def broken(portal, submission):
            raise RuntimeError("register unavailable")

        monkeypatch.setattr(filing, "file_submission", broken)
        for _attempt in range(filing.MAX_ATTEMPTS - 1):
            assert filing.poll_folder(site, now=later()) == {"error": 1}
            assert (scan_dir / "sken.png").exists()
        assert filing.poll_folder(site, now=later()) == {"failed": 1}
        reason = (scan_dir / "failed" / "sken.png.reason.txt").read_text()
        assert "register unavailable" in reason
        assert podnety(site) == []


class TestLongScans:
    def test_reading_resumes_next_run(self, site, drop, scan_samples, monkeypatch):
        """With no time left in a run, each run reads one page and resumes."""
        monkeypatch.setattr(textjob, "RUN_SECONDS", 0)
        drop(scan_samples["dopis-3-strany.pdf"])
        filing.poll_folder(site, now=later())
        [podnet] = podnety(site)
        item = scan_file(podnet)

        assert textjob.run_text_recognition(site) == {"reading": 1}
        assert search(site, "Křižíkova") == [podnet.reference_number]
        assert search(site, "Vinohradská") == []
        assert read_status(item)["next_page"] == 1

        assert textjob.run_text_recognition(site) == {"reading": 1}
        assert textjob.run_text_recognition(site) == {"done": 1}
        assert textjob.run_text_recognition(site) == {}
        assert search(site, "Šafaříkovo") == [podnet.reference_number]
        assert search(site, "Křižíkova") == [podnet.reference_number]
        status = read_status(item)
        assert status["pages_read"] == 3
        assert status["methods"] == ["ocr", "ocr", "ocr"]
        assert status["next_page"] is None
        assert "3" in item.description

    def test_one_scan_per_run_when_late(self, site, drop, scan_samples, monkeypatch):
        monkeypatch.setattr(textjob, "RUN_SECONDS", 0)
        drop(scan_samples["dopis.png"], "a.png")
        drop(scan_samples["dopis.jpg"], "b.jpg")
        filing.poll_folder(site, now=later())
        assert textjob.run_text_recognition(site) == {"done": 1, "deferred": 1}
        assert textjob.run_text_recognition(site) == {"done": 1}
