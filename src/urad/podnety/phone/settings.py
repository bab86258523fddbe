"""Settings of the phone channel (records under ``urad.podnety.phone``)."""

from plone import api
from urad.podnety import _
from urad.podnety.phone.announcement import AnnouncementSettings
from urad.podnety.phone.announcement import InvalidHours
from urad.podnety.phone.announcement import parse_closure
from urad.podnety.phone.announcement import parse_hours
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid


PREFIX = "urad.podnety.phone"

WEEKDAY_FIELDS = (
    "hours_monday",
    "hours_tuesday",
    "hours_wednesday",
    "hours_thursday",
    "hours_friday",
    "hours_saturday",
    "hours_sunday",
)


def _valid_hours(value):
    try:
        parse_hours(value)
    except InvalidHours as error:
        raise Invalid(
            _("Invalid office hours, expected for example 8:00-11:30, 12:30-17:00.")
        ) from error
    return True


def _valid_closure(value):
    try:
        parse_closure(value)
    except (InvalidHours, ValueError) as error:
        raise Invalid(
            _("Invalid closure, expected for example 2026-12-28..2026-12-31 Inventory.")
        ) from error
    return True


def _hours_field(title, default=""):
    return schema.TextLine(
        title=title,
        description=_("For example 8:00-11:30, 12:30-17:00. Empty means closed."),
        default=default,
        constraint=_valid_hours,
        required=False,
    )


class IPhoneSettings(Interface):
    """PBX hooks, recordings, voice gateway and SMDR reader."""

    token = schema.ASCIILine(
        title=_("PBX token"),
        description=_(
            "Shared secret the PBX sends in the X-PBX-Token header or the token "
            "parameter. The hooks reject every request while it is empty."
        ),
        default="",
        required=False,
    )

    allowed_addresses = schema.List(
        title=_("PBX addresses"),
        description=_(
            "IP addresses or networks (192.0.2.10, 192.0.2.0/28) the hooks accept, "
            "one per line. Empty accepts any address with a valid token."
        ),
        value_type=schema.ASCIILine(),
        default=[],
        required=False,
    )

    extensions = schema.List(
        title=_("Extensions of the contact centre"),
        description=_(
            "One per line as extension|user id, for example 201|novakova. A user's "
            "own PBX extension property is used for extensions not listed here."
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )

    stale_call_minutes = schema.Int(
        title=_("Close calls without a hangup after (minutes)"),
        default=240,
        min=5,
        required=True,
    )

    recordings_folder = schema.TextLine(
        title=_("Recordings folder"),
        description=_(
            "Folder on the server polled for recordings named <callId>.wav or "
            "<callId>__anything.mp3. Attached files move to its processed/ "
            "subfolder. Empty turns polling off."
        ),
        default="",
        required=False,
    )

    recording_timeout_minutes = schema.Int(
        title=_("Report a missing recording after (minutes)"),
        default=120,
        min=1,
        required=True,
    )

    hours_monday = _hours_field(_("Office hours on Monday"), "8:00-17:00")
    hours_tuesday = _hours_field(_("Office hours on Tuesday"), "8:00-15:00")
    hours_wednesday = _hours_field(_("Office hours on Wednesday"), "8:00-17:00")
    hours_thursday = _hours_field(_("Office hours on Thursday"), "8:00-15:00")
    hours_friday = _hours_field(_("Office hours on Friday"), "8:00-12:00")
    hours_saturday = _hours_field(_("Office hours on Saturday"))
    hours_sunday = _hours_field(_("Office hours on Sunday"))

    closures = schema.List(
        title=_("Closures"),
        description=_(
            "Days the office is closed besides Czech public holidays, one per "
            "line as 2026-12-28..2026-12-31 reason."
        ),
        value_type=schema.TextLine(constraint=_valid_closure),
        default=[],
        required=False,
    )

    recording_text = schema.Text(
        title=_("Announcement: call recording"),
        default="Dobrý den, hovor je pro potřeby vyřízení vašeho podnětu nahráván.",
        required=False,
    )

    open_text = schema.Text(
        title=_("Announcement: office open today"),
        description=_(
            "Placeholders: {today}, {hours}, {next_day}, {next_hours}, {reason}."
        ),
        default="Dnes, {today}, máme otevřeno {hours}.",
        required=False,
    )

    closed_text = schema.Text(
        title=_("Announcement: office closed now"),
        description=_(
            "Placeholders: {today}, {hours}, {next_day}, {next_hours}, {reason}."
        ),
        default="Úřad je nyní zavřen. {reason} Příště máme otevřeno "
        "{next_day} {next_hours}.",
        required=False,
    )

    notice_text = schema.Text(
        title=_("Announcement: current notice"),
        default="",
        required=False,
    )

    smdr_host = schema.TextLine(
        title=_("SMDR host"),
        description=_("Address of the PBX's SMDR port. Empty turns reading off."),
        default="",
        required=False,
    )

    smdr_port = schema.Int(title=_("SMDR port"), default=2300, required=False)

    smdr_user = schema.TextLine(title=_("SMDR user id"), default="SMDR", required=False)

    smdr_password = schema.Password(
        title=_("SMDR password"), default="", required=False
    )

    smdr_date_order = schema.Choice(
        title=_("SMDR date order"),
        values=["DMY", "MDY"],
        default="DMY",
        required=True,
    )


def get_setting(name, default=None):
    """Return one phone setting, or `default` before the profile is applied."""
    return api.portal.get_registry_record(f"{PREFIX}.{name}", default=default)


def extension_map():
    """Return {extension: user id} from the control panel."""
    mapping = {}
    for line in get_setting("extensions", []) or []:
        extension, _sep, user_id = (line or "").partition("|")
        if extension.strip() and user_id.strip():
            mapping[extension.strip()] = user_id.strip()
    return mapping


def announcement_settings():
    """Return the AnnouncementSettings stored in the registry."""
    return AnnouncementSettings(
        hours=[get_setting(name, "") or "" for name in WEEKDAY_FIELDS],
        closures=list(get_setting("closures", []) or []),
        recording_text=get_setting("recording_text", "") or "",
        open_text=get_setting("open_text", "") or "",
        closed_text=get_setting("closed_text", "") or "",
        notice_text=get_setting("notice_text", "") or "",
    )
