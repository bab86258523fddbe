"""HTML of a report for the e-mail body and the preview page."""

from urad.podnety.reports.render.cells import cell_text

import html


CELL = "border: 1px solid #999; padding: 4px 8px; text-align: {align}"
LEFT = CELL.format(align="left")
RIGHT = CELL.format(align="right")
# Rows shown per table in the mail body and the preview. A table of tens of
# thousands of rows makes a mail of several megabytes, which mail clients open
# slowly or not at all. The CSV and XLSX files always contain every row.
MAX_ROWS = 500


def _cell(tag, value):
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    style = RIGHT if numeric else LEFT
    return f'<{tag} style="{style}">{html.escape(cell_text(value))}</{tag}>'


def rows_shown_text(shown, count):
    """Return the English note under a table cut to `shown` of `count` rows."""
    return f"The first {shown} of {count} rows are shown."


def render_table(table, rows_note=rows_shown_text):
    """Return one table as an HTML fragment with inline styles for mail.

    Only the first `MAX_ROWS` rows are rendered, followed by the text that
    `rows_note(shown, count)` returns.
    """
    lines = [
        f"<h2>{html.escape(table.title)}</h2>",
        '<table style="border-collapse: collapse">',
        "<thead><tr>"
        + "".join(_cell("th", c) for c in table.columns)
        + "</tr></thead>",
        "<tbody>",
    ]
    for row in table.rows[:MAX_ROWS]:
        lines.append("<tr>" + "".join(_cell("td", value) for value in row) + "</tr>")
    lines.append("</tbody></table>")
    if len(table.rows) > MAX_ROWS:
        lines.append(f"<p>{html.escape(rows_note(MAX_ROWS, len(table.rows)))}</p>")
    return "\n".join(lines)


def render_fragment(report, chart_note="", rows_note=rows_shown_text):
    """Return the report's heading, summary and tables as an HTML fragment."""
    parts = [f"<h1>{html.escape(report.title)}</h1>"]
    if report.period:
        parts.append(f"<p>{html.escape(report.period)}</p>")
    if report.summary:
        parts.append(f"<p>{html.escape(report.summary)}</p>")
    if chart_note:
        parts.append(f"<p>{html.escape(chart_note)}</p>")
    parts.extend(render_table(table, rows_note) for table in report.tables)
    return "\n".join(parts)


def render_html(report, chart_note="", rows_note=rows_shown_text):
    """Return the report as a complete HTML document."""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(report.title)}</title></head>\n"
        '<body style="font-family: sans-serif">\n'
        + render_fragment(report, chart_note, rows_note)
        + "\n</body></html>\n"
    )
