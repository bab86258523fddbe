"""Control panel of the e-mail channel (``@@podnety-settings-email``)."""

from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urad.podnety import _
from urad.podnety.intake.email import state
from urad.podnety.intake.email.settings import PREFIX
from urad.podnety.intake.email.settings import IEmailSettings
from urad.podnety.phone.filing import local_time
from zope.component.hooks import getSite


class EmailSettingsForm(RegistryEditForm):
    schema = IEmailSettings
    schema_prefix = PREFIX
    label = _("Podněty: e-mail intake")
    description = _(
        "The mailbox citizens write to and the local Maildir. Every message "
        "becomes a podnět; the acknowledgement with the reference number is "
        "set up in the citizens' e-mail settings."
    )

    def applyChanges(self, data):
        """Save the settings and let failing sources be read on the next run."""
        changes = super().applyChanges(data)
        state.clear_backoff(getSite())
        return changes


STATUS_TEMPLATE = ViewPageTemplateFile("templates/status.pt")


def displayed_status(portal) -> dict:
    """Return the intake status with its UTC times as Prague local times."""
    status = state.status(portal)
    syncs = {
        source: {**sync, "time": local_time(sync.get("time"))}
        for source, sync in status["syncs"].items()
    }
    failures = [
        {**failure, "time": local_time(failure.get("time"))}
        for failure in status["failures"]
    ]
    return {"syncs": syncs, "failures": failures}


class EmailSettingsWrapper(ControlPanelFormWrapper):
    """The intake's last reads and failures, followed by the settings form."""

    index = ViewPageTemplateFile("templates/controlpanel.pt")

    def acknowledgement_enabled(self) -> bool:
        """Return whether the citizens' settings acknowledge every new podnět."""
        return bool(
            api.portal.get_registry_record(
                "urad.podnety.citizens.always_acknowledge", default=True
            )
        )

    @property
    def status_macro(self):
        return STATUS_TEMPLATE.macros["status"]

    def status(self) -> dict:
        return displayed_status(getSite())


class EmailStatusView(BrowserView):
    """Clerks' page with the last reads of each mail source and the failures."""

    index = STATUS_TEMPLATE

    def __call__(self):
        return self.index()

    def status(self) -> dict:
        return displayed_status(getSite())


EmailSettingsView = layout.wrap_form(EmailSettingsForm, EmailSettingsWrapper)
