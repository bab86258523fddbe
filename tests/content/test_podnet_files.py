"""Files filed inside a podnět: kept out of the catalog, still fully usable."""

from Acquisition import aq_base
from datetime import datetime
from plone import api
from plone.app.contenttypes.content import File
from plone.namedfile.file import NamedBlobFile
from tests.intake.textpdf import text_layer_pdf
from urad.podnety.content.files import PodnetFile
from urad.podnety.content.files import create_podnet_file
from urad.podnety.intake import Attachment
from urad.podnety.intake import Submission
from urad.podnety.intake import file_submission
from urad.podnety.intake.attachments import get_text
from urad.podnety.intake.scans import textjob
from zoneinfo import ZoneInfo


PRAGUE = ZoneInfo("Europe/Prague")
RAW = b"From: a@example.cz\r\nSubject: x\r\n\r\nTelo zpravy\r\n"


def _filed(portal, key="email:files"):
    podnet, _created = file_submission(
        portal,
        Submission(
            channel="email",
            source_key=key,
            received=datetime(2026, 5, 4, 8, 0, tzinfo=PRAGUE),
            title="Výtluk v ulici Křižíkova",
            attachments=[
                Attachment("zpráva.eml", RAW, "message/rfc822", original=True),
                Attachment("dopis.txt", b"x", "text/plain", text="kanalizace"),
            ],
        ),
    )
    return podnet


def _catalogued_files(portal):
    catalog = api.portal.get_tool("portal_catalog")
    return [
        brain.getPath()
        for brain in catalog.unrestrictedSearchResults(portal_type="File")
    ]


class TestPodnetFiles:
    def test_files_not_catalogued(self, manager):
        _filed(manager)
        assert _catalogued_files(manager) == []

    def test_files_are_file_items(self, manager):
        podnet = _filed(manager)
        files = podnet.objectValues()
        assert [type(aq_base(item)) for item in files] == [PodnetFile, PodnetFile]
        assert [item.portal_type for item in files] == ["File", "File"]
        assert files[0].file.data == RAW
        assert files[0].Title() == "zpráva.eml"

    def test_podnet_found_by_file_text(self, manager):
        podnet = _filed(manager)
        brains = api.content.find(portal_type="Podnet", SearchableText="kanalizace")
        assert [brain.getPath() for brain in brains] == [
            "/".join(podnet.getPhysicalPath())
        ]

    def test_file_has_owner_and_dates(self, manager):
        item = _filed(manager).objectValues()[0]
        assert item.created() is not None
        assert item.modified() is not None
        assert item.getOwnerTuple() is not None

    def test_copied_podnet_keeps_files_uncatalogued(self, manager):
        podnet = _filed(manager)
        copy = api.content.copy(source=podnet, target=manager["podnety"], safe_id=True)
        assert [type(aq_base(item)) for item in copy.objectValues()] == [
            PodnetFile,
            PodnetFile,
        ]
        assert _catalogued_files(manager) == []

    def test_deleted_podnet_leaves_no_entries(self, manager, caplog):
        podnet = _filed(manager)
        path = "/".join(podnet.getPhysicalPath())
        catalog = api.portal.get_tool("portal_catalog")
        assert len(catalog.unrestrictedSearchResults(path=path)) == 1
        api.content.delete(obj=podnet, check_linkintegrity=False)
        assert len(catalog.unrestrictedSearchResults(path=path)) == 0
        assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []

    def test_left_over_entry_removed_on_delete(self, manager):
        podnet = _filed(manager)
        item = podnet.objectValues()[0]
        catalog = api.portal.get_tool("portal_catalog")
        # A full catalog rebuild catalogues the file again.
        catalog.catalog_object(item, "/".join(item.getPhysicalPath()))
        assert len(_catalogued_files(manager)) == 1
        api.content.delete(obj=podnet, check_linkintegrity=False)
        assert _catalogued_files(manager) == []

    def test_one_container_event_per_filing(self, manager):
        from zope.component import getGlobalSiteManager
        from zope.container.interfaces import IContainerModifiedEvent

        seen = []

        def count(event):
            if event.object.portal_type == "Podnet":
                seen.append(event.object)

        registry = getGlobalSiteManager()
        registry.registerHandler(count, (IContainerModifiedEvent,))
        try:
            _filed(manager)
        finally:
            registry.unregisterHandler(count, (IContainerModifiedEvent,))
        assert len(seen) == 1


