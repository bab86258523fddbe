"""Messages delivered to a real Dovecot mailbox become podněty over IMAP."""

from datetime import UTC
from datetime import datetime
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from urad.podnety.content.history import recorded
from urad.podnety.intake.attachments import get_text
from urad.podnety.intake.attachments import is_original
from urad.podnety.intake.email import sources
from urad.podnety.intake.email import state
from urad.podnety.intake.email.imap import ImapSource
from urad.podnety.intake.email.job import poll_sources

import json
import pytest
import re
import requests
import time
import transaction


pytestmark = pytest.mark.imap

RESOURCES_EXPECTED = "expected.json"


def podnety(portal):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet", sort_on="created")
    return [brain._unrestrictedGetObject() for brain in brains]


def files(podnet):
    return {item.file.filename: item for item in podnet.objectValues()}


def original(podnet):
    [item] = [item for item in podnet.objectValues() if is_original(item)]
    return item


def search(words):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Podnet", SearchableText=words
    )
    return sorted(brain.getObject().reference_number for brain in brains)


def only_source(result):
    [summary] = result.values()
    return summary


def simple(subject="Rozbitá lavička", body="Lavička v parku je rozbitá.", extra=""):
    return (
        "From: =?utf-8?Q?Karel_=C4=8Cern=C3=BD?= <karel.cerny@example.net>\r\n"
        "To: podatelna@urad.example.org\r\n"
        f"{extra}"
        f"Subject: {subject}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"{body}\r\n"
    ).encode()


