"""Acknowledgements, auto-replies and citizens' replies to the office's mail."""

from plone import api
from urad.podnety.intake.email.job import poll_sources

import pytest
import time


pytestmark = pytest.mark.imap


def podnety():
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet", sort_on="created")
    return [brain._unrestrictedGetObject() for brain in brains]


def only_source(result):
    [summary] = result.values()
    return summary


def settle(sink, expected, seconds=1.5):
    """Wait until no more mail arrives, then return what arrived."""
    time.sleep(seconds)
    return sink.wait_for(expected, timeout=5)


def citizen_mail(subject, extra=""):
    return (
        "From: =?utf-8?Q?Jana_Mal=C3=A1?= <jana.mala@example.net>\r\n"
        "To: podatelna@urad.example.org\r\n"
        "Message-ID: <first.jana@example.net>\r\n"
        f"{extra}"
        f"Subject: {subject}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        "V ulici Lipová nesvítí lampa.\r\n"
    ).encode()


def reply_mail(subject, in_reply_to, sender="jana.mala@example.net", body="Děkuji."):
    return (
        f"From: Jana <{sender}>\r\n"
        "To: podatelna@urad.example.org\r\n"
        "Message-ID: <reply.jana@example.net>\r\n"
        f"In-Reply-To: {in_reply_to}\r\n"
        f"References: <first.jana@example.net> {in_reply_to}\r\n"
        f"Subject: {subject}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        f"{body}\r\n"
    ).encode()


class TestAcknowledgement:
    def test_one_acknowledgement_with_reference(self, mail_site, deliver, smtp_sink):
        deliver(citizen_mail("Lampa"))
        poll_sources(mail_site)
        [podnet] = podnety()
        [ack] = settle(smtp_sink, 1)
        assert ack["To"].addresses[0].addr_spec == "jana.mala@example.net"
        text = ack.get_body(("plain",)).get_content()
        assert podnet.reference_number in text + str(ack["Subject"])
        assert ack["Auto-Submitted"] == "auto-generated"

    @pytest.mark.parametrize(
        "header",
        [
            "Auto-Submitted: auto-replied\r\n",
            "Precedence: bulk\r\n",
            "Return-Path: <>\r\n",
            "X-Autoreply: yes\r\n",
            "List-Id: <zpravodaj.example.net>\r\n",
        ],
    )
    def test_no_acknowledgement_to_robots(self, mail_site, deliver, smtp_sink, header):
        deliver(citizen_mail("Automatická odpověď: mimo kancelář", extra=header))
        summary = only_source(poll_sources(mail_site))
        assert summary["filed"] == 1
        [podnet] = podnety()
        assert podnet.intake_info["auto_submitted"]
        time.sleep(1.5)
        assert smtp_sink.messages == []


class TestReplies:
    def test_reply_to_acknowledgement_attached(self, mail_site, deliver, smtp_sink):
        deliver(citizen_mail("Lampa"))
        poll_sources(mail_site)
        [podnet] = podnety()
        [ack] = settle(smtp_sink, 1)
        deliver(reply_mail("Re: Lampa", ack["Message-ID"], body="Už zase nesvítí."))
        summary = only_source(poll_sources(mail_site))
        assert summary["reply"] == 1
        assert summary["filed"] == 0
        assert podnety() == [podnet]
        names = sorted(item.file.filename for item in podnet.objectValues())
        assert names == ["odpoved.eml", "zprava.eml"]
        assert "another e-mail on 19.03.2025 08:02" in podnet.attention
        catalog = api.portal.get_tool("portal_catalog")
        found = catalog.unrestrictedSearchResults(SearchableText="zase nesvítí")
        assert [brain.getObject() for brain in found] == [podnet]
        time.sleep(1)
        assert len(smtp_sink.messages) == 1

    def test_reference_number_in_subject_from_citizen(self, mail_site, deliver):
        deliver(citizen_mail("Lampa"))
        poll_sources(mail_site)
        [podnet] = podnety()
        subject = f"Doplnění k {podnet.reference_number}"
        deliver(reply_mail(subject, "<unknown@example.net>"))
        summary = only_source(poll_sources(mail_site))
        assert summary["reply"] == 1
        assert len(podnety()) == 1

    def test_reference_number_from_stranger_is_new(self, mail_site, deliver):
        deliver(citizen_mail("Lampa"))
        poll_sources(mail_site)
        [podnet] = podnety()
        subject = f"Také k {podnet.reference_number}"
        deliver(reply_mail(subject, "<unknown@example.net>", sender="jiny@example.com"))
        summary = only_source(poll_sources(mail_site))
        assert summary["filed"] == 1
        assert len(podnety()) == 2

    def test_reply_redelivered_attached_once(self, mail_site, deliver, smtp_sink):
        deliver(citizen_mail("Lampa"))
        poll_sources(mail_site)
        [podnet] = podnety()
        [ack] = settle(smtp_sink, 1)
        deliver(reply_mail("Re: Lampa", ack["Message-ID"]))
        deliver(reply_mail("Re: Lampa", ack["Message-ID"]))
        summary = only_source(poll_sources(mail_site))
        assert summary["reply"] == 1
        assert summary["duplicate"] == 1
        assert len(podnet.objectValues()) == 2
