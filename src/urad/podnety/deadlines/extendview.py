"""The form officials use to extend a deadline with a reason."""

from datetime import date
from html import escape
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from urad.podnety import _
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.apply import extend
from urad.podnety.deadlines.extension import ExtensionNotAllowed
from urad.podnety.deadlines.rules import PHASE_FIELDS
from zope.i18n import translate


PHASE_TITLES = {
    "accept": _("Accept by"),
    "resolve": _("Resolve by"),
    "close": _("Close by"),
}


class ExtendDeadlineView(BrowserView):
    """Show the deadlines and extend one on POST."""

    error = None

    def phases(self):
        return [
            {
                "id": phase,
                "title": PHASE_TITLES[phase],
                "deadline": getattr(self.context, field, None),
            }
            for phase, field in PHASE_FIELDS.items()
        ]

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.handle():
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def handle(self):
        form = self.request.form
        phase = form.get("phase")
        reason = (form.get("reason") or "").strip()
        if phase not in PHASE_FIELDS:
            self.error = _("Choose the deadline to extend.")
            return False
        try:
            new_deadline = date.fromisoformat(form.get("deadline") or "")
        except ValueError:
            self.error = _("Enter the new deadline as a date.")
            return False
        if not reason:
            self.error = _("Write the reason for the extension.")
            return False
        try:
            extend(self.context, phase, new_deadline, reason, settings.today())
        except ExtensionNotAllowed as error:
            self.error = error.args[0]
            return False
        IStatusMessage(self.request).addStatusMessage(
            _("The deadline was extended."), "info"
        )
        return True


class ExtendLinkViewlet(ViewletBase):
    """A link to the extension form above a podnět that still has deadlines."""

    def render(self):
        if getattr(self.view, "__name__", "") == "extend-deadline":
            return ""
        if not any(
            getattr(self.context, field, None) for field in PHASE_FIELDS.values()
        ):
            return ""
        label = translate(_("Extend a deadline"), context=self.request)
        url = f"{self.context.absolute_url()}/@@extend-deadline"
        return f'<p class="podnety-extend-link"><a href="{url}">{escape(label)}</a></p>'