class TestUpgrade1002:
    def _old_podnet(self, portal):
        """Return a podnět whose file is a catalogued plain File, as before 1002."""
        podnet, _created = file_submission(
            portal,
            Submission(
                channel="post",
                source_key="post:old",
                received=datetime(2026, 5, 4, 8, 0, tzinfo=PRAGUE),
                title="Dopis",
            ),
        )
        item = api.content.create(
            container=podnet,
            type="File",
            id="sken.png",
            title="sken.png",
            file=NamedBlobFile(data=b"\x89PNG", filename="sken.png"),
        )
        item.podnety_original = True
        return podnet, item

    def test_old_file_converted_and_uncatalogued(self, manager, setup_tool):
        podnet, item = self._old_podnet(manager)
        assert type(aq_base(item)) is File
        assert len(_catalogued_files(manager)) == 1
        setup_tool.setLastVersionForProfile("urad.podnety:default", "1001")
        from plone.base.utils import get_installer

        get_installer(manager).upgrade_product("urad.podnety")
        assert setup_tool.getLastVersionForProfile("urad.podnety:default") == ("1003",)
        assert type(aq_base(podnet["sken.png"])) is PodnetFile
        assert podnet["sken.png"].file.data == b"\x89PNG"
        assert _catalogued_files(manager) == []

    def test_ocr_queue_rekeyed(self, manager):
        from urad.podnety.upgrades.podnet_files import uncatalog_podnet_files

        podnet, item = self._old_podnet(manager)
        queue = textjob._queue(manager)
        queue[item.UID()] = 12.5
        uncatalog_podnet_files()
        key = f"{podnet.UID()}/{item.UID()}"
        assert dict(queue) == {key: 12.5}
        assert textjob._queued_file(key) == podnet["sken.png"]

    def test_files_outside_podnety_kept(self, manager):
        from urad.podnety.upgrades.podnet_files import uncatalog_podnet_files

        api.content.create(
            container=manager,
            type="File",
            id="pokyny.pdf",
            title="Pokyny",
            file=NamedBlobFile(data=b"%PDF-1.4", filename="pokyny.pdf"),
        )
        uncatalog_podnet_files()
        assert len(_catalogued_files(manager)) == 1
        assert type(aq_base(manager["pokyny.pdf"])) is File

    def test_old_file_text_kept(self, manager):
        from urad.podnety.upgrades.podnet_files import uncatalog_podnet_files

        podnet, _item = self._old_podnet(manager)
        api.content.create(
            container=podnet,
            type="File",
            id="zadost.pdf",
            title="žádost.pdf",
            file=NamedBlobFile(data=text_layer_pdf(), filename="žádost.pdf"),
        )
        # Before the upgrade only the File's own catalog entry has its text.
        assert [
            b.portal_type for b in api.content.find(SearchableText="Žižkovská")
        ] == ["File"]
        uncatalog_podnet_files()
        assert "Žižkovská louka" in get_text(podnet["zadost.pdf"])
        assert [b.getId for b in api.content.find(SearchableText="zizkovska")] == [
            podnet.getId()
        ]

    def test_uncatalogued_file_gets_text(self, manager):
        from urad.podnety.upgrades.podnet_files import uncatalog_podnet_files

        podnet = _filed(manager)
        # A file stored by intake after the files left the catalog, when
        # intake did not extract text from PDFs yet.
        create_podnet_file(
            podnet,
            "zadost.pdf",
            "žádost.pdf",
            NamedBlobFile(data=text_layer_pdf(), filename="žádost.pdf"),
        )
        assert list(api.content.find(SearchableText="Žižkovská")) == []
        uncatalog_podnet_files()
        assert [b.getId for b in api.content.find(SearchableText="Žižkovská")] == [
            podnet.getId()
        ]
        assert get_text(podnet.objectValues()[1]) == "kanalizace"
        assert _catalogued_files(manager) == []
