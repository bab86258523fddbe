"""Files stored inside a podnět and the text extracted from them."""

from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.namedfile.file import NamedBlobFile
from urad.podnety.content.files import create_podnet_file
from urad.podnety.intake.submission import Attachment
from zope.component import queryUtility

import logging


logger = logging.getLogger(__name__)

TEXT_ATTRIBUTE = "podnety_text"
ORIGINAL_ATTRIBUTE = "podnety_original"


def add_file(podnet, attachment: Attachment, container_modified: bool = True):
    """Store an attachment as a File item inside the podnět and return it.

    The item stays out of the portal catalog (see `content.files`), and the
    podnět's SearchableText indexes `attachment.text` instead. With
    `container_modified` false the caller notifies the podnět's change.
    """
    blob = NamedBlobFile(
        data=attachment.data,
        contentType=attachment.content_type or "application/octet-stream",
        filename=attachment.filename,
    )
    item = create_podnet_file(
        podnet,
        _file_id(podnet, attachment.filename),
        attachment.filename,
        blob,
        container_modified=container_modified,
    )
    setattr(item, ORIGINAL_ATTRIBUTE, bool(attachment.original))
    if attachment.text:
        setattr(item, TEXT_ATTRIBUTE, attachment.text.replace("\x00", ""))
    return item


def _file_id(podnet, filename):
    """Return a URL-safe id for `filename` that is free in the podnět."""
    base = queryUtility(IIDNormalizer).normalize(filename or "soubor", max_length=80)
    candidate = base or "soubor"
    number = 1
    while candidate in podnet.objectIds():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def get_text(item):
    """Return the text extracted from a stored file, or an empty string."""
    return getattr(item, TEXT_ATTRIBUTE, "") or ""


def set_text(item, text):
    """Store text extracted later (OCR) and reindex the podnět for search."""
    setattr(item, TEXT_ATTRIBUTE, (text or "").replace("\x00", ""))
    parent = item.__parent__
    parent.reindexObject(idxs=["SearchableText"])


def is_original(item):
    return bool(getattr(item, ORIGINAL_ATTRIBUTE, False))
