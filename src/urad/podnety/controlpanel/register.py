"""Settings of the register itself: categories, numbering and the office."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from urad.podnety import _
from zope import schema
from zope.interface import Interface


class IRegisterSettings(Interface):
    """Records under the prefix ``urad.podnety.register``."""

    office_name = schema.TextLine(
        title=_("Office name"),
        description=_("Shown to citizens in e-mails and on the public pages."),
        default="Úřad",
        required=True,
    )

    office_email = schema.ASCIILine(
        title=_("Office mailbox"),
        description=_(
            "Sender and Reply-To address of the e-mails the register sends."
        ),
        default="podnety@urad.example",
        required=True,
    )

    reference_prefix = schema.ASCIILine(
        title=_("Reference number prefix"),
        description=_("Reference numbers read PREFIX-YEAR-NUMBER."),
        default="PDN",
        required=True,
    )

    categories = schema.List(
        title=_("Categories"),
        description=_(
            "One per line as id|title, for example doprava|Doprava a silnice. "
            "Ids stay on podněty when a line is removed."
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )

    page_size = schema.Int(
        title=_("Rows per register page"),
        default=50,
        min=10,
        max=500,
        required=True,
    )


class RegisterSettingsForm(RegistryEditForm):
    schema = IRegisterSettings
    schema_prefix = "urad.podnety.register"
    label = _("Podněty: register")


class RegisterSettingsView(ControlPanelFormWrapper):
    form = RegisterSettingsForm