class TestFiling:
    def test_batch_of_charsets(self, mail_site, deliver, mailbox, eml):
        for name in ("B01.eml", "B09.eml", "B08.eml"):
            deliver(eml(name))
        summary = only_source(poll_sources(mail_site))
        assert summary == {"filed": 3, "reply": 0, "duplicate": 0, "failed": 0}
        titles = [podnet.title for podnet in podnety(mail_site)]
        assert titles == [
            "Žádost o dotaci na opravu fasády",
            "Žádost o informace",
            "Oznámení o změně trvalého pobytu",
        ]
        assert mailbox("INBOX") == []
        assert len(mailbox("Zpracováno")) == 3

    def test_podnet_fields_from_message(self, mail_site, deliver, eml):
        deliver(eml("B01.eml"))
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.channel == "email"
        assert podnet.citizen_name == "Jiřina Dvořáková"
        assert podnet.citizen_email == "jirina.dvorakova@example.net"
        assert "v příloze posílám žádost o dotaci" in podnet.text
        assert podnet.received == datetime(2025, 3, 19, 7, 2, 11, tzinfo=UTC)
        assert podnet.intake_info["date_header"] == "Tue, 04 Mar 2025 09:15:00 +0100"
        assert podnet.intake_info["source"]["folder"] == "INBOX"
        assert original(podnet).file.data == eml("B01.eml")

    @pytest.mark.parametrize("name", ["B01.eml", "B02.eml", "B03.eml", "B05.eml"])
    def test_attachment_names(self, mail_site, deliver, eml, name):
        expected = json.loads(eml(RESOURCES_EXPECTED))[name]["attachments"]
        deliver(eml(name))
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        stored = files(podnet)
        for attachment in expected:
            wanted = attachment["filename"]
            if name == "B03.eml":
                wanted = "priloha-1.png"
            assert wanted in stored
            assert len(stored[wanted].file.data) > 0

    def test_html_only_message(self, mail_site, deliver):
        raw = (
            b"From: a@example.net\r\nSubject: HTML\r\n"
            b"Content-Type: text/html; charset=windows-1250\r\n\r\n"
            + "<p>Lampa nesvítí</p><p>v ulici Větrná</p>".encode("cp1250")
        )
        deliver(raw)
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.text == "Lampa nesvítí\n\nv ulici Větrná"

    @pytest.mark.parametrize(
        "content_type, encoding",
        [
            ("text/plain; charset=utf-8", "utf-8"),
            ("text/plain; charset=windows-1250", "cp1250"),
            ("text/plain; charset=iso-8859-2", "iso-8859-2"),
            ("text/plain; charset=us-ascii", "cp1250"),
            ("text/plain", "cp1250"),
            ("text/plain", "utf-8"),
        ],
    )
    def test_body_charsets(self, mail_site, deliver, content_type, encoding):
        text = "Příliš žluťoučký kůň úpěl ďábelské ódy"
        raw = (
            f"From: a@example.net\r\nSubject: Znaky\r\n"
            f"Content-Type: {content_type}\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
        ).encode() + text.encode(encoding)
        deliver(raw)
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.text == text
        assert original(podnet).file.data == raw

    def test_alternative_with_attachment(self, mail_site, deliver):
        raw = (
            b"From: a@example.net\r\nSubject: Foto\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="m"\r\n\r\n'
            b'--m\r\nContent-Type: multipart/alternative; boundary="a"\r\n\r\n'
            b"--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "Výtluk na silnici.".encode()
            + b"\r\n--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<p>Výtluk <b>na silnici</b>.</p>".encode()
            + b"\r\n--a--\r\n"
            b"--m\r\nContent-Type: image/png\r\n"
            b"Content-Disposition: attachment; filename*=utf-8''v%C3%BDtluk.png\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--m--\r\n"
        )
        deliver(raw)
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.text == "Výtluk na silnici."
        assert files(podnet)["výtluk.png"].file.data == b"\x89PNG\r\n\x1a\n"

    def test_forwarded_rfc822(self, mail_site, deliver, eml):
        deliver(eml("B13.eml"))
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.citizen_email == "oldrich.kral@example.net"
        forwarded_by = podnet.intake_info["forwarded_by"]
        assert forwarded_by["email"] == "sekretariat@urad.example.org"
        assert "Zpráva o kontrole.eml" in files(podnet)
        assert "Protokol.pdf" in files(podnet)
        assert search("nedostatky oplocení") == [podnet.reference_number]

    def test_search_with_and_without_diacritics(self, mail_site, deliver, eml):
        deliver(eml("B08.eml"))
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert search("žluťoučký") == [podnet.reference_number]
        assert search("Ústí") == [podnet.reference_number]

    def test_attachment_text_searchable(self, mail_site, deliver, eml):
        deliver(eml("B01.eml"))
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert "Fotodokumentace" in get_text(files(podnet)["Příloha č. 2.txt"])
        assert search("Fotodokumentace") == [podnet.reference_number]

    def test_missing_date_and_message_id(self, mail_site, deliver):
        deliver(simple())
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.received == datetime(2025, 3, 19, 7, 2, 11, tzinfo=UTC)
        assert podnet.intake_info["message_id"] == ""
        assert "invalid-date" in podnet.intake_info["flags"]

    def test_invalid_date_header(self, mail_site, deliver, eml):
        deliver(eml("B12.eml"))
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.received.year == 2025
        assert (
            podnet.intake_info["date_header"] == "Mon, 20 Nov 9999999999 12:00:00 +0000"
        )
        assert "invalid-date" in podnet.intake_info["flags"]

    def test_malformed_mime(self, mail_site, deliver, mailbox):
        raw = (
            b"From: a@example.net\r\nSubject: Broken\r\n"
            b'Content-Type: multipart/mixed; boundary="gone"\r\n\r\n'
            b"--gone\r\nContent-Type: text/plain\r\n\r\nJen text\r\n"
            b"--gone\r\nContent-Type: application/pdf\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n@@@@\r\n"
        )
        deliver(raw)
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.text == "Jen text"
        assert original(podnet).file.data == raw
        assert mailbox("INBOX") == []

    def test_oversized_message(self, mail_site, deliver, mailbox):
        api.portal.set_registry_record("urad.podnety.email.max_message_mb", 1)
        big = simple(body="A" * 1_500_000)
        deliver(big)
        poll_sources(mail_site)
        [podnet] = podnety(mail_site)
        assert podnet.title == "Rozbitá lavička"
        assert "oversized" in podnet.intake_info["flags"]
        assert "Zpracováno" in podnet.attention
        assert list(podnet.objectValues()) == []
        assert mailbox("Zpracováno") == [big]


