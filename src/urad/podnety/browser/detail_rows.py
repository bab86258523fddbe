"""Labelled rows of stored detail dicts (intake details, history) for clerks.

Known keys get a translated label and a readable value. Keys that only matter
when tracing a delivery go to a collapsed technical part. Keys without a label
stay visible under their raw name, so a new key is never hidden.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from urad.podnety import _
from urad.podnety.browser.register_query import PRAGUE


@dataclass(frozen=True)
class Field:
    """Label, formatting and placement of one detail key."""

    label: str
    # A kind with a ``format_<kind>`` method of the formatter formats
    # specially. That method returns None for a value that does not fit its
    # kind. Such values and other kinds ("text", "list", "choice") format by
    # the value's type.
    kind: str = "text"
    technical: bool = False
    choices: dict | None = None


class DetailFormatter:
    """Format detail values in the user's language, with times in Prague."""

    def __init__(self, fields, translate, decimal_format=None):
        self.fields = fields
        self.translate = translate
        self.decimal_format = decimal_format or "{:.1f}".format

    def row(self, key, value, field_key=None):
        """Return (key, label, text, technical) of one value.

        `field_key` looks up the field under another name than `key`.
        """
        field = self.fields.get(field_key or key)
        if field is None:
            return key, key, self.value(value), False
        label = self.translate(field.label)
        return key, label, self.formatted(field, value), field.technical

    def split(self, found):
        """Sort row tuples in the order of the fields and split off technical ones.

        Returns ``{"main": rows, "technical": rows}`` with each row a dict of
        ``label`` and ``value``, unknown keys last and empty values left out.
        """
        order = {key: index for index, key in enumerate(self.fields)}
        found = sorted(found, key=lambda row: order.get(row[0], len(order)))
        rows = {"main": [], "technical": []}
        for _key, label, text, technical in found:
            if text:
                part = rows["technical" if technical else "main"]
                part.append({"label": label, "value": text})
        return rows

    def formatted(self, field, value):
        method = getattr(self, f"format_{field.kind}", None)
        text = method(value) if method is not None else None
        if text is None:
            return self.value(value, field.choices)
        return text

    def value(self, value, choices=None):
        """Return `value` as text: yes/no, lists joined, choices translated."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.translate(_("yes") if value else _("no"))
        if isinstance(value, list | tuple | set):
            texts = [self.value(item, choices) for item in value]
            return ", ".join(text for text in texts if text)
        if isinstance(value, dict):
            texts = [f"{key}: {self.value(item)}" for key, item in value.items()]
            return ", ".join(texts)
        if choices and value in choices:
            return self.translate(choices[value])
        return str(value)

    def format_time(self, value):
        """Return an ISO 8601 time as Prague local time."""
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else value
            return moment.astimezone(PRAGUE).strftime("%d.%m.%Y %H:%M")
        except (TypeError, ValueError, AttributeError):
            return None

    def format_date(self, value):
        """Return an ISO 8601 date as ``dd.mm.yyyy`` and a missing date as a dash."""
        if value is None:
            return "—"
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else value
            return day.strftime("%d.%m.%Y")
        except (TypeError, ValueError, AttributeError):
            return None

    def format_bool(self, value):
        """Return yes or no, also for the texts "True" and "False"."""
        if isinstance(value, str) and value in ("True", "False"):
            return self.value(value == "True")
        return None

    def format_size(self, size):
        if not _is_number(size):
            return None
        if size < 1024:
            return f"{size} B"
        if size < 1024 * 1024:
            return f"{round(size / 1024)} kB"
        return f"{self.decimal_format(size / 1048576)} MB"

    def format_duration(self, seconds):
        if not _is_number(seconds):
            return None
        return f"{seconds // 60}:{seconds % 60:02d}"

    def format_upper(self, value):
        return value.upper() if isinstance(value, str) else None


def _is_number(value):
    return isinstance(value, int) and not isinstance(value, bool)
