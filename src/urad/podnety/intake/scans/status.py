"""The text recognition status of a scan, for code and for clerks."""

from urad.podnety import _
from urad.podnety.notifications.settings import site_language
from zope.i18n import translate

import time


STATUS_ATTRIBUTE = "podnety_ocr"


def read_status(item) -> dict:
    """Return the text recognition status of a scan, or an empty dict."""
    return dict(getattr(item, STATUS_ATTRIBUTE, None) or {})


def set_status(item, state, **values):
    """Merge `state` and `values` into the status dict of a scan."""
    status = read_status(item)
    status.update(values, state=state, updated=time.time())
    setattr(item, STATUS_ATTRIBUTE, status)


def copy_to_podnet(item, state, result):
    """Show page count and OCR state with the podnět's intake details."""
    podnet = item.__parent__
    info = dict(getattr(podnet, "intake_info", None) or {})
    info.update(pages=result.pages, ocr=state, ocr_pages_read=result.pages_read)
    podnet.intake_info = info


def describe(item, state, result=None, error="", final=False):
    """Set the file's description to a clerk-readable OCR status."""
    messages = []
    if state == "failed" and final:
        messages.append(
            _("Text recognition failed: ${error}.", mapping={"error": error})
        )
    elif state == "failed":
        messages.append(
            _(
                "Text recognition failed: ${error}. It is tried again later.",
                mapping={"error": error},
            )
        )
    else:
        messages.append(
            _(
                "Text read from ${read} of ${pages} pages.",
                mapping={"read": result.pages_read, "pages": result.pages},
            )
        )
    if state == "reading":
        messages.append(_("The remaining pages are read in the next runs."))
    if result is not None and result.missing_error is not None:
        missing = result.missing_error
        if missing.kind == "language":
            message = _(
                "Text recognition waits for Tesseract language data "
                "${language} to be installed on the server.",
                mapping={"language": missing.name},
            )
        else:
            message = _(
                "Text recognition waits for the program ${program} to be "
                "installed on the server.",
                mapping={"program": missing.name},
            )
        messages.append(message)
    if result is not None and result.over_limit:
        messages.append(
            _(
                "Pages after page ${limit} exceed the OCR page limit and were "
                "not read.",
                mapping={"limit": len(result.methods)},
            )
        )
    if result is not None and result.problems:
        messages.append(_("Some pages are too large for text recognition."))
    language = site_language()
    texts = [translate(message, target_language=language) for message in messages]
    item.description = " ".join(texts)
    item.reindexObject(idxs=["Description"])
