"""Damaged or undecodable e-mails are filed and flagged for a clerk."""

from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.intake.email.test_email_maildir import drop
from tests.intake.email.test_email_maildir import maildir  # noqa: F401
from tests.intake.email.test_email_maildir import podnety
from urad.podnety.intake.email.job import poll_sources
from urad.podnety.intake.email.parser import parse_message

import random
import requests
import transaction


def garbage(size=3000, seed=7):
    """Return random bytes, as a binary file saved as .eml would hold."""
    generator = random.Random(seed)
    return bytes(generator.randrange(256) for _ in range(size))


BAD_UTF8 = (
    b"From: Jana <jana@example.cz>\r\n"
    b"Subject: Lavicka\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Rozbit\xe1 lavi\xe8ka \xff\xfe\r\n"
)

CLEAN = (
    b"From: Jana <jana@example.cz>\r\n"
    b"Subject: Lavicka\r\n"
    b"Date: Tue, 01 Dec 2026 10:00:00 +0100\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    + "Rozbitá lavička v parku.\r\n".encode()
)


class TestParserAttention:
    def test_garbage_needs_attention(self):
        submission = parse_message(garbage())
        assert "mime-defects" in submission.intake_info["flags"]
        assert "MIME" in submission.attention

    def test_invalid_declared_charset_needs_attention(self):
        submission = parse_message(BAD_UTF8)
        assert "(utf-8)" in submission.attention
        assert "mime-defects" not in submission.intake_info["flags"]

    def test_clean_message_needs_none(self):
        submission = parse_message(CLEAN)
        assert submission.attention == ""

    def test_czech_reason_in_czech(self, integration):
        submission = parse_message(garbage(), language="cs")
        assert submission.attention.startswith("Struktura MIME zprávy je poškozená")


def test_garbage_eml_in_attention_filter(
    functional,
    maildir,  # noqa: F811
    http_portal_url,
):
    create_users()
    transaction.commit()
    drop(maildir, "1764842400.M1P1.garbage", garbage())
    drop(maildir, "1764842401.M2P2.clean", CLEAN)
    result = poll_sources(functional["portal"])
    assert result[f"maildir:{maildir}"]["filed"] == 2
    transaction.commit()
    by_title = {podnet.title: podnet for podnet in podnety()}
    clean = by_title.pop("Lavicka")
    [damaged] = by_title.values()
    assert damaged.attention
    assert clean.attention is None

    response = requests.get(
        f"{http_portal_url}/podnety",
        params={"attention": "1"},
        auth=("clerk", PASSWORD),
        timeout=60,
    )
    assert response.status_code == 200
    assert damaged.reference_number in response.text
    assert clean.reference_number not in response.text
