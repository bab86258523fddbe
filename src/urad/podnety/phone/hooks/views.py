"""The PBX's HTTP hooks: call events, recordings and announcements."""

from datetime import UTC
from datetime import datetime
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.phone.announcement import TOPICS
from urad.podnety.phone.announcement import announcement_text
from urad.podnety.phone.handling import InvalidEvent
from urad.podnety.phone.handling import valid_call_id
from urad.podnety.phone.hooks import events
from urad.podnety.phone.hooks.auth import client_address
from urad.podnety.phone.hooks.auth import rejection_reason
from urad.podnety.phone.recordings import InvalidRecording
from urad.podnety.phone.recordings import store_recording
from urad.podnety.phone.settings import announcement_settings
from urad.podnety.phone.speech import SpeechError
from urad.podnety.phone.speech import synthesize_wav
from ZODB.POSException import ConflictError
from zope.interface import alsoProvides

import hashlib
import json
import logging
import transaction


logger = logging.getLogger(__name__)

# Attempts to commit one recording upload before responding with 503.
COMMIT_ATTEMPTS = 12
MAX_RECORDING_BYTES = 200 * 1024 * 1024

# Names of the PBX views in this module, without "@@", as they end a path.
PBX_VIEW_NAMES = frozenset({"pbx-hook", "pbx-recording", "pbx-announcement"})


def mark_pbx_request_not_webdav(event):
    """Let a PUT, DELETE or other method reach the PBX views.

    For a method other than GET, POST or HEAD, Zope treats the request as
    WebDAV and rejects a view name that is not an attribute of the site with
    an AttributeError (a 500) before any view runs. Clearing the flag for
    the PBX views lets them respond to such a method with a JSON 405.
    """
    request = event.request
    name = request.get("PATH_INFO", "").rstrip("/").rsplit("/", 1)[-1]
    if name.removeprefix("@@") in PBX_VIEW_NAMES:
        request.maybe_webdav_client = 0


class PbxView(BrowserView):
    """Parse, authenticate and answer a PBX request as JSON."""

    def fields(self):
        """Return the request's fields from a form or a JSON body."""
        content_type = (self.request.getHeader("Content-Type") or "").lower()
        if content_type.startswith("application/json"):
            try:
                data = json.loads(self.request.get("BODY") or b"{}")
            except ValueError as error:
                raise InvalidEvent("Invalid JSON body") from error
            if not isinstance(data, dict):
                raise InvalidEvent("The JSON body must be an object")
            return data
        return dict(self.request.form)

    def method_not_allowed(self, allowed):
        """Return a 405 body when the request's method is not in `allowed`."""
        method = self.request.get("REQUEST_METHOD", "GET").upper()
        if method in allowed:
            return None
        self.request.response.setHeader("Allow", ", ".join(allowed))
        error = "use " + " or ".join(allowed)
        return self.reply(405, {"status": "error", "error": error})

    def reply(self, status, data):
        self.request.response.setStatus(status)
        self.request.response.setHeader("Content-Type", "application/json")
        self.request.response.setHeader("Cache-Control", "no-store")
        return json.dumps(data)

    def authenticate(self, fields):
        """Return a 403 body when the request is not from the PBX, else None."""
        reason = rejection_reason(self.request, fields)
        if not reason:
            return None
        logger.warning(
            "PBX request to %s from %s rejected: %s",
            self.__name__,
            client_address(self.request),
            reason,
        )
        return self.reply(403, {"status": "error", "error": "forbidden"})

    def busy(self):
        """Return a 503 response with Retry-After, so the PBX sends it again."""
        self.request.response.setHeader("Retry-After", "1")
        return self.reply(503, {"status": "error", "error": "busy, retry"})


