"""Recognise the text of filed scans in the background and index it.

Intake only queues a scan (see `queue_key`, in a BTree on the site), so a
podnět exists before its text does. This job reads the queued scans with
`ocr.extract_text`, stores the text with `attachments.set_text` and records
the outcome on the File: a ``podnety_ocr`` dict for code and a translated
description that clerks see in the file's listing. A TIFF scan also gets a
PDF copy of all its pages, because browsers cannot display TIFF.
"""

from BTrees.OOBTree import OOBTree
from plone.app.uuid.utils import uuidToObject
from Products.CMFCore.utils import getToolByName
from urad.podnety.intake import Attachment
from urad.podnety.intake.attachments import add_file
from urad.podnety.intake.attachments import get_text
from urad.podnety.intake.attachments import is_original
from urad.podnety.intake.attachments import set_text
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.intake.scans import ocr
from urad.podnety.intake.scans.names import split_name
from urad.podnety.intake.scans.preview import write_pdf_preview
from urad.podnety.intake.scans.settings import get_settings
from urad.podnety.intake.scans.sniff import TIFF
from urad.podnety.intake.scans.sniff import count_pages
from urad.podnety.intake.scans.sniff import detect_format
from urad.podnety.intake.scans.status import copy_to_podnet
from urad.podnety.intake.scans.status import describe
from urad.podnety.intake.scans.status import read_status
from urad.podnety.intake.scans.status import set_status
from zope.annotation.interfaces import IAnnotations

import logging
import os
import tempfile
import time


logger = logging.getLogger(__name__)

QUEUE_KEY = "urad.podnety.scans.ocr_queue"
# A scan whose OCR tools are missing or that failed is tried again this
# many seconds later.
RETRY_SECONDS = 900
# Failed runs (a crashing or timed-out program) before a scan is given up.
MAX_ATTEMPTS = 3
# No new page is started after this many seconds of one run (at least one
# page of one scan is always read), so a run ends well inside the runner's
# lease of 300 seconds or more. A long scan resumes at the next run.
RUN_SECONDS = 120

# Problems already logged by this process, so a missing program is
# reported once and not at every run.
_warned = set()


def _queue(portal):
    annotations = IAnnotations(portal)
    queue = annotations.get(QUEUE_KEY)
    if queue is None:
        queue = annotations[QUEUE_KEY] = OOBTree()
    return queue


def queue_scan(portal, podnet, format_name, pages):
    """Queue the original scan of a freshly filed podnět for OCR."""
    for item in podnet.objectValues():
        if is_original(item):
            set_status(item, "queued", pages=pages, format=format_name)
            _queue(portal)[queue_key(podnet, item)] = 0.0
            return


def queue_key(podnet, item) -> str:
    """Return the queue key of a scan: the UIDs of its podnět and of its file.

    The file is not in the portal catalog, so the job finds the podnět by
    its UID and the file inside it.
    """
    return f"{podnet.UID()}/{item.UID()}"


def rekey_queue(portal):
    """Rewrite queue keys that name only a File's UID as `queue_key` does.

    The 1002 upgrade step calls this before it takes the files out of the
    catalog, because only the catalog finds a File by its UID.
    """
    catalog = getToolByName(portal, "portal_catalog")
    queue = _queue(portal)
    for key, due in list(queue.items()):
        if "/" in key:
            continue
        del queue[key]
        brains = catalog.unrestrictedSearchResults(UID=key)
        if not brains:
            logger.warning("Queued scan %s no longer exists, dropped from OCR", key)
            continue
        item = brains[0]._unrestrictedGetObject()
        queue[queue_key(item.__parent__, item)] = due


def _queued_file(key: str):
    """Return the File item a queue key names, or None when it is gone."""
    if "/" not in key:
        # A key an older version queued, before the 1002 upgrade step
        # converted it: the UID of the file, which was catalogued then.
        return uuidToObject(key)
    podnet_uid, file_uid = key.split("/", 1)
    podnet = uuidToObject(podnet_uid)
    if podnet is None:
        return None
    for item in podnet.objectValues():
        if item.UID() == file_uid:
            return item
    return None


