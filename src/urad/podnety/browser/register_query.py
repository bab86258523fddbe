"""Turn the register's filter form into a catalog query."""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import time
from zoneinfo import ZoneInfo


PRAGUE = ZoneInfo("Europe/Prague")

SORTABLE = {
    "received": "received",
    "reference_number": "reference_number",
    "deadline": "current_deadline",
    "state": "review_state",
    "title": "sortable_title",
}

FILTER_FIELDS = (
    "date_from",
    "date_to",
    "channel",
    "state",
    "assignee",
    "category",
    "kind",
    "overdue",
    "text",
    "attention",
)


# Error id of a ``date_from`` later than ``date_to``. Such a filter matches
# nothing, so the register shows the error and no rows.
REVERSED_RANGE = "reversed_range"


def parse_date(value):
    """Return a date from ``YYYY-MM-DD`` or None for empty or invalid input."""
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _day_start(day):
    return DateTime(datetime.combine(day, time.min, tzinfo=PRAGUE))


def _day_end(day):
    return DateTime(datetime.combine(day, time.max, tzinfo=PRAGUE))


def build_query(form, register_path, today=None):
    """Return ``(query, errors)`` for the filter values in `form`.

    Unknown or invalid values are reported in `errors` (field name -> message
    id) and left out of the query, so a bad filter never hides the register.
    A reversed date range is reported as ``REVERSED_RANGE`` under
    ``date_to`` and stays in the query, where it matches nothing.
    """
    today = today or datetime.now(PRAGUE).date()
    errors = {}
    query = {
        "portal_type": "Podnet",
        "path": {"query": register_path, "depth": 1},
    }
    date_from = parse_date(form.get("date_from"))
    date_to = parse_date(form.get("date_to"))
    for name, parsed in (("date_from", date_from), ("date_to", date_to)):
        if form.get(name) and parsed is None:
            errors[name] = "invalid_date"
    if date_from and date_to and date_from > date_to:
        errors["date_to"] = REVERSED_RANGE
    if date_from and date_to:
        query["received"] = {
            "query": [_day_start(date_from), _day_end(date_to)],
            "range": "min:max",
        }
    elif date_from:
        query["received"] = {"query": _day_start(date_from), "range": "min"}
    elif date_to:
        query["received"] = {"query": _day_end(date_to), "range": "max"}

    for field, index in (
        ("channel", "channel"),
        ("state", "review_state"),
        ("assignee", "assignee"),
        ("category", "category"),
        ("kind", "kind"),
    ):
        value = (form.get(field) or "").strip()
        if value:
            query[index] = value
    if form.get("overdue"):
        query["current_deadline"] = {
            "query": _day_end(today - _ONE_DAY),
            "range": "max",
        }
    if form.get("attention"):
        query["attention_flag"] = True
    text = (form.get("text") or "").strip()
    if text:
        query["SearchableText"] = _searchable(text)

    sort = form.get("sort_on") or "received"
    query["sort_on"] = SORTABLE.get(sort, "received")
    descending = (form.get("sort_order") or "descending") != "ascending"
    query["sort_order"] = "descending" if descending else "ascending"
    return query, errors


def _searchable(text):
    """Match every word as a prefix, the way clerks type partial words."""
    words = [word.strip('"()*') for word in text.split()]
    words = [word for word in words if word and word.lower() not in _OPERATORS]
    return " AND ".join(f"{word}*" for word in words)


_OPERATORS = {"and", "or", "not"}
_ONE_DAY = date.resolution
