"""The coverage matrix as an .xlsx workbook: one sheet a state (已发布, 审核中, 草稿)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from articles.campaigns.coverage import DRAFT, PUBLISHED, REVIEW

SHEETS = [(PUBLISHED, "已发布"), (REVIEW, "审核中"), (DRAFT, "草稿")]
EMPTY = PatternFill("solid", fgColor="FDE2E1")


def week_label(number, first, last):
    return f"第{number}周 {first:%m-%d}至{last:%m-%d}"


def workbook_bytes(campaign, matrix):
    """Rows: each city, then its counties (indented), then 省级及其他 (if any), then 合计;
    columns: the weeks, then 合计."""
    book = Workbook()
    book.remove(book.active)
    for state, name in SHEETS:
        sheet = book.create_sheet(name)
        sheet.append([f"{campaign.title} · 各地报道统计（{name}稿件数）"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(["单位", *(week_label(n, *week) for n, week in enumerate(matrix.weeks, start=1)), "合计"])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in matrix.rows:
            for line, indent in [(row, 0), *((county, 1) for county in row.counties)]:
                counts = [len(getattr(cell, state)) for cell in line.cells]
                sheet.append([line.union.short_name, *counts, len(getattr(line.total, state))])
                first = sheet.cell(row=sheet.max_row, column=1)
                first.alignment = Alignment(indent=indent)
                if not indent:
                    first.font = Font(bold=True)
                if state == PUBLISHED:
                    for column, count in enumerate(counts, start=2):
                        if not count:
                            sheet.cell(row=sheet.max_row, column=column).fill = EMPTY
        if matrix.others:
            line = matrix.others
            sheet.append(
                [line.name, *(len(getattr(cell, state)) for cell in line.cells), len(getattr(line.total, state))]
            )
        totals = matrix.totals
        sheet.append(["合计", *(len(getattr(cell, state)) for cell in totals.cells), len(getattr(totals.total, state))])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 14
        sheet.freeze_panes = "B3"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
