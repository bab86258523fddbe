"""Supervisor pages: export or pseudonymise one podnět, export one citizen."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urad.podnety import _
from urad.podnety.content.history import record
from urad.podnety.content.privacy.export import contact_zip
from urad.podnety.content.privacy.export import podnet_zip
from urad.podnety.content.privacy.pseudonymise import is_pseudonymised
from urad.podnety.content.privacy.pseudonymise import pseudonymise
from urad.podnety.notifications.settings import get_setting

import logging


logger = logging.getLogger(__name__)


def _send_zip(request, data: bytes, filename: str) -> bytes:
    response = request.response
    response.setHeader("Content-Type", "application/zip")
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    response.setHeader("Content-Length", str(len(data)))
    response.setHeader("Cache-Control", "no-store")
    return data


class PodnetPrivacyView(BrowserView):
    """Export a podnět for the records system or pseudonymise it now."""

    template = ViewPageTemplateFile("privacy.pt")
    error = ""

    @property
    def pseudonymised(self) -> bool:
        return is_pseudonymised(self.context)

    def __call__(self):
        if self.request.method != "POST":
            return self.template()
        CheckAuthenticator(self.request)
        action = self.request.form.get("action")
        if action == "export":
            return self.export()
        if action == "pseudonymise":
            return self.pseudonymise()
        return self.template()

    def export(self):
        data = podnet_zip(self.context)
        user = api.user.get_current().getId()
        record(self.context, "exported", actor=user, size=len(data))
        logger.info(
            "%s: exported for the records system", self.context.reference_number
        )
        return _send_zip(self.request, data, f"{self.context.reference_number}.zip")

    def pseudonymise(self):
        reason = (self.request.form.get("reason") or "").strip()
        if not reason:
            self.error = _("Write the reason for pseudonymising this podnět.")
            self.request.response.setStatus(400)
            return self.template()
        if self.pseudonymised:
            self.error = _("This podnět is already pseudonymised.")
            self.request.response.setStatus(409)
            return self.template()
        keep_files = bool(get_setting("pseudonymise_keeps_files"))
        actor = api.user.get_current().getId()
        pseudonymise(self.context, reason, keep_files, actor=actor)
        api.portal.show_message(
            _("The citizen's personal data were pseudonymised."), self.request
        )
        self.request.response.redirect(self.context.absolute_url(), status=303)
        return ""


class ContactExportView(BrowserView):
    """Export everything stored about one e-mail address or phone number."""

    template = ViewPageTemplateFile("contact_export.pt")
    error = ""

    def __call__(self):
        if self.request.method != "POST":
            return self.template()
        CheckAuthenticator(self.request)
        email = (self.request.form.get("email") or "").strip()
        phone = (self.request.form.get("phone") or "").strip()
        if not email and not phone:
            self.error = _("Enter an e-mail address or a phone number.")
            self.request.response.setStatus(400)
            return self.template()
        data, count = contact_zip(email, phone)
        logger.info(
            "Personal data export of %d podněty by %s",
            count,
            api.user.get_current().getId(),
        )
        return _send_zip(self.request, data, "osobni-udaje.zip")
