"""Schema of a report definition, stored as registry records per definition.

Definitions live under ``urad.podnety.reports.definitions/<id>.<field>``
(a plone.registry collection), so the profile can install defaults and
webmasters add, edit and delete definitions in the control panel.
"""

from urad.podnety import _
from urad.podnety.deadlines.schedule import FREQUENCIES
from urad.podnety.reports.kinds.counts import EVENTS
from zope import schema
from zope.interface import Interface
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


COLLECTION_PREFIX = "urad.podnety.reports.definitions"

FREQUENCY_TITLES = {
    "daily": _("daily"),
    "workdays": _("every working day"),
    "weekly": _("weekly"),
    "monthly": _("monthly"),
}
# Each token equals its value, so the registry stores the plain values.
FREQUENCY_VOCABULARY = SimpleVocabulary(
    [SimpleTerm(name, name, FREQUENCY_TITLES[name]) for name in FREQUENCIES]
)


class IReportDefinition(Interface):
    """One scheduled report."""

    title = schema.TextLine(title=_("Report name"), required=True)
    kind = schema.Choice(
        title=_("Kind"),
        vocabulary="urad.podnety.ReportKinds",
        required=True,
    )
    enabled = schema.Bool(
        title=_("Send on schedule"),
        description=_("Reports that are off can still be previewed and run by hand."),
        default=True,
        required=False,
    )
    frequency = schema.Choice(
        title=_("Frequency"),
        description=_(
            "workdays: every working day; the report covers the days since the "
            "previous working day."
        ),
        vocabulary=FREQUENCY_VOCABULARY,
        default="monthly",
        required=True,
    )
    weekday = schema.Int(
        title=_("Day of the week for weekly reports"),
        description=_("0 is Monday, 6 is Sunday."),
        default=0,
        min=0,
        max=6,
    )
    day = schema.Int(
        title=_("Day of the month for monthly reports"),
        description=_("Days past the end of a month mean its last day."),
        default=1,
        min=1,
        max=31,
    )
    hour = schema.Int(title=_("Hour (Europe/Prague)"), default=6, min=0, max=23)
    recipients = schema.List(
        title=_("Recipients"),
        description=_("E-mail addresses, group ids or user ids, one per line."),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )
    categories = schema.List(
        title=_("Only these categories"),
        description=_("Category ids, one per line; empty means all."),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )
    channels = schema.List(
        title=_("Only these channels"),
        description=_("web, email, post or phone, one per line; empty means all."),
        value_type=schema.Choice(values=["web", "email", "post", "phone"]),
        default=[],
        required=False,
    )
    events = schema.List(
        title=_("Counted events"),
        description=_("For counts reports; empty means all of them."),
        value_type=schema.Choice(values=list(EVENTS)),
        default=[],
        required=False,
    )
    min_age_days = schema.Int(
        title=_("Minimum age in days"),
        description=_(
            "For the open podněty report: list those received this long ago."
        ),
        default=30,
        min=0,
        max=3650,
    )
