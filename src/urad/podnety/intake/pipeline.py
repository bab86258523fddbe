"""File a channel's Submission into the register as a podnět."""

from BTrees.OOBTree import OOBTree
from datetime import UTC
from datetime import datetime
from plone import api
from plone.dexterity.utils import createContentInContainer
from urad.podnety.content.naming import NUMBERED_FLAG
from urad.podnety.content.numbering import next_reference_number
from urad.podnety.dates import to_prague
from urad.podnety.intake.attachments import add_file
from urad.podnety.intake.limits import fit_submission
from urad.podnety.intake.submission import Submission
from urad.podnety.interfaces import PodnetFiled
from urad.podnety.setuphandlers import get_register
from zope.annotation.interfaces import IAnnotations
from zope.container.contained import notifyContainerModified
from zope.event import notify

import logging


logger = logging.getLogger(__name__)

SOURCE_INDEX_KEY = "urad.podnety.source_keys"
CHANNELS = ("web", "email", "post", "phone")


def _source_index(register):
    annotations = IAnnotations(register)
    index = annotations.get(SOURCE_INDEX_KEY)
    if index is None:
        index = annotations[SOURCE_INDEX_KEY] = OOBTree()
    return index


def _podnet_by_uid(uid):
    """Return the podnět with `uid` whatever the current user may see.

    Channels run as anonymous users (web form, PBX hooks) who cannot see any
    podnět, yet must learn that their input was filed before.
    """
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        return brain._unrestrictedGetObject()
    return None


def find_filed(portal, source_key):
    """Return the podnět filed from `source_key`, or None."""
    uid = _source_index(get_register(portal)).get(source_key)
    if uid is None:
        return None
    return _podnet_by_uid(uid)


def is_filed(portal, source_key):
    return source_key in _source_index(get_register(portal))


def _validate(submission):
    if submission.channel not in CHANNELS:
        raise ValueError(f"Unknown channel {submission.channel!r}")
    if not submission.source_key:
        raise ValueError("A submission needs a source_key for de-duplication")
    if submission.received is None or submission.received.tzinfo is None:
        raise ValueError("Submission.received must be a timezone-aware datetime")


def file_submission(portal, submission: Submission):
    """Create the podnět for `submission` unless its source was filed before.

    Returns ``(podnet, created)``. The caller commits. A source key that was
    filed before returns the earlier podnět with ``created=False`` (or None
    when a clerk has deleted it since), so a retried intake never doubles it.
    """
    _validate(submission)
    submission = fit_submission(submission)
    register = get_register(portal)
    index = _source_index(register)
    earlier_uid = index.get(submission.source_key)
    if earlier_uid is not None:
        earlier = _podnet_by_uid(earlier_uid)
        logger.info(
            "Source %s was filed before as %s",
            submission.source_key,
            getattr(earlier, "reference_number", "a deleted podnět"),
        )
        if earlier is not None:
            notify(PodnetFiled(earlier, submission, created=False))
        return earlier, False

    reference = next_reference_number(register)
    with api.env.adopt_roles(["Manager"]):
        podnet = createContentInContainer(
            register,
            "Podnet",
            checkConstraints=False,
            id=reference.lower(),
            reference_number=reference,
            **{NUMBERED_FLAG: True},
            received=to_prague(submission.received),
            # The deadline subscribers of the added event read these three,
            # so setting them here spares a second computation on filing.
            channel=submission.channel,
            kind=submission.kind or "podnet",
            category=submission.category or None,
            title=(submission.title or "").replace("\x00", "").strip()
            or reference,
        )
        _fill(podnet, submission, reference)
        for attachment in submission.attachments:
            add_file(podnet, attachment, container_modified=False)
        if submission.attachments:
            # One event for all files: its subscribers (local roles, deadline
            # basis, modification date) read the podnět, not the files.
            notifyContainerModified(podnet)
    _drop_creator_roles(podnet)
    podnet.reindexObject()
    index[submission.source_key] = podnet.UID()
    logger.info(
        "%s filed from %s source %s",
        reference,
        submission.channel,
        submission.source_key,
    )
    notify(PodnetFiled(podnet, submission, created=True))
    return podnet, True


def _fill(podnet, submission, reference):
    podnet.reference_number = reference
    podnet.channel = submission.channel
    podnet.received = to_prague(submission.received)
    podnet.kind = submission.kind or "podnet"
    podnet.text = (submission.text or "").replace("\x00", "")
    podnet.citizen_name = submission.citizen_name or None
    podnet.citizen_email = (submission.citizen_email or "").strip() or None
    podnet.citizen_phone = submission.citizen_phone or None
    podnet.citizen_address = submission.citizen_address or None
    podnet.wants_updates = bool(submission.wants_updates)
    podnet.category = submission.category or None
    podnet.assignee = submission.assignee or None
    podnet.intake_info = dict(submission.intake_info or {})
    podnet.intake_info.setdefault(
        "filed_at", datetime.now(UTC).isoformat(timespec="seconds")
    )
    podnet.attention = submission.attention or None


def _drop_creator_roles(podnet):
    """Remove the Owner role the creating (often anonymous) user was given.

    Podněty belong to the office: access comes from the workflow and the
    register's group roles, never from who happened to create the object.
    The caller's full reindex of the new podnět updates its security entries,
    and the files inside it are not catalogued, so nothing is reindexed here.
    """
    for principal, _roles in list(podnet.get_local_roles()):
        podnet.manage_delLocalRoles([principal])
