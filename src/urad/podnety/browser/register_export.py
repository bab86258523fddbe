"""Write register rows as CSV for Czech Excel or as XLSX."""

from io import BytesIO
from io import StringIO
from openpyxl import Workbook
from urad.podnety import _
from urad.podnety.reports.render.cells import safe_text

import csv


COLUMNS = (
    ("reference_number", _("Reference number")),
    ("received", _("Received")),
    ("channel", _("Channel")),
    ("title", _("Subject")),
    ("citizen", _("Citizen")),
    ("state", _("State")),
    ("assignee", _("Responsible official")),
    ("deadline", _("Deadline")),
)


def _header(view):
    return [view.translate(title) for _name, title in COLUMNS]


def _values(row):
    return [str(row.get(name) or "") for name, _title in COLUMNS]


def _csv_values(row):
    """Return the row with text quoted so spreadsheets never run it as a formula."""
    return [safe_text(value) for value in _values(row)]


def send_csv(response, rows, view):
    """Return CSV that Czech Excel opens as is: UTF-8 with BOM, `;` separated."""
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header(view))
    for row in rows:
        writer.writerow(_csv_values(row))
    data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    response.setHeader("Content-Type", "text/csv; charset=utf-8")
    response.setHeader("Content-Disposition", 'attachment; filename="podnety.csv"')
    return data


def send_xlsx(response, rows, view):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Podněty"
    sheet.append(_header(view))
    for row_index, row in enumerate(rows, start=2):
        for column, value in enumerate(_values(row), start=1):
            cell = sheet.cell(row=row_index, column=column, value=value)
            # Citizen text such as "=HYPERLINK(...)" stays text, not a formula.
            cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    response.setHeader(
        "Content-Type",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response.setHeader("Content-Disposition", 'attachment; filename="podnety.xlsx"')
    return buffer.getvalue()
