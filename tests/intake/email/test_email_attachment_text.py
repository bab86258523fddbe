"""Words inside a PDF attached to an e-mail find the podnět."""

from email.message import EmailMessage
from plone import api
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.intake.textpdf import clerk_finds
from tests.intake.textpdf import text_layer_pdf
from urad.podnety.intake.attachments import get_text
from urad.podnety.intake.email.job import poll_sources

import os
import pytest
import transaction


def _message():
    message = EmailMessage()
    message["From"] = "Jana Nováková <jana.novakova@example.cz>"
    message["To"] = "podatelna@urad.example"
    message["Subject"] = "Rozbitá lavička"
    message["Message-ID"] = "<lavicka-1@example.cz>"
    message["Date"] = "Mon, 04 May 2026 08:00:00 +0200"
    message.set_content("Dobrý den, posílám žádost v příloze.")
    message.add_attachment(
        text_layer_pdf(), maintype="application", subtype="pdf", filename="žádost.pdf"
    )
    return message.as_bytes()


@pytest.fixture
def filed(functional, tmp_path, smtp_sink):
    """File one e-mail with a PDF from a Maildir and return the podnět."""
    path = tmp_path / "mail"
    for name in ("new", "cur", "tmp"):
        (path / name).mkdir(parents=True)
    (path / "new" / "1.M1P1.test").write_bytes(_message())
    os.utime(path / "new" / "1.M1P1.test", (1777874400, 1777874400))
    api.portal.set_registry_record("urad.podnety.email.imap_enabled", False)
    api.portal.set_registry_record("urad.podnety.email.maildir_path", str(path))
    create_users()
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        result = poll_sources(functional["portal"])
        assert result[f"maildir:{path}"]["filed"] == 1
        transaction.commit()
        [brain] = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="Podnet"
        )
        return brain._unrestrictedGetObject()


def test_pdf_text_stored_once(filed):
    [pdf] = [i for i in filed.objectValues() if i.file.filename == "žádost.pdf"]
    text = get_text(pdf)
    assert "Rozbitá lavička v parku Žižkovská louka" in text
    assert text.count("Žižkovská") == 1


@pytest.mark.parametrize("word", ["Žižkovská", "zizkovska", "Šeříková", "serikova"])
def test_clerk_finds_pdf_text(filed, http_portal_url, word):
    register, search = clerk_finds(http_portal_url, word, ("clerk", PASSWORD))
    assert filed.reference_number in register
    assert search == [filed.reference_number]
