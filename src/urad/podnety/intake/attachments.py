"""Files stored inside a podnět and the text extracted from them."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from urad.podnety.intake.submission import Attachment

import logging


logger = logging.getLogger(__name__)

TEXT_ATTRIBUTE = "podnety_text"
ORIGINAL_ATTRIBUTE = "podnety_original"


def add_file(podnet, attachment: Attachment):
    """Store an attachment as a File item inside the podnět and return it."""
    blob = NamedBlobFile(
        data=attachment.data,
        contentType=attachment.content_type or "application/octet-stream",
        filename=attachment.filename,
    )
    item = api.content.create(
        container=podnet,
        type="File",
        title=attachment.filename,
        file=blob,
        safe_id=True,
    )
    setattr(item, ORIGINAL_ATTRIBUTE, bool(attachment.original))
    if attachment.text:
        setattr(item, TEXT_ATTRIBUTE, attachment.text.replace("\x00", ""))
    return item


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
