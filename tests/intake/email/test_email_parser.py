"""The e-mail parser on real sample messages and hand-built hard cases."""

from datetime import UTC
from datetime import datetime
from hashlib import sha256
from pathlib import Path
from urad.podnety.intake.email.parser import parse_message
from urad.podnety.intake.email.parser import parse_oversized

import json
import pytest
import struct
import time


RESOURCES = Path(__file__).parents[2] / "_resources" / "email"
EXPECTED = json.loads((RESOURCES / "expected.json").read_text(encoding="utf-8"))
DELIVERED = datetime(2025, 3, 19, 7, 2, 11, tzinfo=UTC)


def sample(name):
    return (RESOURCES / name).read_bytes()


def parse(raw, **options):
    return parse_message(raw, DELIVERED, language="en", **options)


def digest(data):
    return sha256(data).hexdigest()


def message(headers, body, charset_header=True):
    """Build raw bytes from a header dict and a body (CRLF line ends)."""
    lines = [f"{name}: {value}".encode() for name, value in headers.items()]
    head = b"\r\n".join(lines)
    return head + b"\r\n\r\n" + body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def assert_clean(text):
    assert "\ufffd" not in text
    assert "\x00" not in text


class TestSamples:
    @pytest.mark.parametrize(
        "name", [name for name in sorted(EXPECTED) if "subject" in EXPECTED[name]]
    )
    def test_subject_and_sender(self, name):
        expected = EXPECTED[name]
        submission = parse(sample(name))
        assert submission.title == expected["subject"]
        assert submission.citizen_name == expected["sender_name"]
        if "sender_email" in expected:
            assert submission.citizen_email == expected["sender_email"]

    @pytest.mark.parametrize(
        "name", [name for name in sorted(EXPECTED) if "body_contains" in EXPECTED[name]]
    )
    def test_body_text(self, name):
        wanted = EXPECTED[name]["body_contains"]
        submission = parse(sample(name))
        for phrase in [wanted] if isinstance(wanted, str) else wanted:
            assert phrase in submission.text
        assert_clean(submission.text)

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_original_is_byte_identical(self, name):
        raw = sample(name)
        submission = parse(raw)
        originals = [item for item in submission.attachments if item.original]
        assert len(originals) == 1
        assert originals[0].data == raw
        assert originals[0].content_type == "message/rfc822"
        assert originals[0].filename.endswith(".eml")

    @pytest.mark.parametrize("name", ["B01.eml", "B02.eml", "B05.eml"])
    def test_attachment_names_and_bytes(self, name):
        submission = parse(sample(name))
        found = {item.filename: item for item in submission.attachments}
        for expected in EXPECTED[name]["attachments"]:
            item = found[expected["filename"]]
            assert digest(item.data) == expected["sha256"]
            if "content_type" in expected:
                assert item.content_type == expected["content_type"]
        for item in submission.attachments:
            assert "''" not in item.filename
            assert_clean(item.filename)

    def test_empty_encoded_name_gets_generated_name(self):
        submission = parse(sample("B03.eml"))
        files = [item for item in submission.attachments if not item.original]
        assert len(files) == 1
        assert files[0].filename == "priloha-1.png"
        assert digest(files[0].data) == EXPECTED["B03.eml"]["attachments"][0]["sha256"]

    def test_text_attachment_is_searchable(self):
        submission = parse(sample("B01.eml"))
        listing = next(a for a in submission.attachments if a.filename.endswith(".txt"))
        assert "Fotodokumentace" in listing.text

    def test_iso_8859_2_not_read_as_windows_1250(self):
        submission = parse(sample("B08.eml"))
        assert "Příliš žluťoučký kůň úpěl ďábelské ódy" in submission.text
        assert submission.citizen_name == "Radek Šťastný"
        assert "charset-guessed" not in submission.intake_info["flags"]

    def test_invalid_date_is_kept_and_flagged(self):
        submission = parse(sample("B12.eml"))
        info = submission.intake_info
        assert submission.received == DELIVERED
        assert (
            info["date_header"] == EXPECTED["B12.eml"]["original_date_header_preserved"]
        )
        assert info["date_valid"] is False
        assert "invalid-date" in info["flags"]
        assert "Date header" in submission.attention

    def test_forwarded_rfc822_registered_under_citizen(self):
        raw = sample("B13.eml")
        submission = parse(raw)
        expected = EXPECTED["B13.eml"]
        assert submission.citizen_name == "Oldřich Král"
        assert submission.citizen_email == "oldrich.kral@example.net"
        assert submission.title == "Zpráva o kontrole"
        assert "nedostatky v oplocení" in submission.text
        forwarded_by = submission.intake_info["forwarded_by"]
        assert forwarded_by["email"] == "sekretariat@urad.example.org"
        assert forwarded_by["name"] == "Sekretariát starosty"
        assert submission.intake_info["message_id"] == expected["case_message_id"]
        assert submission.intake_info["date_header"].startswith("Mon, 03 Mar 2025")
        assert submission.intake_info["date"] == "2025-03-03T09:12:00+01:00"

    @pytest.mark.parametrize(
        "part_headers",
        [
            "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64",
            'Content-Type: application/octet-stream; name="puvodni.eml"\r\n'
            "Content-Disposition: attachment; filename=puvodni.eml\r\n"
            "Content-Transfer-Encoding: base64",
        ],
    )
    def test_encoded_attached_message(self, part_headers):
        import base64

        inner = sample("B08.eml")
        raw = (
            b"From: Sekretariat <sekretariat@urad.example.org>\r\n"
            b"To: podatelna@urad.example.org\r\nSubject: Fwd: pobyt\r\n"
            b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n'
            b"--x\r\nContent-Type: text/plain\r\n\r\nZalozit.\r\n--x\r\n"
            + part_headers.encode()
            + b"\r\n\r\n"
            + base64.encodebytes(inner)
            + b"--x--\r\n"
        )
        submission = parse(raw)
        emls = [a for a in submission.attachments if a.filename.endswith(".eml")]
        assert [a.data for a in emls[1:]] == [inner]
        assert submission.citizen_name == "Radek Šťastný"
        assert "Příliš žluťoučký kůň" in submission.text

    def test_forwarded_message_kept_as_eml(self):
        submission = parse(sample("B13.eml"))
        expected = EXPECTED["B13.eml"]
        inner = next(
            a
            for a in submission.attachments
            if a.filename.endswith(".eml") and not a.original
        )
        assert inner.filename == expected["attachments"][0]["filename"]
        assert digest(inner.data) == expected["attachments"][0]["sha256_of_inner_bytes"]
        assert "nedostatky v oplocení" in inner.text
        protocol = next(
            a for a in submission.attachments if a.filename == "Protokol.pdf"
        )
        assert digest(protocol.data) == expected["inner_attachment"]["sha256"]

    def test_source_key_uses_outer_message(self):
        outer = parse(sample("B13.eml"))
        again = parse(sample("B13.eml"))
        assert outer.source_key == again.source_key
        assert outer.source_key.startswith("email:")


