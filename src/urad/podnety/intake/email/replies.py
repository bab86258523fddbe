"""Attach a citizen's reply to its podnět instead of filing a new podnět."""

from BTrees.OOBTree import OOTreeSet
from plone import api
from urad.podnety import _
from urad.podnety.content.history import record
from urad.podnety.content.history import recorded
from urad.podnety.dates import to_prague
from urad.podnety.intake.attachments import add_file
from urad.podnety.intake.pipeline import find_filed
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)

REPLIES_KEY = "urad.podnety.email.replies"
# Podněty of one citizen searched for a matching Message-ID, newest first.
MAX_CANDIDATES = 200


def _thread_ids(podnet, sender: str) -> set[str]:
    """Return the Message-IDs a reply to the podnět can refer to.

    These are the mails the office sent about it, and for its own citizen
    also the message the podnět was filed from.
    """
    ids = {
        entry["details"].get("message_id", "")
        for entry in recorded(podnet)
        if entry.get("action") == "mail"
    }
    if sender and sender == (podnet.citizen_email or "").lower():
        ids.add((podnet.intake_info or {}).get("message_id", ""))
    ids.discard("")
    return ids


def _podnety(**query):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Podnet", sort_on="received", sort_order="descending", **query
    )
    for brain in brains[:MAX_CANDIDATES]:
        yield brain._unrestrictedGetObject()


def find_replied_podnet(submission):
    """Return the podnět a message replies to, or None.

    A message is a reply when its In-Reply-To or References name a Message-ID
    the office sent about the podnět. From the podnět's citizen, the message
    the podnět was filed from counts too, and so does a subject that names
    the podnět's reference number.
    A reference number from a stranger is not enough: anyone can type one.
    """
    info = submission.intake_info
    sender = (submission.citizen_email or "").lower()
    thread = set(info.get("in_reply_to", [])) | set(info.get("references", []))
    for reference in info.get("reference_numbers", []):
        for podnet in _podnety(reference_number=reference):
            citizen = (podnet.citizen_email or "").lower()
            if (sender and sender == citizen) or thread & _thread_ids(podnet, sender):
                return podnet
    if thread and sender:
        for podnet in _podnety(citizen_email=sender):
            if thread & _thread_ids(podnet, sender):
                return podnet
    return None


def attach_reply(podnet, submission, language: str) -> bool:
    """Store the reply's message and files in the podnět; False if stored before."""
    annotations = IAnnotations(podnet)
    keys = annotations.get(REPLIES_KEY)
    if keys is None:
        keys = annotations[REPLIES_KEY] = OOTreeSet()
    if submission.source_key in keys:
        return False
    keys.add(submission.source_key)

    for attachment in submission.attachments:
        if attachment.original:
            # The message itself carries the reply's text into the search index.
            attachment.filename = "odpoved.eml"
            attachment.text = f"{submission.title}\n{submission.text}"
        add_file(podnet, attachment)
    record(
        podnet,
        "email-reply",
        actor="",
        message_id=submission.intake_info.get("message_id", ""),
        source_key=submission.source_key,
    )

    note = translate(
        _(
            "The citizen sent another e-mail on ${date}.",
            mapping={"date": to_prague(submission.received).strftime("%d.%m.%Y %H:%M")},
        ),
        target_language=language,
    )
    podnet.attention = "\n".join(line for line in (podnet.attention, note) if line)
    podnet.reindexObject()
    logger.info(
        "%s: attached reply %s",
        podnet.reference_number,
        submission.intake_info.get("message_id") or submission.source_key,
    )
    return True


def already_filed(portal, submission):
    """Return the podnět this exact message was filed as before, or None."""
    return find_filed(portal, submission.source_key)
