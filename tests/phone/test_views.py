"""Clerk views of the phone channel rendered in the integration layer."""

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from plone import api
from urad.podnety.phone.recordings import store_recording
from urad.podnety.scripts.pbx_sim import tone_wav


def test_orphan_recording_listed_and_downloadable(manager):
    audio = tone_wav(0.1)
    received = datetime.now(UTC) - timedelta(hours=3)
    store_recording(manager, "lost-call", "lost-call.wav", audio, "upload", received)
    register = manager["podnety"]
    request = manager.REQUEST
    page = api.content.get_view("pbx-calls", register, request)()
    assert "lost-call.wav" in page
    assert "@@pbx-orphan-recording?call=lost-call" in page
    request.form.update({"call": "lost-call", "index": "0"})
    download = api.content.get_view("pbx-orphan-recording", register, request)
    assert download() == audio
    assert request.response.getHeader("Content-Type") == "audio/wav"


def test_recent_orphan_not_listed_yet(manager):
    now = datetime.now(UTC)
    store_recording(manager, "new-call", "new-call.wav", tone_wav(0.1), "upload", now)
    page = api.content.get_view("pbx-calls", manager["podnety"], manager.REQUEST)()
    assert "new-call.wav" not in page


def test_recording_of_deleted_podnet_listed(manager):
    from urad.podnety.phone.handling import handle_event

    answered = datetime.now(UTC) - timedelta(hours=3)
    fields = {"event": "answer", "callId": "gone", "timestamp": answered.isoformat()}
    result = handle_event(manager, fields)
    reference = result["reference_number"]
    api.content.delete(obj=manager["podnety"][reference.lower()])
    store_recording(manager, "gone", "gone.wav", tone_wav(0.1), "upload", answered)
    page = api.content.get_view("pbx-calls", manager["podnety"], manager.REQUEST)()
    assert "gone.wav" in page