class TestCharsets:
    def test_windows_1250_body(self):
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "x",
                "Content-Type": "text/plain; charset=windows-1250",
            },
            "Žádost o opravu chodníku v ulici Šafaříkova".encode("cp1250"),
        )
        assert parse(raw).text == "Žádost o opravu chodníku v ulici Šafaříkova"

    @pytest.mark.parametrize("label", ["x-cp1250", "cp-1250", "win-1250"])
    def test_charset_aliases(self, label):
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "x",
                "Content-Type": f"text/plain; charset={label}",
            },
            "Příliš žluťoučký kůň".encode("cp1250"),
        )
        assert parse(raw).text == "Příliš žluťoučký kůň"

    @pytest.mark.parametrize("encoding", ["utf-8", "cp1250"])
    def test_no_charset_label(self, encoding):
        raw = message(
            {"From": "a@example.net", "Subject": "x", "Content-Type": "text/plain"},
            "Děkuji za vyřízení, Řehoř Šťastný".encode(encoding),
        )
        submission = parse(raw)
        assert submission.text == "Děkuji za vyřízení, Řehoř Šťastný"

    def test_us_ascii_label_with_8bit_bytes(self):
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "x",
                "Content-Type": "text/plain; charset=us-ascii",
            },
            "Stížnost na hluk".encode("cp1250"),
        )
        submission = parse(raw)
        assert submission.text == "Stížnost na hluk"
        assert "charset-guessed" in submission.intake_info["flags"]

    def test_unknown_charset_still_gives_text(self):
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "x",
                "Content-Type": "text/plain; charset=x-unknown-czech",
            },
            "Žádost o informace".encode(),
        )
        submission = parse(raw)
        assert submission.text == "Žádost o informace"
        assert submission.intake_info["charset_guesses"] == ["x-unknown-czech -> utf-8"]
        assert "unknown character set (x-unknown-czech)" in submission.attention

    def test_raw_8bit_headers(self):
        raw = message(
            {"From": "Jiří Novák <jiri@example.net>", "Subject": "Žádost o kopii"},
            b"text",
        )
        raw = raw.replace("Jiří Novák".encode(), "Jiří Novák".encode("cp1250"))
        submission = parse(raw)
        assert submission.citizen_name == "Jiří Novák"
        assert submission.title == "Žádost o kopii"

    def test_raw_utf8_header_and_unlabelled_body_guess(self):
        raw = (
            "From: Šárka <sarka@example.net>\r\nSubject: Žádost\r\n\r\n"
        ).encode() + "Text bez označení znakové sady".encode("cp1250")
        submission = parse(raw)
        assert submission.citizen_name == "Šárka"
        assert submission.title == "Žádost"
        assert submission.text == "Text bez označení znakové sady"
        assert submission.intake_info["charset_guesses"] == ["none -> windows-1250"]

    def test_nul_bytes_stripped_but_original_kept(self):
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "Hluk\x00 v noci",
                "Content-Type": "text/plain; charset=utf-8",
            },
            "Ruší nás\x00 hluk.".encode(),
        )
        submission = parse(raw)
        assert submission.title == "Hluk v noci"
        assert submission.text == "Ruší nás hluk."
        assert submission.attachments[0].data == raw


