"""Posting the public podnět form over real HTTP, as a citizen without JavaScript."""

from pathlib import Path
from plone import api

import transaction


RESOURCES = Path(__file__).parents[2] / "_resources" / "webform"


def _podnety(functional):
    """Return the podněty in the register, read after the server committed."""
    transaction.begin()
    portal = functional["portal"]
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet")
    return [portal.unrestrictedTraverse(brain.getPath()) for brain in brains]


class TestSubmit:
    def test_post_files_podnet(self, functional, citizen):
        png = (RESOURCES / "vytluk.png").read_bytes()
        response = citizen.post(
            files={"form.widgets.priloha_1": ("výtluk – foto.png", png, "image/png")}
        )
        assert response.status_code == 200, response.text[:2000]
        assert "@@podnet-thanks" in response.url
        podnety = _podnety(functional)
        assert len(podnety) == 1
        podnet = podnety[0]
        assert podnet.reference_number in response.text
        assert podnet.channel == "web"
        assert podnet.citizen_email == "jana.novakova@example.cz"
        files = podnet.objectValues()
        assert [f.file.filename for f in files] == ["výtluk – foto.png"]
        assert files[0].file.data == png
