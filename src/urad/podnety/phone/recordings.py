"""Attach call recordings to podněty, keeping early or unknown ones.

A recording may arrive before its call's answer hook, for a call the site
never heard of, or twice. It is stored with the call record until the
podnět exists, attached once per distinct content, and listed for clerks
when no podnět appears within the configured time.
"""

from persistent import Persistent
from plone import api
from urad.podnety import _
from urad.podnety.intake import Attachment
from urad.podnety.intake.attachments import add_file
from urad.podnety.phone import calls as call_store
from urad.podnety.phone.filing import add_attention
from urad.podnety.phone.filing import remove_attention
from urad.podnety.phone.filing import update_phone_info
from ZODB.blob import Blob

import hashlib
import logging


logger = logging.getLogger(__name__)

MISSING_MESSAGE = _("The call recording has not arrived.")
AUDIO_TYPES = {
    ".wav": "audio/wav",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
}


class InvalidRecording(ValueError):
    """Raised for an upload that is not a WAV, MP3 or OGG file."""


def sniff_audio(filename, data):
    """Return the audio content type of `data`, or raise InvalidRecording."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    if data[:4] == b"OggS":
        return "audio/ogg"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] >= 0xE0):
        return "audio/mpeg"
    raise InvalidRecording(f"{filename!r} is not a WAV, MP3 or OGG recording")


class PendingRecording(Persistent):
    """A recording kept until its call's podnět exists."""

    def __init__(self, filename, data, content_type, source, received):
        self.filename = filename
        self.content_type = content_type
        self.source = source
        self.received = received
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.size = len(data)
        self.blob = Blob()
        with self.blob.open("w") as target:
            target.write(data)

    def data(self):
        with self.blob.open("r") as source:
            return source.read()


def podnet_of(call):
    """Return the podnět filed for `call`, or None."""
    if not call.podnet_uid:
        return None
    with api.env.adopt_roles(["Manager"]):
        return api.content.get(UID=call.podnet_uid)


def _attach(call, podnet, filename, data, content_type):
    digest = hashlib.sha256(data).hexdigest()
    if digest in call.recording_hashes:
        return None
    with api.env.adopt_roles(["Manager"]):
        item = add_file(
            podnet,
            Attachment(
                filename=filename, data=data, content_type=content_type, original=True
            ),
        )
    call.recording_hashes.append(digest)
    files = list((podnet.intake_info or {}).get("phone", {}).get("recording_files", []))
    update_phone_info(
        podnet, recording="attached", recording_files=files + [item.getId()]
    )
    remove_attention(podnet, MISSING_MESSAGE)
    podnet.reindexObject()
    logger.info(
        "%s: recording of call %s attached", podnet.reference_number, call.call_id
    )
    return item


def store_recording(portal, call_id, filename, data, source, received):
    """Attach a recording to its call's podnět or keep it pending.

    Returns "attached", "duplicate" or "pending". The caller commits.
    """
    content_type = sniff_audio(filename, data)
    call = call_store.get_call(portal, call_id, create=True)
    podnet = podnet_of(call)
    if podnet is not None:
        item = _attach(call, podnet, filename, data, content_type)
        return "attached" if item is not None else "duplicate"
    digest = hashlib.sha256(data).hexdigest()
    if any(pending.sha256 == digest for pending in call.recordings):
        return "duplicate"
    call.recordings.append(
        PendingRecording(filename, data, content_type, source, received)
    )
    logger.info("Recording of call %s kept until the call's podnět exists", call_id)
    return "pending"


def attach_pending(portal, call, podnet):
    """Attach the recordings that arrived before the podnět existed."""
    while call.recordings:
        pending = call.recordings.pop(0)
        _attach(call, podnet, pending.filename, pending.data(), pending.content_type)


def orphaned_recordings(portal, older_than):
    """Return (call, pending recording) pairs without a podnět since `older_than`."""
    orphans = []
    for call in call_store.active_calls(portal):
        if call.podnet_uid and podnet_of(call) is not None:
            continue
        for pending in call.recordings:
            if pending.received <= older_than:
                orphans.append((call, pending))
    return sorted(orphans, key=lambda pair: pair[1].received)


def flag_missing_recordings(portal, older_than):
    """Flag podněty whose recording has not arrived since `older_than`.

    Returns the number of podněty newly flagged.
    """
    flagged = 0
    for call in call_store.active_calls(portal):
        if not call.podnet_uid or call.recording_hashes or not call.answered:
            continue
        if getattr(call, "recording_flagged", False):
            continue
        if call.event_time("answer") > older_than:
            continue
        podnet = podnet_of(call)
        if podnet is None:
            continue
        update_phone_info(podnet, recording="missing")
        add_attention(podnet, MISSING_MESSAGE)
        call.recording_flagged = True
        flagged += 1
        logger.warning("%s: call recording has not arrived", podnet.reference_number)
    return flagged
