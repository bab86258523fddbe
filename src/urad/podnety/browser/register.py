"""The register table clerks land on, and its CSV/XLSX export."""

from datetime import datetime
from plone import api
from plone.batching import Batch
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urad.podnety import PACKAGE_NAME as DOMAIN
from urad.podnety import _
from urad.podnety.browser import register_export
from urad.podnety.browser.register_query import FILTER_FIELDS
from urad.podnety.browser.register_query import PRAGUE
from urad.podnety.browser.register_query import REVERSED_RANGE
from urad.podnety.browser.register_query import build_query
from urad.podnety.browser.register_query import parse_date
from urad.podnety.content.vocabularies import CHANNELS
from urad.podnety.content.vocabularies import KINDS
from urad.podnety.workflow.config import WORKFLOW_ID
from zope.i18n import translate
from zope.i18nmessageid import Message

import urllib.parse


class RegisterView(BrowserView):
    """Filterable, sortable, paged table of podněty."""

    def __call__(self):
        self.query, self.errors = build_query(
            self.request.form, "/".join(self.context.getPhysicalPath())
        )
        return self.index()

    @property
    def page_size(self):
        return api.portal.get_registry_record(
            "urad.podnety.register.page_size", default=50
        )

    @memoize
    def results(self):
        start = int(self.request.form.get("b_start", 0) or 0)
        if REVERSED_RANGE in self.errors.values():
            return Batch([], self.page_size, start)
        catalog = api.portal.get_tool("portal_catalog")
        # Sorting only up to the end of the shown page keeps the sort cost
        # nearly flat as the register grows (10,000 podněty: 40 ms unlimited,
        # 7 ms limited); the lazy result still reports the full count.
        brains = catalog(**self.query, sort_limit=start + self.page_size)
        return Batch(brains, self.page_size, start)

    def error_messages(self):
        """Return the translated messages for the filter's errors."""
        messages = []
        if "invalid_date" in self.errors.values():
            messages.append(
                _("A date filter is invalid and was ignored. Use the form YYYY-MM-DD.")
            )
        if REVERSED_RANGE in self.errors.values():
            dates = [
                parse_date(self.filter_value(name)).strftime("%d.%m.%Y")
                for name in ("date_from", "date_to")
            ]
            messages.append(
                _(
                    "The date range is reversed: Received from (${date_from}) is "
                    "later than Received to (${date_to}). Swap the dates.",
                    mapping={"date_from": dates[0], "date_to": dates[1]},
                )
            )
        return [self.translate(message) for message in messages]

    @memoize
    def today(self):
        return datetime.now(PRAGUE).date()

    def rows(self, brains=None):
        """Return display rows for `brains` (the current page by default)."""
        for brain in self.results() if brains is None else brains:
            deadline = brain.current_deadline
            yield {
                "url": brain.getURL(),
                "reference_number": brain.reference_number,
                "received": _format_datetime(brain.received),
                "channel": self.translate(CHANNELS.get(brain.channel, brain.channel)),
                "title": brain.Title,
                "citizen": brain.citizen_name or brain.citizen_email or "",
                "state": self.state_title(brain.review_state),
                "state_id": brain.review_state,
                "assignee": self.fullname(brain.assignee),
                "deadline": deadline.strftime("%d.%m.%Y") if deadline else "",
                "overdue": bool(deadline and deadline < self.today()),
                "attention": bool(brain.attention_flag),
            }

    def translate(self, message):
        return translate(message, context=self.request)

    @memoize
    def state_titles(self):
        workflow = api.portal.get_tool("portal_workflow")[WORKFLOW_ID]
        return {
            state_id: self.translate(Message(state.title, DOMAIN))
            for state_id, state in workflow.states.objectItems()
        }

    def state_title(self, state_id):
        return self.state_titles().get(state_id, state_id)

    def fullname(self, user_id):
        if not user_id:
            return ""
        return self._fullnames().get(user_id) or user_id

    @memoize
    def _fullnames(self):
        names = {}
        for user in api.user.get_users():
            names[user.getId()] = user.getProperty("fullname") or user.getId()
        return names

    def label(self, name):
        return FILTER_LABELS[name]

    def filter_value(self, name):
        return self.request.form.get(name, "")

    def options(self, name):
        """Return (value, title) pairs for a filter's select box."""
        if name == "channel":
            return [(key, self.translate(title)) for key, title in CHANNELS.items()]
        if name == "kind":
            return [(key, self.translate(title)) for key, title in KINDS.items()]
        if name == "state":
            return sorted(self.state_titles().items(), key=lambda item: item[1])
        if name == "assignee":
            vocabulary = _vocabulary("urad.podnety.Officials", self.context)
            return [(term.value, term.title) for term in vocabulary]
        if name == "category":
            vocabulary = _vocabulary("urad.podnety.Categories", self.context)
            return [(term.value, term.title) for term in vocabulary]
        return []

    def filter_query_string(self, **overrides):
        values = {
            name: self.request.form.get(name)
            for name in FILTER_FIELDS + ("sort_on", "sort_order")
            if self.request.form.get(name)
        }
        values.update({key: value for key, value in overrides.items() if value})
        return urllib.parse.urlencode(values)

    def sort_url(self, column):
        current = self.request.form.get("sort_on") or "received"
        order = self.request.form.get("sort_order") or "descending"
        if column == current:
            order = "ascending" if order == "descending" else "descending"
        query = self.filter_query_string(sort_on=column, sort_order=order)
        return f"{self.context.absolute_url()}?{query}"

    def export_url(self, file_format):
        query = self.filter_query_string(format=file_format)
        return f"{self.context.absolute_url()}/@@podnety-export?{query}"


class RegisterExport(RegisterView):
    """The filtered register as a CSV (Czech Excel) or XLSX download."""

    def __call__(self):
        self.query, self.errors = build_query(
            self.request.form, "/".join(self.context.getPhysicalPath())
        )
        if REVERSED_RANGE in self.errors.values():
            rows = self.rows([])
        else:
            catalog = api.portal.get_tool("portal_catalog")
            rows = self.rows(catalog(**self.query))
        file_format = self.request.form.get("format", "csv")
        if file_format == "xlsx":
            return register_export.send_xlsx(self.request.response, rows, self)
        return register_export.send_csv(self.request.response, rows, self)


def _vocabulary(name, context):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    return getUtility(IVocabularyFactory, name)(context)


def _format_datetime(value):
    if not value:
        return ""
    if hasattr(value, "astimezone"):
        return value.astimezone(PRAGUE).strftime("%d.%m.%Y %H:%M")
    return str(value)


FILTER_LABELS = {
    "channel": _("Channel"),
    "state": _("State"),
    "assignee": _("Responsible official"),
    "category": _("Category"),
    "kind": _("Kind"),
}