def run_text_recognition(portal, now: float | None = None) -> dict:
    """Read the text of queued scans that are due and count the outcomes."""
    settings = get_settings()
    if settings.ocr_max_pages == 0:
        return {"skipped": "text recognition is turned off"}
    now = now or time.time()
    deadline = time.monotonic() + RUN_SECONDS
    queue = _queue(portal)
    counts = {}
    for uid, due in list(queue.items()):
        if due > now:
            continue
        if counts and time.monotonic() > deadline:
            counts["deferred"] = counts.get("deferred", 0) + 1
            continue
        item = _queued_file(uid)
        if item is None:
            commit_with_retry(lambda uid=uid: _queue(portal).pop(uid, None))
            continue
        outcome = _recognise(portal, uid, item, settings, now, deadline)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _recognise(portal, uid, item, settings, now, deadline) -> str:
    reference = getattr(item.__parent__, "reference_number", uid)
    status = read_status(item)
    first_page = status.get("next_page") or 0
    try:
        with item.file.open() as blob:
            scan_format = detect_format(blob.name)
            pages = count_pages(blob.name, scan_format)
            result = ocr.extract_text(
                blob.name,
                scan_format,
                pages,
                settings.ocr_language,
                settings.ocr_max_pages,
                first_page=first_page,
                deadline=deadline,
            )
            preview = None
            if scan_format == TIFF and not status.get("preview"):
                preview = _make_preview(blob.name, reference)
    except Exception as error:
        # Any error counts as a failed attempt, so one unreadable scan does
        # not block the scans queued after it.
        attempts = status.get("attempts", 0) + 1
        message = str(error) or type(error).__name__
        logger.exception(
            "%s: text recognition failed (attempt %s)", reference, attempts
        )
        final = attempts >= MAX_ATTEMPTS

        def store_failure():
            set_status(item, "failed" if final else "retry", attempts=attempts)
            describe(item, "failed", error=message, final=final)
            _reschedule(portal, uid, None if final else now + RETRY_SECONDS)

        commit_with_retry(store_failure)
        return "failed"

    if first_page:
        # A resumed scan that now waits for a tool keeps what earlier runs
        # stored, and this run's pages are read again once the tool is there.
        if result.missing:
            _drop_pages_read(result)
        _add_earlier_pages(result, status, get_text(item))
    state = _state_after(result)

    if result.missing and result.missing not in _warned:
        _warned.add(result.missing)
        logger.warning(
            "%s: text recognition waits because %s; it is retried every %s seconds",
            reference,
            result.missing,
            RETRY_SECONDS,
        )

    def store_result():
        if result.text:
            set_text(item, result.text)
        if preview is not None:
            _attach_preview(item, preview)
        if state == "reading":
            next_page, due = result.next_page, now
        elif state == "waiting":
            next_page, due = first_page, now + RETRY_SECONDS
        else:
            next_page, due = None, None
        set_status(
            item,
            state,
            preview=bool(preview) or status.get("preview", False),
            pages=result.pages,
            pages_read=result.pages_read,
            methods=result.methods,
            problems=result.problems,
            missing=result.missing,
            next_page=next_page,
        )
        describe(item, state, result=result)
        _reschedule(portal, uid, due)
        copy_to_podnet(item, state, result)

    commit_with_retry(store_result)
    logger.info(
        "%s: text of %s of %s pages read",
        reference,
        result.pages_read,
        result.pages,
    )
    return state


def _state_after(result) -> str:
    if result.missing:
        return "waiting"
    if result.next_page is not None:
        return "reading"
    return "done"


def _drop_pages_read(result):
    result.text = ""
    result.pages_read = 0
    result.methods = []
    result.problems = []


def _add_earlier_pages(result, status, earlier_text):
    """Add what earlier runs read of the same scan to a resumed `result`."""
    result.pages_read += status.get("pages_read", 0)
    result.methods = list(status.get("methods", [])) + result.methods
    result.problems = list(status.get("problems", [])) + result.problems
    result.text = "\n\n".join(part for part in (earlier_text, result.text) if part)


def _make_preview(tiff_path, reference) -> bytes | None:
    """Return a PDF copy of a TIFF scan, or None when it cannot be made."""
    with tempfile.TemporaryDirectory(prefix="urad-podnety-preview-") as workdir:
        target = os.path.join(workdir, "preview.pdf")
        try:
            write_pdf_preview(tiff_path, target)
        except Exception:
            # The copy is a convenience, so no error may stop text recognition.
            logger.exception("%s: the PDF copy of the TIFF scan failed", reference)
            return None
        with open(target, "rb") as stream:
            return stream.read()


def _attach_preview(item, data):
    """Store the PDF copy of a TIFF scan beside it in the podnět."""
    stem, _extension = split_name(item.file.filename or "sken.tif")
    add_file(
        item.__parent__,
        Attachment(filename=f"{stem}.pdf", data=data, content_type="application/pdf"),
    )


def _reschedule(portal, uid, due):
    queue = _queue(portal)
    if due is None:
        queue.pop(uid, None)
    else:
        queue[uid] = due