class TestStructure:
    def test_html_only_converted_to_text(self):
        html = (
            "<html><head><style>p{color:red}</style></head><body><p>Dobrý den,</p>"
            "<p>prosím o <b>opravu</b> lampy.<br>Děkuji</p><script>x()</script>"
            "</body></html>"
        )
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "Lampa",
                "Content-Type": "text/html; charset=utf-8",
            },
            html.encode(),
        )
        submission = parse(raw)
        assert submission.text == "Dobrý den,\n\nprosím o opravu lampy.\nDěkuji"
        assert "html-only" in submission.intake_info["flags"]

    def test_alternative_prefers_plain_and_keeps_attachments(self):
        body = b"""--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

Plain text wins.
--alt
Content-Type: text/html; charset=utf-8

<p>HTML loses.</p>
--alt--
--outer
Content-Type: image/jpeg
Content-Disposition: attachment; filename="=?utf-8?Q?fotka_z=C3=A1vady.jpg?="
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRg==
--outer--
"""
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "Foto",
                "MIME-Version": "1.0",
                "Content-Type": 'multipart/mixed; boundary="outer"',
            },
            body,
        )
        submission = parse(raw)
        assert submission.text == "Plain text wins."
        names = [item.filename for item in submission.attachments]
        assert names == ["zprava.eml", "fotka závady.jpg"]
        assert submission.attachments[1].data.startswith(b"\xff\xd8\xff")

    def test_malformed_mime_still_registered(self):
        body = b"""--never-closed
Content-Type: text/plain; charset=utf-8

Text before a broken part.
--never-closed
Content-Type: application/pdf; name="a.pdf"
Content-Transfer-Encoding: base64

%%%not base64 at all
"""
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "Rozbitá",
                "Content-Type": 'multipart/mixed; boundary="never-closed"',
            },
            body,
        )
        submission = parse(raw)
        assert submission.text == "Text before a broken part."
        assert "mime-defects" in submission.intake_info["flags"]
        assert submission.attachments[0].data == raw

    def test_missing_date_and_message_id(self):
        raw = message({"From": "a@example.net", "Subject": "Bez data"}, b"text")
        submission = parse(raw)
        assert submission.received == DELIVERED
        assert submission.intake_info["message_id"] == ""
        assert submission.intake_info["date_header"] == ""
        assert "invalid-date" in submission.intake_info["flags"]
        assert submission.attention == ""
        assert submission.source_key.startswith("email:")

    def test_reused_message_id_gives_new_key(self):
        first = message({"From": "a@example.net", "Message-ID": "<same@x>"}, b"one")
        second = message({"From": "a@example.net", "Message-ID": "<same@x>"}, b"two")
        assert parse(first).source_key != parse(second).source_key

    def test_redelivery_with_other_trace_headers_same_key(self):
        body = message({"From": "a@example.net", "Message-ID": "<m@x>"}, b"body")
        first = b"Received: from a by b; Mon, 1 Jan 2025\r\n" + body
        second = b"Received: from c by d; Tue, 2 Jan 2025\r\n" + body
        assert parse(first).source_key == parse(second).source_key

    def test_padded_header_parses_quickly(self):
        padding = ";" * 500_000
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "Padded",
                "Content-Type": f"text/plain; charset=utf-8{padding}",
                "Content-Disposition": f"inline{padding}",
            },
            "Zpráva".encode(),
        )
        started = time.monotonic()
        submission = parse(raw)
        assert time.monotonic() - started < 5
        assert submission.text == "Zpráva"

    def test_time_limit_registers_headers_only(self):
        raw = sample("B01.eml")
        submission = parse(raw, time_limit=0)
        assert submission.title == EXPECTED["B01.eml"]["subject"]
        assert "timeout" in submission.intake_info["flags"]
        assert "longer than 0 s" in submission.attention
        assert submission.attachments[0].data == raw

    def test_parser_error_registers_headers_only(self, monkeypatch):
        from urad.podnety.intake.email import parser

        def explode(self, node, path, content):
            raise ValueError("bug in a MIME walker")

        monkeypatch.setattr(parser.Walker, "collect", explode)
        raw = sample("B08.eml")
        submission = parse(raw)
        assert submission.title == "Oznámení o změně trvalého pobytu"
        assert submission.citizen_email == "radek.stastny@example.com"
        assert submission.intake_info["flags"] == ["unreadable"]
        assert "could not be read (ValueError)" in submission.attention
        assert submission.attachments[0].data == raw
        assert "Labem" in submission.attachments[0].text

    def test_oversized_keeps_original_with_note(self):
        raw = sample("B01.eml")
        submission = parse(raw, max_size=1000)
        assert submission.title == EXPECTED["B01.eml"]["subject"]
        assert "oversized" in submission.intake_info["flags"]
        assert "larger than the limit" in submission.attention
        assert [item.data for item in submission.attachments] == [raw]

    def test_oversized_header_only(self):
        head = sample("B01.eml").split(b"\r\n\r\n")[0]
        submission = parse_oversized(
            head,
            40_000_000,
            DELIVERED,
            max_size=1_048_576,
            location="Zpracováno (UID 7)",
            language="en",
        )
        assert submission.citizen_email == "jirina.dvorakova@example.net"
        assert submission.attachments == []
        assert "Zpracováno (UID 7)" in submission.attention
        assert submission.intake_info["size"] == 40_000_000


