"""Filing into the register leaves the register's own catalog entry alone."""

from DateTime import DateTime
from plone import api
from tests.helpers import file_podnet
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


OLD_DATE = DateTime("2020/01/02 10:00:00 GMT+1")


def register_brain():
    catalog = api.portal.get_tool("portal_catalog")
    [brain] = catalog.unrestrictedSearchResults(portal_type="PodnetRegister")
    return brain


@pytest.fixture
def register(manager):
    """The register, dated and catalogued as last changed on OLD_DATE."""
    register = manager["podnety"]
    register.setModificationDate(OLD_DATE)
    register.reindexObject(idxs=["modified"])
    assert register_brain().modified == OLD_DATE
    return register


class TestRegisterEntry:
    def test_filing_keeps_modified_date(self, manager, register):
        file_podnet(manager, key="test:added")
        assert len(register.objectIds()) == 1
        assert register.modified() == OLD_DATE
        assert register_brain().modified == OLD_DATE

    def test_filing_keeps_catalog_entry(self, manager, register):
        before = register_brain()
        entry = {name: before[name] for name in ("Title", "modified", "review_state")}
        file_podnet(manager, key="test:entry")
        after = register_brain()
        assert {name: after[name] for name in entry} == entry

    def test_deleting_podnet_keeps_modified_date(self, manager, register):
        podnet = file_podnet(manager, key="test:deleted")
        api.content.delete(obj=podnet, check_linkintegrity=False)
        assert list(register.objectIds()) == []
        assert register.modified() == OLD_DATE
        assert register_brain().modified == OLD_DATE

    def test_title_edit_reindexes(self, register):
        register.title = "Evidence podnětů odboru"
        notify(ObjectModifiedEvent(register))
        brain = register_brain()
        assert brain.Title == "Evidence podnětů odboru"
        assert register.modified() > OLD_DATE
        assert brain.modified == register.modified()

    def test_edit_after_filing_reindexes(self, manager, register):
        file_podnet(manager, key="test:before-edit")
        register.title = "Podněty občanů"
        notify(ObjectModifiedEvent(register))
        assert register_brain().Title == "Podněty občanů"
        assert register_brain().modified > OLD_DATE
