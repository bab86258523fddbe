"""Settings of the web form channel and their control panel."""

from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from urad.podnety import _
from urad.podnety.intake.webform.uploads import MEGABYTE
from urad.podnety.intake.webform.uploads import UploadLimits
from zope import schema
from zope.interface import Interface


PREFIX = "urad.podnety.webform"

DEFAULT_TYPES = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/tiff",
    "image/heic",
    "image/webp",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/rtf",
]


class IWebformSettings(Interface):
    """Records under the prefix ``urad.podnety.webform``."""

    max_files = schema.Int(
        title=_("Maximum number of attachments"),
        description=_("Files one citizen may attach to one podnět."),
        default=5,
        min=0,
        max=50,
        required=True,
    )

    max_file_size = schema.Int(
        title=_("Maximum size of one attachment (MB)"),
        default=10,
        min=1,
        max=500,
        required=True,
    )

    max_total_size = schema.Int(
        title=_("Maximum size of all attachments together (MB)"),
        description=_(
            "Keep the web server's request size limit above this value, so "
            "citizens see this form's message instead of a server error."
        ),
        default=25,
        min=1,
        max=2000,
        required=True,
    )

    allowed_types = schema.List(
        title=_("Allowed file types"),
        description=_(
            "MIME types, one per line. The type is read from the file's "
            "content, not from its name."
        ),
        value_type=schema.ASCIILine(),
        default=DEFAULT_TYPES,
        required=True,
    )

    throttle_count = schema.Int(
        title=_("Submissions allowed from one address"),
        description=_(
            "How many times one IP address (one /64 network for IPv6) may "
            "send the form within the period below. Others are not affected."
        ),
        default=5,
        min=1,
        required=True,
    )

    throttle_minutes = schema.Int(
        title=_("Throttling period (minutes)"),
        default=10,
        min=1,
        required=True,
    )

    question = schema.TextLine(
        title=_("Anti-spam question"),
        description=_(
            "A question any person can answer. It replaces the label of the "
            "field the Create podnět action names as the question field."
        ),
        default="Kolik je tři plus čtyři? Napište číslo.",
        required=True,
    )

    answers = schema.List(
        title=_("Accepted answers"),
        description=_("One per line. Letter case and spaces do not matter."),
        value_type=schema.TextLine(),
        default=["7", "sedm"],
        required=True,
    )


def read(name):
    """Return one web form setting from the registry."""
    return api.portal.get_registry_record(f"{PREFIX}.{name}")


def upload_limits():
    """Return the configured upload limits."""
    return UploadLimits(
        max_files=read("max_files"),
        max_file_size=read("max_file_size") * MEGABYTE,
        max_total_size=read("max_total_size") * MEGABYTE,
        allowed_types=frozenset(t.strip() for t in read("allowed_types") or ()),
    )


def normalize_answer(text):
    """Return an answer folded for comparison: lower case, single spaces."""
    return " ".join(str(text or "").lower().split())


def is_correct_answer(text):
    """Return True when `text` is one of the accepted answers."""
    accepted = {normalize_answer(a) for a in read("answers") or ()}
    return normalize_answer(text) in accepted


class WebformSettingsForm(RegistryEditForm):
    schema = IWebformSettings
    schema_prefix = PREFIX
    label = _("Podněty: web form")


class WebformSettingsView(ControlPanelFormWrapper):
    form = WebformSettingsForm
