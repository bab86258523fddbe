"""What a report contains, independent of how it is rendered."""

from dataclasses import dataclass
from dataclasses import field


@dataclass
class Table:
    """One table of a report: a title, column headings and rows of values.

    Values are strings, numbers, dates or datetimes; a list or tuple is a
    multi-value cell. `None` is an empty cell.
    """

    title: str
    columns: list
    rows: list = field(default_factory=list)


@dataclass
class Chart:
    """A bar chart: one bar group per label, one series per legend entry."""

    title: str
    labels: list
    series: dict
    stacked: bool = False
    horizontal: bool = False
    # Text drawn in place of bars and axes when every value is zero. Without
    # it, an all-zero chart is drawn with its axes.
    empty_text: str = ""

    def shows_empty_text(self):
        """Return whether the chart has an empty text and no non-zero value."""
        if not self.empty_text:
            return False
        return not any(value for values in self.series.values() for value in values)


@dataclass
class Report:
    """A generated report: heading, period text, tables and an optional chart."""

    title: str
    period: str = ""
    tables: list = field(default_factory=list)
    chart: Chart = None
    summary: str = ""
