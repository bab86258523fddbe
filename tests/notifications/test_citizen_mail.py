"""Citizen e-mails on filing and on transitions, received by a real SMTP server."""

from plone import api
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.content.history import recorded
from urad.podnety.notifications.citizen_mail import send_citizen_mail
from urad.podnety.workflow import config

import pytest
import time
import transaction


ORIGINAL_ID = "<CAF3x9q@mail.example.cz>"
CITIZEN = "jana.novakova@example.cz"


def _text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def _html(message):
    return message.get_body(preferencelist=("html",)).get_content()


def _citizen_mails(smtp_sink, count, timeout=10):
    """Wait for `count` mails to the citizen; officials' mails are skipped."""
    deadline = time.monotonic() + timeout
    while True:
        mails = [m for m in smtp_sink.messages if m["To"] == CITIZEN]
        if len(mails) >= count or time.monotonic() > deadline:
            return mails
        time.sleep(0.1)


def _transition(podnet, transition, comment=""):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=podnet, transition=transition, comment=comment)


@pytest.fixture
def portal_with_users(functional):
    portal = functional["portal"]
    # Start from the latest state: the server's job runner commits meanwhile.
    transaction.begin()
    create_users()
    transaction.commit()
    return portal


class TestAcknowledgement:
    def test_sent_with_reference_number(self, portal_with_users, smtp_sink):
        """The citizen gets one acknowledgement naming the reference number."""
        podnet = file_podnet(portal_with_users, wants_updates=False)
        transaction.commit()
        messages = smtp_sink.wait_for(1)
        assert len(messages) == 1
        message = messages[0]
        assert message["To"] == "jana.novakova@example.cz"
        assert podnet.reference_number in message["Subject"]
        assert podnet.reference_number in _text(message)
        assert "Rozbitá lavička v parku" in _text(message)
        assert f"/stav-podnetu?ref={podnet.reference_number}" in _text(message)
        assert smtp_sink.envelopes[0]["to"] == ["jana.novakova@example.cz"]

    def test_public_address_in_link(self, portal_with_users, smtp_sink):
        """A configured public address replaces the request's in the link."""
        api.portal.set_registry_record(
            "urad.podnety.citizens.public_url", "https://www.urad.example/urad/"
        )
        podnet = file_podnet(portal_with_users)
        transaction.commit()
        text = _text(smtp_sink.wait_for(1)[0])
        expected = "https://www.urad.example/urad/stav-podnetu?ref="
        assert expected + podnet.reference_number in text

    def test_headers(self, portal_with_users, smtp_sink):
        """Auto-Submitted, Reply-To and Message-ID are set."""
        file_podnet(portal_with_users)
        transaction.commit()
        message = smtp_sink.wait_for(1)[0]
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["Reply-To"] == "podnety@urad.example"
        assert message["Message-ID"].startswith("<")
        assert message["In-Reply-To"] is None

    def test_threads_under_citizen_mail(self, portal_with_users, smtp_sink):
        """A reply to an e-mailed podnět threads under the citizen's message."""
        file_podnet(
            portal_with_users,
            channel="email",
            intake_info={"message_id": ORIGINAL_ID},
        )
        transaction.commit()
        message = smtp_sink.wait_for(1)[0]
        assert message["In-Reply-To"] == ORIGINAL_ID
        assert message["References"] == ORIGINAL_ID

    def test_html_part_escapes_subject(self, portal_with_users, smtp_sink):
        """Markup in the citizen's subject arrives escaped in the HTML part."""
        file_podnet(portal_with_users, title='<img src=x onerror="alert(1)">')
        transaction.commit()
        message = smtp_sink.wait_for(1)[0]
        assert "<img src=x" not in _html(message)
        assert "&lt;img src=x" in _html(message)

    def test_recorded_in_history(self, portal_with_users, smtp_sink):
        """The sent e-mail appears in the podnět's history with its template."""
        podnet = file_podnet(portal_with_users)
        transaction.commit()
        message = smtp_sink.wait_for(1)[0]
        mails = [entry for entry in recorded(podnet) if entry["action"] == "mail"]
        assert len(mails) == 1
        assert mails[0]["details"]["template"] == "filed"
        assert mails[0]["details"]["to"] == "jana.novakova@example.cz"
        assert mails[0]["details"]["message_id"] == message["Message-ID"]

    def test_not_for_auto_submitted(self, portal_with_users, smtp_sink):
        """An auto-reply or bounce filed by e-mail gets no acknowledgement."""
        file_podnet(
            portal_with_users,
            channel="email",
            intake_info={"auto_submitted": True, "message_id": ORIGINAL_ID},
        )
        file_podnet(portal_with_users, key="test:2", citizen_email="")
        file_podnet(portal_with_users, key="test:3", citizen_email="petr@example.cz")
        transaction.commit()
        time.sleep(3)
        recipients = [m["To"] for m in smtp_sink.messages]
        assert [r for r in recipients if not r.endswith("@urad.example")] == [
            "petr@example.cz"
        ]

    def test_duplicate_filing_not_acknowledged_again(
        self, portal_with_users, smtp_sink
    ):
        """Filing the same source twice sends one acknowledgement."""
        with api.env.adopt_roles(["Manager"]):
            file_podnet(portal_with_users, key="test:dup")
            transaction.commit()
            file_podnet(portal_with_users, key="test:dup")
            transaction.commit()
        assert len(_citizen_mails(smtp_sink, 2, timeout=3)) == 1


