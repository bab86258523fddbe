"""The control panel of deadline rules, closure days and alerts."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.base import PloneMessageFactory as _plone
from Products.statusmessages.interfaces import IStatusMessage
from urad.podnety import _
from urad.podnety.deadlines.apply import recompute_open
from urad.podnety.deadlines.interfaces import IDeadlineSettings
from urad.podnety.deadlines.settings import PREFIX
from z3c.form import button

import logging


logger = logging.getLogger(__name__)


class DeadlineSettingsForm(RegistryEditForm):
    schema = IDeadlineSettings
    schema_prefix = PREFIX
    label = _("Podněty: deadlines and alerts")
    description = _(
        "New rules apply to podněty filed or changing phase from now on. "
        "Use 'Save and recompute open podněty' to apply them to open ones too."
    )

    @button.buttonAndHandler(_plone("Save"), name="save")
    def handleSave(self, action):
        super().handleSave(self, action)

    @button.buttonAndHandler(_("Save and recompute open podněty"), name="recompute")
    def handleRecompute(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        self.applyChanges(data)
        changed = recompute_open()
        logger.info("Deadline rules changed; %s open podněty recomputed", changed)
        IStatusMessage(self.request).addStatusMessage(
            _(
                "Changes saved. Deadlines of ${count} open podněty changed.",
                mapping={"count": changed},
            ),
            "info",
        )
        self.request.response.redirect(self.request.getURL())

    @button.buttonAndHandler(_plone("Cancel"), name="cancel")
    def handleCancel(self, action):
        super().handleCancel(self, action)


class DeadlineSettingsView(ControlPanelFormWrapper):
    form = DeadlineSettingsForm
