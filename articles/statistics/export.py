"""稿件考核 as an .xlsx workbook: one sheet per table, the figures as numbers."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from articles.statistics.figures import COLUMNS


def workbook(report):
    """The report's tables (report.tables: [(title, rows, with_role)]) as .xlsx bytes."""
    book = Workbook()
    book.remove(book.active)
    for title, rows, with_role in report.tables:
        sheet = book.create_sheet(title[:31])
        sheet.append([f"{report.period.label} {title}（{report.scope_label}）"])
        sheet["A1"].font = Font(bold=True)
        heading = [
            "名次",
            "姓名" if with_role else "工会组织",
            *(["单位", "身份"] if with_role else []),
            *[label for _, label in COLUMNS],
        ]
        sheet.append(heading)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            unit = [row.subject.unit, row.role] if with_role else []
            sheet.append([row.rank, row.name, *unit, *row.figures()])
        sheet.freeze_panes = "C3"
        sheet.column_dimensions["B"].width = 16
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
