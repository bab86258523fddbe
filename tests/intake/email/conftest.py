"""Fixtures for the e-mail intake: a functional site reading the test Dovecot."""

from datetime import UTC
from datetime import datetime
from pathlib import Path
from plone import api

import pytest
import transaction


RESOURCES = Path(__file__).parents[2] / "_resources" / "email"


@pytest.fixture
def eml():
    """Return the bytes of a sample message by file name."""

    def read(name):
        return (RESOURCES / name).read_bytes()

    return read


@pytest.fixture
def mail_site(functional, dovecot, imap_user, smtp_sink):
    """The functional site reading a fresh Dovecot mailbox over plain IMAP.

    The SMTP sink receives the acknowledgements the notifications send.
    """
    portal = functional["portal"]
    records = {
        "imap_enabled": True,
        "imap_host": dovecot.host,
        "imap_port": dovecot.port,
        "imap_security": "plain",
        "imap_user": imap_user,
        "imap_password": dovecot.password,
        "imap_folder": "INBOX",
        "processed_folder": "Zpracováno",
        "failed_folder": "Chybné",
        "maildir_path": "",
    }
    for name, value in records.items():
        api.portal.set_registry_record(f"urad.podnety.email.{name}", value)
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        yield portal


@pytest.fixture
def deliver(dovecot, imap_user):
    """Append a raw message to the test mailbox with a fixed INTERNALDATE."""

    def append(raw, folder="INBOX", when=None):
        when = when or datetime(2025, 3, 19, 7, 2, 11, tzinfo=UTC)
        dovecot.append(imap_user, raw, folder=folder, internal_date=when)

    return append


@pytest.fixture
def mailbox(dovecot, imap_user):
    """Return the raw messages of a folder of the test mailbox."""

    def messages(folder="INBOX"):
        return dovecot.messages(imap_user, folder)

    return messages
