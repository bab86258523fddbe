"""Settings of the scan folder intake, stored in the Plone registry."""

from plone.registry.interfaces import IRegistry
from types import SimpleNamespace
from urad.podnety import _
from zope import schema
from zope.component import getUtility
from zope.interface import Interface
from zope.schema import getFieldsInOrder


PREFIX = "urad.podnety.scans"


class IScanSettings(Interface):
    """Records under the prefix ``urad.podnety.scans``."""

    folder = schema.TextLine(
        title=_("Scan folder"),
        description=_(
            "Absolute path of the folder on the server that the scanner or the "
            "SMB share saves into. The Zope process needs read and write access "
            "to it. Leave empty to turn scan intake off."
        ),
        default="",
        required=False,
    )

    stable_seconds = schema.Int(
        title=_("Seconds a file must stay unchanged"),
        description=_(
            "A file is taken only when its size and times have not changed for "
            "this many seconds, so files still being written are left alone."
        ),
        default=30,
        min=1,
        max=3600,
        required=True,
    )

    empty_grace_seconds = schema.Int(
        title=_("Seconds an empty file may wait"),
        description=_(
            "A file of 0 bytes that does not grow within this many seconds "
            "moves to the failed folder."
        ),
        default=600,
        min=1,
        required=True,
    )

    max_file_megabytes = schema.Int(
        title=_("Maximum file size (MB)"),
        description=_(
            "Larger files move to the failed folder. A file is read into memory "
            "once while it is filed."
        ),
        default=200,
        min=1,
        max=2000,
        required=True,
    )

    ocr_max_pages = schema.Int(
        title=_("Maximum pages read by OCR"),
        description=_(
            "Text recognition reads at most this many pages of one scan; the "
            "whole scan is always kept. 0 turns text recognition off."
        ),
        default=60,
        min=0,
        max=1000,
        required=True,
    )

    ocr_language = schema.ASCIILine(
        title=_("OCR language"),
        description=_(
            "Tesseract language code, for example ces, or ces+eng for letters "
            "in Czech and English. The language data package "
            "(tesseract-ocr-ces) must be installed on the server."
        ),
        default="ces",
        required=True,
    )


def get_settings() -> SimpleNamespace:
    """Return the scan settings, with schema defaults for missing records.

    A site whose profile has not been upgraded yet lacks the records, and
    the background jobs must still run there.
    """
    registry = getUtility(IRegistry)
    values = {}
    for name, field in getFieldsInOrder(IScanSettings):
        value = registry.get(f"{PREFIX}.{name}")
        values[name] = field.default if value is None else value
    return SimpleNamespace(**values)