class TestNeverDouble:
    def test_duplicate_delivery(self, mail_site, deliver, mailbox, eml):
        deliver(eml("B01.eml"))
        deliver(eml("B01.eml"))
        summary = only_source(poll_sources(mail_site))
        assert summary["filed"] == 1
        assert summary["duplicate"] == 1
        [podnet] = podnety(mail_site)
        notes = [e for e in recorded(podnet) if e["action"] == "duplicate-email"]
        assert len(notes) == 1
        assert len(mailbox("Zpracováno")) == 2

    def test_crash_between_commit_and_move(
        self, mail_site, deliver, mailbox, eml, monkeypatch
    ):
        deliver(eml("B08.eml"))

        def die(*args):
            raise KeyboardInterrupt("process killed after commit")

        monkeypatch.setattr(ImapSource, "_move", die)
        with pytest.raises(KeyboardInterrupt):
            poll_sources(mail_site)
        assert len(podnety(mail_site)) == 1
        assert len(mailbox("INBOX")) == 1
        monkeypatch.undo()
        summary = only_source(poll_sources(mail_site))
        assert summary["filed"] == 0
        assert len(podnety(mail_site)) == 1
        assert mailbox("INBOX") == []
        assert len(mailbox("Zpracováno")) == 1

    def test_crash_before_commit(self, mail_site, deliver, mailbox, eml, monkeypatch):
        deliver(eml("B09.eml"))
        real = sources.file_parsed

        def die(*args):
            real(*args)
            raise KeyboardInterrupt("process killed before commit")

        monkeypatch.setattr(sources, "file_parsed", die)
        with pytest.raises(KeyboardInterrupt):
            poll_sources(mail_site)
        transaction.abort()
        assert podnety(mail_site) == []
        monkeypatch.undo()
        poll_sources(mail_site)
        assert len(podnety(mail_site)) == 1
        assert mailbox("INBOX") == []

    def test_recreated_mailbox(
        self, mail_site, deliver, mailbox, eml, dovecot, imap_user
    ):
        api.portal.set_registry_record("urad.podnety.email.imap_folder", "Podatelna")
        deliver(eml("B01.eml"), folder="Podatelna")
        poll_sources(mail_site)
        with dovecot.client(imap_user) as client:
            client.delete_folder("Podatelna")
        deliver(eml("B01.eml"), folder="Podatelna")
        deliver(eml("B08.eml"), folder="Podatelna")
        summary = only_source(poll_sources(mail_site))
        assert summary["filed"] == 1
        assert summary["duplicate"] == 1
        assert len(podnety(mail_site)) == 2


class TestFailures:
    def test_failing_message_goes_to_failed_folder(
        self, mail_site, deliver, mailbox, eml, monkeypatch
    ):
        real = sources.file_parsed

        def broken(portal, submission, language):
            if submission.intake_info["message_id"] == "<b09.infozakon@example.net>":
                raise RuntimeError("storage refused the message")
            return real(portal, submission, language)

        monkeypatch.setattr(sources, "file_parsed", broken)
        api.portal.set_registry_record("urad.podnety.email.max_attempts", 2)
        for name in ("B01.eml", "B09.eml", "B08.eml"):
            deliver(eml(name))
        first = only_source(poll_sources(mail_site))
        assert first["filed"] == 2
        assert len(mailbox("INBOX")) == 1
        second = only_source(poll_sources(mail_site))
        assert second["failed"] == 1
        assert mailbox("INBOX") == []
        assert mailbox("Chybné") == [eml("B09.eml")]
        [failure] = state.status(mail_site)["failures"]
        assert failure["message_id"] == "<b09.infozakon@example.net>"
        assert "storage refused the message" in failure["reason"]

    def test_unreachable_server_recorded(self, mail_site):
        api.portal.set_registry_record("urad.podnety.email.imap_port", 1)
        summary = only_source(poll_sources(mail_site))
        assert "ConnectionRefusedError" in summary["error"]
        poll_sources(mail_site)
        [failure] = state.status(mail_site)["failures"]
        assert failure["count"] == 2

    def test_unreachable_server_backs_off(self, mail_site, dovecot, deliver, eml):
        api.portal.set_registry_record("urad.podnety.email.imap_port", 1)
        start = 1_800_000_000.0
        first = only_source(poll_sources(mail_site, now=start))
        assert first["retry_after"] == ""
        second = only_source(poll_sources(mail_site, now=start + 60))
        assert second["retry_after"] == "2027-01-15T08:01:55+00:00"
        skipped = only_source(poll_sources(mail_site, now=start + 90))
        assert skipped == {"skipped_until": "2027-01-15T08:01:55+00:00"}
        third = only_source(poll_sources(mail_site, now=start + 120))
        assert third["retry_after"] == "2027-01-15T08:04:55+00:00"
        [failure] = state.status(mail_site)["failures"]
        assert failure["count"] == 3

        api.portal.set_registry_record("urad.podnety.email.imap_port", dovecot.port)
        state.clear_backoff(mail_site)
        deliver(eml("B01.eml"))
        recovered = only_source(poll_sources(mail_site, now=start + 130))
        assert recovered["filed"] == 1


