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
from z3c.form.interfaces import IErrorViewSnippet
from zope.component import getMultiAdapter
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

    def _template_widgets(self):
        """Yield (widget, event, is_subject) for the template fields of all groups."""
        widget_sets = [self.widgets] + [group.widgets for group in self.groups]
        for widgets in widget_sets:
            for widget in widgets.values():
                kind = _template_kind(widget.field.__name__)
                if kind is not None:
                    yield widget, *kind

    def update(self):
        super().update()
        for widget, event, is_subject in self._template_widgets():
            if widget.value or widget.name in self.request.form:
                continue
            subject, body = built_in_template(event)
            widget.value = subject if is_subject else body

    def extractData(self, setErrors=True):
        """Extract the data and reject templates that cannot be rendered."""
        data, errors = super().extractData(setErrors=setErrors)
        for widget, _event, is_subject in self._template_widgets():
            value = data.get(widget.field.__name__)
            if not value:
                continue
            try:
                check_template(value, single_line=is_subject)
            except TemplateError as error:
                errors += (self._error_view(widget, Invalid(error.args[0])),)
        return data, errors

    def _error_view(self, widget, error):
        view = getMultiAdapter(
            (error, self.request, widget, widget.field, self, self.getContent()),
            IErrorViewSnippet,
        )
        view.update()
        widget.error = view
        return view

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


class CitizenSettingsView(ControlPanelFormWrapper):
    form = CitizenSettingsForm
