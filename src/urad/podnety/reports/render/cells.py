"""Text form of report cell values shared by the renderers."""

from datetime import date
from datetime import datetime
from urad.podnety.deadlines.calendar import PRAGUE


# Spreadsheets run text starting with these characters as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value, decimal_comma=False):
    """Return the text of a cell: dates as ISO dates, lists joined by commas."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(cell_text(item, decimal_comma) for item in value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(PRAGUE)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",") if decimal_comma else text
    return " ".join(str(value).split())


def safe_text(text):
    """Quote text a spreadsheet would otherwise run as a formula."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
