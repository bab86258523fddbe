"""The phone call box shown above a podnět that came by phone."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from urad.podnety import _
from urad.podnety.phone.filing import local_time
from zope.i18n import translate


RECORDING_STATES = {
    "pending": _("Recording pending"),
    "attached": _("Recording attached"),
    "missing": _("Recording did not arrive"),
}
CAUSES = {
    "normalClearing": _("ended normally"),
    "busy": _("busy"),
    "cancel": _("caller hung up"),
    "noAnswer": _("not answered"),
    "congestion": _("network congestion"),
    "notFound": _("number not found"),
    "forwarded": _("forwarded"),
}


class PhoneCallViewlet(ViewletBase):
    """Call details, recording state and the caller's earlier podněty."""

    def phone(self):
        info = getattr(self.context, "intake_info", None) or {}
        return info.get("phone") or {}

    def available(self):
        return getattr(self.context, "channel", "") == "phone" and bool(self.phone())

    def translate(self, message):
        return translate(message, context=self.request) if message else ""

    def recording_state(self):
        state = self.phone().get("recording", "")
        return self.translate(RECORDING_STATES.get(state)) or state

    def cause(self):
        cause = self.phone().get("cause", "")
        return self.translate(CAUSES.get(cause)) or cause

    def duration(self):
        seconds = self.phone().get("duration")
        if seconds is None:
            return ""
        return f"{seconds // 60}:{seconds % 60:02d}"

    def answered_at(self):
        return local_time(self.phone().get("answered_at"))

    def ended_at(self):
        return local_time(self.phone().get("ended_at"))

    def related(self):
        """Return the caller's earlier podněty that the user may see."""
        items = (self.context.intake_info or {}).get("related") or []
        uids = [item["uid"] for item in items if item.get("uid")]
        if not uids:
            return []
        brains = api.content.find(UID=uids, sort_on="received", sort_order="descending")
        return [
            {
                "url": brain.getURL(),
                "reference_number": brain.reference_number,
                "title": brain.Title,
                "state": brain.review_state,
            }
            for brain in brains
        ]