class TestFolders:
    def test_czech_folder_names_in_modified_utf7(
        self, mail_site, deliver, dovecot, imap_user, eml
    ):
        deliver(eml("B01.eml"))
        poll_sources(mail_site)
        with dovecot.client(imap_user) as client:
            client.folder_encode = False
            names = [name for _flags, _sep, name in client.list_folders()]
        assert b"Zpracov&AOE-no" in names
        assert b"Chybn&AOk-" in names

    @pytest.mark.parametrize("security", ["starttls", "ssl"])
    def test_tls_connections(
        self, mail_site, deliver, mailbox, eml, dovecot, monkeypatch, security
    ):
        monkeypatch.setenv("SSL_CERT_FILE", dovecot.cert)
        port = dovecot.port if security == "starttls" else dovecot.tls_port
        api.portal.set_registry_record("urad.podnety.email.imap_security", security)
        api.portal.set_registry_record("urad.podnety.email.imap_port", port)
        deliver(eml("B01.eml"))
        summary = only_source(poll_sources(mail_site))
        assert summary["filed"] == 1
        assert mailbox("INBOX") == []


def test_state_ignores_other_uidvalidity(mail_site):
    folder = state.source_state(mail_site, "imap:x", "1")
    state.mark_filed(folder, 5, "email:abc")
    assert (
        state.filed_key(state.source_state(mail_site, "imap:x", "1"), 5) == "email:abc"
    )
    assert state.filed_key(state.source_state(mail_site, "imap:x", "2"), 5) is None


class TestRequeue:
    def test_failed_message_requeued_over_http(
        self, mail_site, deliver, mailbox, eml, monkeypatch, http_portal_url
    ):
        def broken(*args):
            raise RuntimeError("storage refused the message")

        monkeypatch.setattr(sources, "file_parsed", broken)
        api.portal.set_registry_record("urad.podnety.email.max_attempts", 1)
        deliver(eml("B08.eml"))
        poll_sources(mail_site)
        assert mailbox("Chybné") == [eml("B08.eml")]
        monkeypatch.undo()
        transaction.commit()

        session = requests.Session()
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        page = session.get(f"{http_portal_url}/@@podnety-settings-email").text
        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page).group(1)
        response = session.post(
            f"{http_portal_url}/@@email-requeue", data={"_authenticator": token}
        )
        assert response.status_code == 200
        assert "1 failed messages will be read again" in response.text
        assert mailbox("Chybné") == []
        assert mailbox("INBOX") == [eml("B08.eml")]

        # The instance polls every minute, so a message the server shows one
        # poll late is still filed; it must be filed exactly once.
        filed = 0
        for _attempt in range(3):
            transaction.begin()
            filed += only_source(poll_sources(mail_site))["filed"]
            if filed:
                break
            time.sleep(1)
        assert filed == 1
        assert len(podnety(mail_site)) == 1

    def test_requeue_needs_post(self, mail_site, http_portal_url):
        response = requests.get(
            f"{http_portal_url}/@@email-requeue",
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        )
        assert response.status_code == 405
