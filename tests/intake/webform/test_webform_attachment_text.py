"""Words inside files uploaded through the web form find the podnět."""

from plone import api
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.intake.textpdf import clerk_finds
from tests.intake.textpdf import text_layer_pdf

import pytest
import transaction


@pytest.fixture
def filed(functional, citizen, http_portal_url):
    """Post the form with a PDF and a .txt and return the filed podnět."""
    create_users()
    transaction.commit()
    text = "Stížnost na hlučnou kompresorovnu ve dvoře".encode("cp1250")
    response = citizen.post(
        files={
            "form.widgets.priloha_1": (
                "žádost.pdf",
                text_layer_pdf(),
                "application/pdf",
            ),
            "form.widgets.priloha_2": ("stížnost.txt", text, "text/plain"),
        }
    )
    assert response.status_code == 200, response.text[:2000]
    assert "@@podnet-thanks" in response.url
    transaction.begin()
    [brain] = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Podnet"
    )
    return brain.reference_number


@pytest.mark.parametrize(
    "word", ["Žižkovská", "zizkovska", "Šeříková", "kompresorovnu", "hlucnou"]
)
def test_clerk_finds_uploaded_text(filed, http_portal_url, word):
    register, search = clerk_finds(http_portal_url, word, ("clerk", PASSWORD))
    assert filed in register
    assert search == [filed]


def test_unknown_word_finds_nothing(filed, http_portal_url):
    register, search = clerk_finds(http_portal_url, "kanalizace", ("clerk", PASSWORD))
    assert filed not in register
    assert search == []
