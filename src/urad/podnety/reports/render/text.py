"""Plain-text version of a report for the text part of the e-mail."""

from urad.podnety.reports.render.cells import cell_text
from urad.podnety.reports.render.html import MAX_ROWS
from urad.podnety.reports.render.html import rows_shown_text


def render_table(table, rows_note=rows_shown_text):
    cells = [[cell_text(column) for column in table.columns]]
    cells += [[cell_text(value) for value in row] for row in table.rows[:MAX_ROWS]]
    widths = [
        min(max(len(row[index]) for row in cells), 40)
        for index in range(len(table.columns))
    ]
    lines = [table.title, ""]
    for number, row in enumerate(cells):
        lines.append(
            "  ".join(
                text[:40].ljust(width) for text, width in zip(row, widths, strict=False)
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    if len(table.rows) > MAX_ROWS:
        lines += ["", rows_note(MAX_ROWS, len(table.rows))]
    return "\n".join(lines)


def render_text(report, rows_note=rows_shown_text):
    """Return the report as aligned plain-text tables of at most `MAX_ROWS` rows."""
    parts = [report.title]
    if report.period:
        parts.append(report.period)
    if report.summary:
        parts.append(report.summary)
    parts.extend(render_table(table, rows_note) for table in report.tables)
    return "\n\n".join(parts)
