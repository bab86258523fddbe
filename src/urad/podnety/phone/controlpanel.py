"""Control panel of the phone channel (``@@podnety-settings-phone``)."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from urad.podnety import _
from urad.podnety.phone.settings import PREFIX
from urad.podnety.phone.settings import IPhoneSettings


class PhoneSettingsForm(RegistryEditForm):
    schema = IPhoneSettings
    schema_prefix = PREFIX
    label = _("Podněty: phone and PBX")
    description = _(
        "What the PBX sends to the site, who answers which extension, and what "
        "the voice gateway tells callers."
    )


PhoneSettingsView = layout.wrap_form(PhoneSettingsForm, ControlPanelFormWrapper)
