"""Upgrade 1002: keep the files inside podněty out of the portal catalog."""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.contenttypes.content import File
from urad.podnety.content.files import PodnetFile
from urad.podnety.content.podnet import IPodnet
from urad.podnety.intake.attachments import TEXT_ATTRIBUTE
from urad.podnety.intake.attachments import extract_stored_text
from urad.podnety.intake.attachments import get_text
from urad.podnety.intake.scans import textjob
from urad.podnety.setuphandlers import get_register

import logging
import transaction


logger = logging.getLogger(__name__)


def uncatalog_podnet_files(setup_tool=None):
    """Make each File inside a podnět a `PodnetFile` and drop its catalog entry.

    The OCR queue is rewritten first, because it names scans by the UID of
    their File, which can only be looked up while the File is catalogued.
    The class of each File changes in place, and the podnět stores the item
    again, because the podnět's stored reference names the item's class and
    ZODB would load the old class from it.

    Until then each File's text was searchable only through its own catalog
    entry, and files filed after the change to `PodnetFile` but before text
    extraction moved into intake had no text at all. So every file in a
    podnět without stored text gets it extracted and stored, and the podnět
    is reindexed, before the podnět alone has to find it.
    """
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    register_path = "/".join(get_register(portal).getPhysicalPath())
    textjob.rekey_queue(portal)

    converted = 0
    brains = catalog.unrestrictedSearchResults(portal_type="File", path=register_path)
    for brain in list(brains):
        path = brain.getPath()
        item = brain._unrestrictedGetObject()
        podnet = aq_parent(aq_inner(item))
        if not IPodnet.providedBy(podnet):
            continue
        if type(aq_base(item)) is File:
            _convert(podnet, item)
            converted += 1
        catalog.uncatalog_object(path)
    logger.info("%s files inside podněty converted and uncatalogued", converted)
    _store_missing_texts(catalog, register_path)


def _store_missing_texts(catalog, register_path):
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet", path=register_path)
    stored = 0
    for number, brain in enumerate(brains, start=1):
        podnet = brain._unrestrictedGetObject()
        changed = False
        for item in podnet.objectValues():
            if get_text(item):
                continue
            text = extract_stored_text(item)
            if text:
                setattr(item, TEXT_ATTRIBUTE, text.replace("\x00", ""))
                changed = True
                stored += 1
        if changed:
            podnet.reindexObject(idxs=["SearchableText"])
        if number % 100 == 0:
            # A savepoint moves the changes out of memory, so the connection
            # can release the podněty and blobs it has read so far.
            transaction.savepoint(optimistic=True)
    logger.info("Text extracted and stored for %s files inside podněty", stored)


def _convert(podnet, item):
    base = aq_base(item)
    base._p_activate()
    base.__class__ = PodnetFile
    base._p_changed = True
    # Setting the key again makes BTrees store the bucket again, and with it
    # the new class in its reference to the item.
    podnet._tree[base.getId()] = base