class PbxHookView(PbxView):
    """``@@pbx-hook``: newCall, answer and hangup events of a call."""

    def __call__(self):
        rejected = self.method_not_allowed(("GET", "POST"))
        if rejected is not None:
            return rejected
        method = self.request.get("REQUEST_METHOD", "GET").upper()
        try:
            fields = self.fields()
        except InvalidEvent as error:
            return self.reply(400, {"status": "error", "error": str(error)})
        denied = self.authenticate(fields)
        if denied is not None:
            return denied
        screen_pop = method == "GET"
        if screen_pop:
            fields.setdefault("event", "answer")
            if fields["event"] != "answer":
                return self.reply(405, {"status": "error", "error": "use POST"})
        alsoProvides(self.request, IDisableCSRFProtection)
        # newCall and hangup draw no number but join the same batches, so
        # they never conflict with the answer events of this process.
        event = events.submit(
            self.context, events.HookEvent(dict(fields), datetime.now(UTC))
        )
        if event.status == events.INVALID:
            return self.reply(400, {"status": "error", "error": event.error})
        if event.status == events.BUSY:
            return self.busy()
        if event.status != events.OK:
            return self.reply(500, {"status": "error", "error": event.error})
        result = self.with_urls(event.result)
        if screen_pop and result.get("edit_url"):
            self.request.response.redirect(result["edit_url"])
            return ""
        return self.reply(200, result)

    def with_urls(self, result):
        """Replace the podnět's path in `result` by its URLs for this request.

        The URLs follow this request's virtual hosting, whichever thread
        filed the podnět. That thread has committed it, so it exists.
        """
        result = dict(result)
        path = result.pop("path", None)
        if path:
            url = self.request.physicalPathToURL(path)
            result["url"] = url
            # The podnět's view is the clerk's one screen to edit and decide.
            result["edit_url"] = url + "/view"
        return result


class PbxRecordingView(PbxView):
    """``@@pbx-recording``: a call's recording uploaded as ``file``."""

    def __call__(self):
        rejected = self.method_not_allowed(("POST",))
        if rejected is not None:
            return rejected
        fields = dict(self.request.form)
        denied = self.authenticate(fields)
        if denied is not None:
            return denied
        call_id = str(fields.get("callId") or "").strip()
        upload = fields.get("file")
        if not valid_call_id(call_id) or not hasattr(upload, "read"):
            return self.reply(
                400, {"status": "error", "error": "callId and file are required"}
            )
        data = upload.read(MAX_RECORDING_BYTES + 1)
        if len(data) > MAX_RECORDING_BYTES:
            return self.reply(413, {"status": "error", "error": "recording too large"})
        filename = getattr(upload, "filename", "") or f"{call_id}.wav"
        filename = filename.replace("\\", "/").rsplit("/", 1)[-1]
        arrived = datetime.now(UTC)
        portal = self.context

        def work():
            return store_recording(portal, call_id, filename, data, "upload", arrived)

        alsoProvides(self.request, IDisableCSRFProtection)
        transaction.abort()
        try:
            # An upload draws no number, and writing a long recording to a
            # blob must not hold up the answers of other calls, so it commits
            # on its own, outside the batches of call events.
            outcome = commit_with_retry(
                work, attempts=COMMIT_ATTEMPTS, note=self.__name__
            )
        except InvalidRecording as error:
            return self.reply(415, {"status": "error", "error": str(error)})
        except ConflictError:
            logger.exception("Recording upload for call %s kept conflicting", call_id)
            return self.busy()
        logger.info("Recording for call %s: %s", call_id, outcome)
        return self.reply(
            200, {"status": "ok", "callId": call_id, "recording": outcome}
        )


class PbxAnnouncementView(PbxView):
    """``@@pbx-announcement``: the voice gateway's current text or WAV.

    The texts are public office information, so no token is needed. The
    spoken WAV is cached per text and marked with an ETag.
    """

    def __call__(self):
        rejected = self.method_not_allowed(("GET", "HEAD", "POST"))
        if rejected is not None:
            return rejected
        topic = self.request.form.get("topic", "welcome")
        if topic not in TOPICS:
            return self.reply(
                404, {"status": "error", "error": f"Unknown topic, use one of {TOPICS}"}
            )
        text = announcement_text(topic, announcement_settings())
        output = self.request.form.get("format", "text")
        etag = '"{}"'.format(
            hashlib.sha256(f"{output}\n{text}".encode()).hexdigest()[:32]
        )
        response = self.request.response
        response.setHeader("ETag", etag)
        response.setHeader("Cache-Control", "no-cache")
        if self.request.getHeader("If-None-Match") == etag:
            response.setStatus(304)
            return ""
        if output == "json":
            return self.reply(200, {"topic": topic, "text": text})
        if output == "wav":
            return self._wav(topic, text)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return text

    def _wav(self, topic, text):
        try:
            data = synthesize_wav(text)
        except SpeechError:
            logger.exception("Cannot synthesise the %s announcement", topic)
            self.request.response.setHeader("ETag", "")
            return self.reply(503, {"status": "error", "error": "speech unavailable"})
        response = self.request.response
        response.setHeader("Content-Type", "audio/wav")
        response.setHeader(
            "Content-Disposition", f'inline; filename="announcement-{topic}.wav"'
        )
        response.setHeader("Content-Length", str(len(data)))
        return data