class TestTransitions:
    def _filed(self, portal, smtp_sink, **fields):
        fields.setdefault("wants_updates", True)
        podnet = file_podnet(portal, **fields)
        podnet.assignee = "official"
        transaction.commit()
        _citizen_mails(smtp_sink, 1)
        smtp_sink.clear()
        return podnet

    def test_each_citizen_step_mailed(self, portal_with_users, smtp_sink):
        """Accept, forward, resolve, close and reopen each send one e-mail."""
        podnet = self._filed(portal_with_users, smtp_sink)
        _transition(podnet, config.ACCEPT)
        podnet.assignee = "official2"
        _transition(podnet, config.FORWARD, comment="Internal: Novák is away")
        podnet.resolution = "Lavičku opraví technické služby do pátku."
        _transition(podnet, config.RESOLVE)
        _transition(podnet, config.CLOSE)
        _transition(podnet, config.REOPEN)
        transaction.commit()
        messages = _citizen_mails(smtp_sink, 5)
        assert len(messages) == 5
        templates = {
            entry["details"]["message_id"]: entry["details"]["template"]
            for entry in recorded(podnet)
            if entry["action"] == "mail" and entry["details"]["to"] == CITIZEN
        }
        assert sorted(templates.values()) == sorted(
            ["filed", "accept", "forward", "resolve", "close", "reopen"]
        )
        texts = {templates[m["Message-ID"]]: _text(m) for m in messages}
        assert "Lavičku opraví technické služby do pátku." in texts["resolve"]
        for text in texts.values():
            assert "Novák is away" not in text
            assert "Test Official2" not in text

    def test_reject_mails_reason(self, portal_with_users, smtp_sink):
        """A rejection e-mail contains the reason written by the clerk."""
        podnet = self._filed(portal_with_users, smtp_sink)
        reason = "Silnici spravuje Krajská správa silnic, obraťte se na ni."
        _transition(podnet, config.REJECT, comment=reason)
        transaction.commit()
        message = _citizen_mails(smtp_sink, 1)[0]
        assert reason in _text(message)

    def test_forward_names_official_when_configured(self, portal_with_users, smtp_sink):
        """With the setting on, the forwarding e-mail names the official."""
        api.portal.set_registry_record("urad.podnety.citizens.show_handler_name", True)
        podnet = self._filed(portal_with_users, smtp_sink)
        _transition(podnet, config.ACCEPT)
        podnet.assignee = "official2"
        _transition(podnet, config.FORWARD, comment="Better placed")
        transaction.commit()
        texts = [_text(m) for m in _citizen_mails(smtp_sink, 2)]
        assert len(texts) == 2
        assert any("Test Official2" in text for text in texts)

    def test_no_updates_without_consent(self, portal_with_users, smtp_sink):
        """Without wants_updates only the acknowledgement is sent."""
        podnet = self._filed(portal_with_users, smtp_sink, wants_updates=False)
        _transition(podnet, config.ACCEPT)
        transaction.commit()
        assert _citizen_mails(smtp_sink, 1, timeout=2) == []

    def test_same_event_not_mailed_twice(self, portal_with_users, smtp_sink):
        """Sending for an already mailed event key sends nothing."""
        podnet = self._filed(portal_with_users, smtp_sink)
        first = send_citizen_mail(podnet, "accept", "accept@manual")
        second = send_citizen_mail(podnet, "accept", "accept@manual")
        transaction.commit()
        assert first is not None
        assert second is None
        assert len(_citizen_mails(smtp_sink, 2, timeout=2)) == 1

    def test_edited_template_used(self, portal_with_users, smtp_sink):
        """A template edited in the settings is used for the next e-mail."""
        api.portal.set_registry_record(
            "urad.podnety.citizens.subject_accept",
            "Řešíme ${reference_number}: ${subject}",
        )
        podnet = self._filed(portal_with_users, smtp_sink)
        _transition(podnet, config.ACCEPT)
        transaction.commit()
        message = _citizen_mails(smtp_sink, 1)[0]
        expected = f"Řešíme {podnet.reference_number}: Rozbitá lavička v parku"
        assert message["Subject"] == expected
