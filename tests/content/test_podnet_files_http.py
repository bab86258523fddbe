"""Uncatalogued files of a podnět over real HTTP: REST items, download, access."""

from Acquisition import aq_base
from plone import api
from plone.app.contenttypes.content import File
from plone.namedfile.file import NamedBlobFile
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet
from urad.podnety.content.files import PodnetFile
from urad.podnety.intake import Attachment

import pytest
import requests
import transaction


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture
def podnet(functional):
    transaction.begin()
    create_users()
    podnet = file_podnet(
        functional["portal"],
        key="test:files-http",
        attachments=[
            Attachment("zprava.eml", b"Subject: x\r\n\r\ny", "message/rfc822", True),
            Attachment("foto.png", PNG, "image/png"),
        ],
    )
    transaction.commit()
    return podnet


def _clerk():
    session = requests.Session()
    session.auth = ("clerk", PASSWORD)
    return session


class TestFilesOverHttp:
    def test_rest_items_list_files(self, podnet):
        response = _clerk().get(
            podnet.absolute_url(), headers={"Accept": "application/json"}, timeout=30
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["items_total"] == 2
        assert [item["@id"] for item in body["items"]] == [
            item.absolute_url() for item in podnet.objectValues()
        ]
        assert [item["@type"] for item in body["items"]] == ["File", "File"]

    @pytest.mark.parametrize(
        "fields", ["_all", ["getObjSize", "mime_type"]], ids=["all", "named"]
    )
    def test_rest_items_show_size_and_type(self, podnet, fields):
        response = _clerk().get(
            podnet.absolute_url(),
            params={"metadata_fields": fields},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        assert [item["getObjSize"] for item in items] == ["1 KB", "1 KB"]
        assert [item["mime_type"] for item in items] == ["message/rfc822", "image/png"]

    def test_rest_full_items(self, podnet):
        response = _clerk().get(
            podnet.absolute_url() + "?fullobjects=1",
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        files = [item["file"]["filename"] for item in response.json()["items"]]
        assert files == ["zprava.eml", "foto.png"]

    def test_clerk_downloads_file(self, podnet):
        url = podnet.objectValues()[1].absolute_url() + "/@@download/file"
        response = _clerk().get(url, timeout=30)
        assert response.status_code == 200
        assert response.content == PNG

    def test_podnet_page_lists_files(self, podnet):
        response = _clerk().get(podnet.absolute_url(), timeout=30)
        assert response.status_code == 200
        assert "foto.png" in response.text
        assert "zprava.eml" in response.text

    def test_anonymous_cannot_download(self, podnet):
        url = podnet.objectValues()[1].absolute_url() + "/@@download/file"
        response = requests.get(url, allow_redirects=False, timeout=30)
        assert response.status_code in (302, 401)
        assert response.content != PNG


class TestUpgradeStored:
    def test_converted_class_survives_reload(self, functional):
        from urad.podnety.upgrades.podnet_files import uncatalog_podnet_files

        transaction.begin()
        podnet = file_podnet(functional["portal"], key="test:upgrade-reload")
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=podnet,
                type="File",
                id="sken.png",
                title="sken.png",
                file=NamedBlobFile(data=PNG, filename="sken.png"),
            )
        transaction.commit()
        assert type(aq_base(podnet["sken.png"])) is File
        uncatalog_podnet_files()
        transaction.commit()

        connection = podnet._p_jar.db().open()
        try:
            stored = connection.get(podnet._p_oid)
            assert type(aq_base(stored._getOb("sken.png"))) is PodnetFile
        finally:
            connection.close()
