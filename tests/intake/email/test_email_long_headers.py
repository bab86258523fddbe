"""E-mails with header values over the register's limits lose nothing."""

from plone import api
from urad.podnety.intake import file_submission
from urad.podnety.intake.email.parser import parse_message


# Below the parser's 4,096-character cap on one header value.
SUBJECT = "Stížnost na hluk " + "x" * 3900
ADDRESS = "a" * 300 + "@example.cz"


def filed(integration, raw):
    with api.env.adopt_roles(["Manager"]):
        podnet, created = file_submission(integration["portal"], parse_message(raw))
    assert created
    return podnet


def raw_with_subject(subject, sender=f"Jana <{ADDRESS}>"):
    return (
        f"From: {sender}\r\n"
        f"Subject: {subject}\r\n"
        "Date: Tue, 01 Dec 2026 10:00:00 +0100\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "MIME-Version: 1.0\r\n\r\n"
        "V noci je v ulici hluk.\r\n"
    ).encode()


class TestLongHeaders:
    def test_long_subject_shortened_for_title(self, integration):
        podnet = filed(integration, raw_with_subject(SUBJECT, "jana@example.cz"))
        assert len(podnet.title) == 200
        assert podnet.title.startswith("Stížnost na hluk xxx")
        assert podnet.title.endswith("…")

    def test_full_subject_kept_in_text(self, integration):
        podnet = filed(integration, raw_with_subject(SUBJECT, "jana@example.cz"))
        assert podnet.text.startswith("V noci je v ulici hluk.")
        assert SUBJECT in podnet.text

    def test_long_address_moved_to_text(self, integration):
        podnet = filed(integration, raw_with_subject("Hluk"))
        assert podnet.citizen_email is None
        assert ADDRESS in podnet.text
        assert podnet.title == "Hluk"

    def test_short_values_unchanged(self, integration):
        podnet = filed(integration, raw_with_subject("Hluk", "jana@example.cz"))
        assert podnet.title == "Hluk"
        assert podnet.citizen_email == "jana@example.cz"
        assert podnet.text == "V noci je v ulici hluk."
