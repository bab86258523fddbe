"""Control panel for citizen e-mail texts, the status page and personal data."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.supermodel.interfaces import FIELDSETS_KEY
from plone.supermodel.model import Fieldset
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urad.podnety import _
from urad.podnety.notifications import defaults
from urad.podnety.notifications.settings import PREFIX
from urad.podnety.notifications.settings import ICitizenControlPanel
from urad.podnety.notifications.settings import ICitizenTemplates
from urad.podnety.notifications.settings import built_in_template
from urad.podnety.notifications.templates import TemplateError
from urad.podnety.notifications.templates import check_template
from urad.podnety.notifications.templates import render_mail
from z3c.form import button
from z3c.form import validator
from zope.i18n import translate
from zope.interface import Invalid


ICitizenTemplates.setTaggedValue(
    FIELDSETS_KEY,
    [
        Fieldset(
            "templates",
            label=_("E-mail texts"),
            fields=[name for name in ICitizenTemplates.names()],
        )
    ],
)

SAMPLE_VALUES = {
    "reference_number": "PDN-2026-00042",
    "subject": "Výtluk v ulici Křižíkova",
    "state": "V řešení",
    "date": "4. 12. 2026",
    "received": "1. 12. 2026",
    "resolution": "Výtluk opraví technické služby do 15. 12. 2026.",
    "reason": "Údržbu této silnice má na starosti Krajská správa silnic.",
    "handler": "odbor dopravy",
    "status_url": "https://www.urad.example/stav-podnetu?ref=PDN-2026-00042",
    "office": "Městský úřad",
}


def _template_kind(name: str):
    """Return (event, is_subject) for a template record name, else None."""
    kind, _sep, event = name.partition("_")
    if kind in ("subject", "body") and event in defaults.EVENTS:
        return event, kind == "subject"
    return None


class TemplateValidator(validator.SimpleFieldValidator):
    """Reject a template that would fail when an e-mail is sent."""

    def validate(self, value, force=False):
        super().validate(value, force)
        kind = _template_kind(self.field.__name__)
        if kind is None or not value:
            return
        try:
            check_template(value, single_line=kind[1])
        except TemplateError as error:
            raise Invalid(error.args[0]) from error


class CitizenSettingsForm(RegistryEditForm):
    """Edit the records; preview the e-mails without saving."""

    schema = ICitizenControlPanel
    schema_prefix = PREFIX
    label = _("Podněty: informing citizens")
    description = _(
        "Texts of the e-mails citizens receive, the status page and the "
        "handling of personal data."
    )
    buttons = RegistryEditForm.buttons.copy()
    handlers = RegistryEditForm.handlers.copy()
    preview_template = ViewPageTemplateFile("pt/preview.pt")
    previews = ()

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        for name, widget in self.widgets.items():
            kind = _template_kind(name)
            if kind is None or widget.value or widget.name in self.request.form:
                continue
            subject, body = built_in_template(kind[0])
            widget.value = subject if kind[1] else body

    @button.buttonAndHandler(_("Preview"), name="preview")
    def handle_preview(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        previews = []
        for event in defaults.EVENTS:
            built_subject, built_body = built_in_template(event)
            mail = render_mail(
                data.get(f"subject_{event}") or built_subject,
                data.get(f"body_{event}") or built_body,
                SAMPLE_VALUES,
            )
            title = translate(defaults.EVENT_TITLES[event], context=self.request)
            previews.append(
                {"title": title, "subject": mail.subject, "text": mail.text}
            )
        self.previews = previews
        self.status = _("Preview below. Nothing was saved.")

    def render(self):
        html = super().render()
        if self.previews:
            html += self.preview_template(previews=self.previews)
        return html


validator.WidgetValidatorDiscriminators(TemplateValidator, view=CitizenSettingsForm)


class CitizenSettingsView(ControlPanelFormWrapper):
    form = CitizenSettingsForm
