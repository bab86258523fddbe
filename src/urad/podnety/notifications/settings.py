"""Settings for keeping citizens informed, under ``urad.podnety.citizens``."""

from plone import api
from urad.podnety import _
from urad.podnety.notifications import defaults
from zope import schema
from zope.i18n import translate
from zope.interface import Interface
from zope.interface.interface import InterfaceClass

import logging


logger = logging.getLogger(__name__)

PREFIX = "urad.podnety.citizens"


class ICitizenSettings(Interface):
    """Records of e-mails to citizens, the status page and personal data."""

    always_acknowledge = schema.Bool(
        title=_("Always send the acknowledgement"),
        description=_(
            "Send the acknowledgement with the reference number to every "
            "citizen who gave an e-mail address, even without asking for "
            "updates. Later updates go only to those who asked for them."
        ),
        default=True,
        required=False,
    )

    public_url = schema.TextLine(
        title=_("Public address of the site"),
        description=_(
            "Links in e-mails to citizens start with this address, for example "
            "https://www.urad.example/urad. Set it when e-mails are sent by "
            "background jobs (e-mail intake), which do not know the address "
            "visitors use. Empty: the address of the current request."
        ),
        default="",
        required=False,
    )

    show_handler_name = schema.Bool(
        title=_("Name the official in forwarding e-mails"),
        description=_(
            "When off, citizens read 'the responsible official' instead of "
            "the official's name."
        ),
        default=False,
        required=False,
    )

    password_days_after_closing = schema.Int(
        title=_("Status page access after closing (days)"),
        description=_(
            "Passwords stop working this many days after the podnět is "
            "closed or rejected, and no new ones are issued."
        ),
        default=90,
        min=0,
        max=3650,
        required=True,
    )

    session_minutes = schema.Int(
        title=_("Status page session length (minutes)"),
        default=20,
        min=1,
        max=240,
        required=True,
    )

    login_attempts_per_reference = schema.Int(
        title=_("Failed logins allowed per reference number"),
        description=_("Within the throttle window, from all addresses together."),
        default=5,
        min=1,
        max=100,
        required=True,
    )

    login_attempts_per_client = schema.Int(
        title=_("Failed logins allowed per client address"),
        description=_("Within the throttle window, for all reference numbers."),
        default=20,
        min=1,
        max=1000,
        required=True,
    )

    access_requests_per_reference = schema.Int(
        title=_("Password requests allowed per reference number"),
        description=_("Within the throttle window; limits mail to one citizen."),
        default=3,
        min=1,
        max=100,
        required=True,
    )

    throttle_minutes = schema.Int(
        title=_("Throttle window (minutes)"),
        default=15,
        min=1,
        max=1440,
        required=True,
    )

    pseudonymise_after_days = schema.Int(
        title=_("Pseudonymise personal data after closing (days)"),
        description=_(
            "The background job replaces the citizen's name, address, e-mail "
            "and phone this many days after the podnět is closed or rejected."
        ),
        default=365,
        min=1,
        max=36500,
        required=True,
    )

    pseudonymise_keeps_files = schema.Bool(
        title=_("Keep attachments when pseudonymising"),
        description=_(
            "When off, files inside the podnět (including the originals) are "
            "removed. Export the podnět to the records system before that."
        ),
        default=False,
        required=False,
    )


def _template_fields() -> dict:
    fields = {}
    for event in defaults.EVENTS:
        title = defaults.EVENT_TITLES[event]
        fields[f"subject_{event}"] = schema.TextLine(
            title=_("Subject: ${event}", mapping={"event": title}),
            description=_("Empty means the built-in text."),
            default="",
            required=False,
        )
        fields[f"body_{event}"] = schema.Text(
            title=_("Text: ${event}", mapping={"event": title}),
            description=_("Empty means the built-in text."),
            default="",
            required=False,
        )
    return fields


# One subject and one body record per event, built from the event list so
# that adding an event to ``defaults.EVENTS`` adds its records.
ICitizenTemplates = InterfaceClass(
    "ICitizenTemplates",
    (Interface,),
    attrs=_template_fields(),
    __module__=__name__,
)
ICitizenTemplates.__doc__ = "Template records under ``urad.podnety.citizens``."


class ICitizenControlPanel(ICitizenSettings, ICitizenTemplates):
    """All records edited in the citizens' control panel."""


def get_setting(name: str):
    """Return one record, or the schema default when it is not installed."""
    default = ICitizenControlPanel[name].default
    return api.portal.get_registry_record(f"{PREFIX}.{name}", default=default)


def site_language() -> str:
    """Return the site's default language, used for texts sent to citizens."""
    return (api.portal.get_default_language() or "cs").split("-")[0]


def built_in_template(event: str) -> tuple[str, str]:
    """Return the built-in subject and body of an event in the site language."""
    language = site_language()
    subject = translate(defaults.SUBJECTS[event], target_language=language)
    body = translate(defaults.BODIES[event], target_language=language)
    footer = translate(defaults.FOOTER, target_language=language)
    return subject, f"{body}\n\n{footer}"


def effective_template(event: str) -> tuple[str, str]:
    """Return the subject and body the office uses for an event now."""
    built_subject, built_body = built_in_template(event)
    subject = get_setting(f"subject_{event}") or built_subject
    body = get_setting(f"body_{event}") or built_body
    return subject, body
