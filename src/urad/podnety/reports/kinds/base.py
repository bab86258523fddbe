"""The contract of a report kind and what a kind gets to build a report."""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from urad.podnety import _
from urad.podnety.deadlines.phases import value
from zope.interface import Attribute
from zope.interface import Interface


class IReportKind(Interface):
    """A kind of report, registered as a named utility (the name is its id)."""

    title = Attribute("Message id of the title shown in the definition form")
    catch_up = Attribute(
        '"each": after downtime send one report per missed period; '
        '"latest": send only the current state once'
    )
    skip_empty = Attribute("Optional: True to send nothing when no table has rows")

    def query(request):
        """Return a list of catalog queries whose united results the report needs.

        The runner adds the podnět type, the register path and the
        definition's category and channel filters to each query.
        """

    def build(records, request):
        """Return a Report built from catalog brains or records like them."""


@dataclass(frozen=True)
class Definition:
    """A report definition as the kinds see it, copied from the content item."""

    title: str
    kind: str
    recipients: tuple = ()
    categories: tuple = ()
    channels: tuple = ()
    events: tuple = ()
    min_age_days: int = 30


def _identity(message):
    return str(message)


@dataclass
class ReportRequest:
    """One run of a report: definition, period [start, end), the day it runs."""

    definition: Definition
    start: date
    end: date
    today: date
    translate: object = _identity
    labels: dict = field(default_factory=dict)
    # The Plone site, for kinds that read data outside the catalog.
    portal: object = None

    def _(self, message):
        return self.translate(message)

    def label(self, vocabulary, key):
        """Return the title of a channel, category or user id, or the id."""
        if key is None:
            return NONE_LABEL
        return self.labels.get(vocabulary, {}).get(key, key)

    def period_text(self):
        last = date.fromordinal(self.end.toordinal() - 1)
        return f"{self.start:%d. %m. %Y} – {last:%d. %m. %Y}"


NONE_LABEL = "—"
CONFIDENTIAL = _("(confidential)")


def title_of(record, request):
    """Return the subject of a podnět, hidden when the podnět is confidential.

    Reports go to mailing lists, so a confidential subject stays in the register.
    """
    if value(record, "confidential"):
        return request._(CONFIDENTIAL)
    return value(record, "Title")


def in_period(day, request):
    return day is not None and request.start <= day < request.end
