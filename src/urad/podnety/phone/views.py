"""Clerk and supervisor pages of the phone channel on the register folder."""

from datetime import timedelta
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urad.podnety import _
from urad.podnety.intake.retry import commit_with_retry
from urad.podnety.phone import calls as call_store
from urad.podnety.phone.filing import local_time
from urad.podnety.phone.recordings import orphaned_recordings
from urad.podnety.phone.settings import get_setting
from urad.podnety.phone.smdr.store import call_statistics
from urad.podnety.phone.smdr.store import unmatched_answered
from zExceptions import NotFound

import logging
import re


logger = logging.getLogger(__name__)

SUPERVISOR_DAYS = 7


class PhoneCallsView(BrowserView):
    """``@@pbx-calls``: call-back list, orphaned recordings, missed hooks."""

    def portal(self):
        return api.portal.get()

    def local_time(self, value):
        return local_time(value)

    def callbacks(self):
        return [
            {
                "key": entry.key,
                "number": "" if entry.hidden else entry.number,
                "hidden": entry.hidden,
                "attempts": entry.attempts,
                "first": local_time(entry.first),
                "last": local_time(entry.last),
            }
            for entry in call_store.open_callbacks(self.portal())
        ]

    def orphans(self):
        timeout = get_setting("recording_timeout_minutes", 120) or 120
        cutoff = call_store.now_utc() - timedelta(minutes=timeout)
        return [
            {
                "call_id": call.call_id,
                "filename": pending.filename,
                "received": local_time(pending.received),
                "size": pending.size,
                "index": index,
            }
            for call, pending in orphaned_recordings(self.portal(), cutoff)
            for index in [call.recordings.index(pending)]
        ]

    def can_supervise(self):
        return api.user.has_permission("urad.podnety: Supervise", obj=self.context)

    def period(self):
        end = call_store.now_utc()
        return end - timedelta(days=SUPERVISOR_DAYS), end

    def unmatched(self):
        if not self.can_supervise():
            return []
        start, end = self.period()
        return [
            {
                "time": local_time(record["time"]),
                "extension": record["extension"],
                "number": record["number"],
                "duration": record["duration_seconds"],
            }
            for record in unmatched_answered(self.portal(), start, end)
        ]

    def statistics(self):
        if not self.can_supervise():
            return None
        start, end = self.period()
        return call_statistics(self.portal(), start, end)


class CallbackDoneView(BrowserView):
    """``@@pbx-callback-done``: mark a call-back entry as called back."""

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(self._back())
        CheckAuthenticator(self.request)
        key = self.request.form.get("key", "")
        user_id = api.user.get_current().getId()
        portal = api.portal.get()
        entry = commit_with_retry(
            lambda: call_store.mark_called_back(portal, key, user_id), attempts=5
        )
        if entry is None:
            api.portal.show_message(
                _("Call-back entry not found."), self.request, "error"
            )
        else:
            logger.info(
                "Call-back entry of %d calls done by %s", entry.attempts, user_id
            )
            api.portal.show_message(_("Marked as called back."), self.request)
        return self.request.response.redirect(self._back())

    def _back(self):
        return f"{self.context.absolute_url()}/@@pbx-calls"


class OrphanRecordingView(BrowserView):
    """``@@pbx-orphan-recording``: download a recording without a podnět."""

    def __call__(self):
        call = call_store.get_call(api.portal.get(), self.request.form.get("call", ""))
        try:
            pending = call.recordings[int(self.request.form.get("index", "0"))]
        except (AttributeError, IndexError, ValueError) as error:
            raise NotFound("Recording not found") from error
        response = self.request.response
        response.setHeader("Content-Type", pending.content_type)
        safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", pending.filename)
        response.setHeader("Content-Disposition", f'attachment; filename="{safe_name}"')
        response.setHeader("Cache-Control", "no-store")
        return pending.data()