def tnef_object(level, attribute, kind, data):
    header = struct.pack("<BHHI", level, attribute, kind, len(data))
    return header + data + struct.pack("<H", sum(data) & 0xFFFF)


def winmail():
    """Build a small TNEF stream with a body and one attached file."""
    return (
        struct.pack("<IH", 0x223E9F78, 1)
        + tnef_object(1, 0x800C, 0x0002, b"Text from Outlook")
        + tnef_object(2, 0x9002, 0x0006, b"\x00" * 14)
        + tnef_object(2, 0x8010, 0x0001, b"rozpocet.txt\x00")
        + tnef_object(2, 0x800F, 0x0006, b"Rozpocet 2025")
    )


class TestSpecialContent:
    def test_tnef_flagged_and_unpacked(self):
        import base64

        encoded = base64.encodebytes(winmail())
        body = (
            b'--b\nContent-Type: application/ms-tnef; name="winmail.dat"\n'
            b"Content-Transfer-Encoding: base64\n\n" + encoded + b"--b--\n"
        )
        raw = message(
            {
                "From": "a@example.net",
                "Subject": "Outlook",
                "Content-Type": 'multipart/mixed; boundary="b"',
            },
            body,
        )
        submission = parse(raw)
        names = [item.filename for item in submission.attachments]
        assert names == ["zprava.eml", "winmail.dat", "rozpocet.txt"]
        assert submission.attachments[2].data == b"Rozpocet 2025"
        assert "tnef" in submission.intake_info["flags"]
        assert "winmail.dat" in submission.attention
        assert submission.text == "Text from Outlook"

    def test_inline_forward_from_office(self):
        body = """Prosím zaevidovat.

---------- Forwarded message ---------
From: Marie Svobodová <marie.svobodova@example.com>
Date: Mon, 3 Mar 2025 at 10:00
Subject: Nefunkční lampa
To: <starosta@urad.example.org>

Lampa v ulici Polní nesvítí.
""".encode()
        raw = message(
            {
                "From": "Referent <referent@urad.example.org>",
                "To": "podatelna@urad.example.org",
                "Subject": "Fwd: Nefunkční lampa",
                "Content-Type": "text/plain; charset=utf-8",
            },
            body,
        )
        submission = parse(raw)
        assert submission.citizen_email == "marie.svobodova@example.com"
        assert submission.citizen_name == "Marie Svobodová"
        assert submission.title == "Nefunkční lampa"
        assert submission.text.startswith("Lampa v ulici Polní nesvítí.")
        assert submission.intake_info["forwarded_by"]["email"] == (
            "referent@urad.example.org"
        )

    def test_czech_outlook_inline_forward(self):
        body = """Přeposílám k vyřízení.

________________________________
Od: Jan Novák <jan.novak@example.cz>
Odesláno: pondělí 3. března 2025 10:00
Komu: starosta@urad.example.org
Předmět: Stížnost na parkování

Auta parkují na chodníku.
""".encode("cp1250")
        raw = message(
            {
                "From": "Referentka <referentka@urad.example.org>",
                "To": "podatelna@urad.example.org",
                "Subject": "FW: Stížnost na parkování",
                "Content-Type": "text/plain; charset=windows-1250",
            },
            body,
        )
        submission = parse(raw)
        assert submission.citizen_email == "jan.novak@example.cz"
        assert submission.citizen_name == "Jan Novák"
        assert submission.title == "Stížnost na parkování"
        assert submission.text.startswith("Auta parkují na chodníku.")
        assert submission.intake_info["date_header"] == "pondělí 3. března 2025 10:00"
        assert "Přeposílám k vyřízení." in submission.text

    def test_citizen_forward_not_treated_as_official(self):
        body = b"""Look at this.

---------- Forwarded message ---------
From: Builder <stavby@example.com>
Subject: Odpoved

No.
"""
        raw = message(
            {
                "From": "citizen@example.net",
                "To": "podatelna@urad.example.org",
                "Subject": "Fwd: Odpoved",
            },
            body,
        )
        submission = parse(raw)
        assert submission.citizen_email == "citizen@example.net"
        assert "forwarded_by" not in submission.intake_info

    def test_public_mail_domain_not_office(self):
        body = b"""Viz nize.

---------- Forwarded message ---------
From: Soused <soused@seznam.cz>
Subject: Plot

Plot postavim, kde chci.
"""
        raw = message(
            {
                "From": "obcan@seznam.cz",
                "To": "obec.horni.lhota@seznam.cz",
                "Subject": "Fwd: Plot",
            },
            body,
        )
        submission = parse(raw)
        assert submission.citizen_email == "obcan@seznam.cz"
        assert "forwarded_by" not in submission.intake_info

    def test_reply_to_used_for_web_robot_sender(self):
        raw = message(
            {
                "From": "noreply@forms.example.org",
                "Reply-To": "Eva <eva@example.net>",
                "Subject": "Formulář",
            },
            b"text",
        )
        submission = parse(raw)
        assert submission.citizen_email == "eva@example.net"
        assert submission.citizen_name == "Eva"

    @pytest.mark.parametrize(
        "header",
        [
            "Auto-Submitted: auto-replied",
            "Precedence: bulk",
            "Return-Path: <>",
            "X-Autoreply: yes",
            "List-Id: <list.example.org>",
            "X-Auto-Response-Suppress: All",
        ],
    )
    def test_auto_generated_marked(self, header):
        raw = (
            header.encode()
            + b"\r\n"
            + message(
                {"From": "someone@example.net", "Subject": "Out of office"}, b"away"
            )
        )
        assert parse(raw).intake_info["auto_submitted"]

    def test_person_not_marked_auto_generated(self):
        raw = message(
            {"From": "someone@example.net", "Auto-Submitted": "no", "Subject": "Hi"},
            b"text",
        )
        assert parse(raw).intake_info["auto_submitted"] == ""

    def test_reference_number_in_subject(self):
        raw = message(
            {"From": "a@example.net", "Subject": "Re: PDN-2026-00042 vyřízení"},
            b"text",
        )
        assert parse(raw).intake_info["reference_numbers"] == ["PDN-2026-00042"]
