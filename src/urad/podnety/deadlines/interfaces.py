"""Settings of deadlines and alerts: records under ``urad.podnety.deadlines``."""

from datetime import date
from urad.podnety import _
from urad.podnety.deadlines.rules import parse_override
from urad.podnety.workflow.config import SUPERVISORS_GROUP
from zope import schema
from zope.interface import Interface
from zope.interface import Invalid
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def check_overrides(lines):
    for line in lines or ():
        try:
            parse_override(line)
        except ValueError as error:
            raise Invalid(str(error)) from error
    return True


def check_dates(lines):
    for line in lines or ():
        try:
            date.fromisoformat(line.strip())
        except ValueError as error:
            raise Invalid(f"invalid date {line!r}, write YYYY-MM-DD") from error
    return True


def _days(title, default, description=None):
    return schema.Int(
        title=title, description=description, default=default, min=0, max=3650
    )


# The registry stores the plain values because each token equals its value,
# and the control panel shows the titles.
DAY_UNITS = SimpleVocabulary(
    [
        SimpleTerm("working", "working", _("working days")),
        SimpleTerm("calendar", "calendar", _("calendar days")),
    ]
)


def _unit(title):
    return schema.Choice(
        title=title, vocabulary=DAY_UNITS, default="working", required=True
    )


class IDeadlineSettings(Interface):
    """Legal deadlines per kind, office milestones per phase, closure days, alerts."""

    days_podnet = _days(
        _("Suggestion (§ 42 Administrative Procedure Code): days"),
        30,
        _(
            "Calendar days from delivery. The deadline applies only when the "
            "citizen asked to be informed."
        ),
    )
    podnet_only_if_updates = schema.Bool(
        title=_("Suggestion deadline only when the citizen asked to be informed"),
        default=True,
        required=False,
    )
    days_stiznost = _days(
        _("Complaint (§ 175 Administrative Procedure Code): days"), 60
    )
    days_informace = _days(_("Information request (Act 106/1999): days"), 15)
    informace_extension_days = _days(
        _("Information request: maximum extension in days"),
        10,
        _("Allowed only once and only when announced before the deadline ends."),
    )
    days_petice = _days(_("Petition (Act 85/1990): days"), 30)
    days_jine = _days(_("Other: days"), 0, _("0 means no legal deadline."))

    accept_days = _days(_("Accept within (days)"), 2)
    accept_unit = _unit(_("Accept: unit"))
    resolve_days = _days(
        _("Resolve within (days)"),
        20,
        _("Counted from acceptance; the legal deadline still applies if earlier."),
    )
    resolve_unit = _unit(_("Resolve: unit"))
    close_days = _days(_("Close within (days)"), 5)
    close_unit = _unit(_("Close: unit"))

    overrides = schema.List(
        title=_("Overrides per category or channel"),
        description=_(
            "One per line: scope:id phase days [working|calendar], for example "
            "'category:odpady resolve 10 working' or 'channel:phone accept 1'. "
            "A category override wins over a channel override."
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
        constraint=check_overrides,
    )
    closure_days = schema.List(
        title=_("Office closure days"),
        description=_(
            "Days the office is closed besides weekends and public holidays, "
            "one per line as YYYY-MM-DD. They move office milestones, not "
            "legal deadlines."
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
        constraint=check_dates,
    )

    alerts_enabled = schema.Bool(
        title=_("Send deadline alerts"), default=True, required=False
    )
    reminder_days = _days(
        _("Remind the assignee this many working days before a deadline"), 2
    )
    alert_hour = schema.Int(
        title=_("Hour of the daily alerts (Europe/Prague)"),
        default=7,
        min=0,
        max=23,
    )
    supervisors_group = schema.TextLine(
        title=_("Group that receives the daily digest"),
        default=SUPERVISORS_GROUP,
        required=False,
    )
