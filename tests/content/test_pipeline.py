"""Filing submissions: numbering, de-duplication, files and search."""

from datetime import datetime
from plone import api
from tests.helpers import file_podnet
from urad.podnety.intake import Attachment
from urad.podnety.intake import Submission
from urad.podnety.intake import file_submission
from urad.podnety.intake.attachments import set_text
from zoneinfo import ZoneInfo

import pytest


PRAGUE = ZoneInfo("Europe/Prague")


def _submission(key, **fields):
    return Submission(
        channel=fields.pop("channel", "email"),
        source_key=key,
        received=datetime(2026, 5, 4, 8, 0, tzinfo=PRAGUE),
        title=fields.pop("title", "Výtluk v ulici Křižíkova"),
        **fields,
    )


class TestFiling:
    def test_reference_numbers_are_sequential(self, manager):
        first = file_podnet(manager, key="a")
        second = file_podnet(manager, key="b")
        year = datetime.now(PRAGUE).year
        assert first.reference_number == f"PDN-{year}-00001"
        assert second.reference_number == f"PDN-{year}-00002"

    def test_podnet_id_is_reference_number(self, manager):
        podnet = file_podnet(manager, key="a")
        assert podnet.getId() == podnet.reference_number.lower()

    def test_same_source_is_filed_once(self, manager):
        podnet, created = file_submission(manager, _submission("email:abc"))
        again, created_again = file_submission(manager, _submission("email:abc"))
        assert created is True
        assert created_again is False
        assert again == podnet
        assert len(manager["podnety"].objectIds()) == 1

    def test_new_podnet_waits_for_triage(self, manager):
        podnet = file_podnet(manager)
        assert api.content.get_state(podnet) == "new"

    def test_received_kept_apart_from_creation(self, manager):
        podnet = file_podnet(manager)
        assert podnet.received == datetime(2026, 3, 2, 9, 30, tzinfo=PRAGUE)
        assert podnet.created().year() == datetime.now().year

    def test_attachments_stored_as_files(self, manager):
        raw = b"From: a@example.cz\r\nSubject: x\r\n\r\nTelo zpravy\r\n"
        podnet, _created = file_submission(
            manager,
            _submission(
                "email:files",
                attachments=[
                    Attachment("zpráva.eml", raw, "message/rfc822", original=True),
                    Attachment("foto.png", b"\x89PNG\r\n\x1a\n", "image/png"),
                ],
            ),
        )
        files = podnet.objectValues()
        assert [item.portal_type for item in files] == ["File", "File"]
        assert files[0].file.data == raw
        assert files[0].file.filename == "zpráva.eml"
        assert files[1].file.contentType == "image/png"

    def test_unknown_channel_rejected(self, manager):
        with pytest.raises(ValueError, match="Unknown channel"):
            file_submission(manager, _submission("x", channel="fax"))
        assert list(manager["podnety"].objectIds()) == []

    def test_naive_received_rejected(self, manager):
        submission = _submission("x")
        submission.received = datetime(2026, 5, 4, 8, 0)
        with pytest.raises(ValueError, match="timezone-aware"):
            file_submission(manager, submission)

    def test_nul_bytes_stripped(self, manager):
        podnet, _created = file_submission(
            manager, _submission("nul", title="A\x00B", text="x\x00y")
        )
        assert podnet.title == "AB"
        assert podnet.text == "xy"


class TestSearch:
    def _search(self, portal, text):
        return [
            brain.reference_number
            for brain in api.content.find(portal_type="Podnet", SearchableText=text)
        ]

    def test_text_and_contact_searchable(self, manager):
        podnet = file_podnet(manager)
        assert self._search(manager, "lavička") == [podnet.reference_number]
        assert self._search(manager, "Nováková") == [podnet.reference_number]

    def test_search_ignores_diacritics(self, manager):
        podnet = file_podnet(manager)
        assert self._search(manager, "lavicka") == [podnet.reference_number]

    def test_attachment_text_searchable(self, manager):
        podnet, _created = file_submission(
            manager,
            _submission(
                "email:text",
                attachments=[
                    Attachment("dopis.txt", b"x", "text/plain", text="kanalizace")
                ],
            ),
        )
        assert self._search(manager, "kanalizace") == [podnet.reference_number]

    def test_text_found_later_becomes_searchable(self, manager):
        podnet, _created = file_submission(
            manager,
            _submission("post:1", channel="post", attachments=[
                Attachment("sken.png", b"\x89PNG", "image/png", original=True)
            ]),
        )
        assert self._search(manager, "Křižíkova") == [podnet.reference_number]
        assert self._search(manager, "chodníku") == []
        set_text(podnet.objectValues()[0], "Oprava chodníku")
        assert self._search(manager, "chodníku") == [podnet.reference_number]


class TestAnonymousChannels:
    def test_anonymous_duplicate_returns_earlier(self, portal):
        from plone.app.testing import logout

        logout()
        podnet, created = file_submission(portal, _submission("web:anon"))
        again, created_again = file_submission(portal, _submission("web:anon"))
        assert created is True
        assert created_again is False
        assert again.reference_number == podnet.reference_number
