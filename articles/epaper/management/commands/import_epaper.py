"""python manage.py import_epaper FILE_OR_DIR --date YYYY-MM-DD [--page N] [--name 要闻] [--replace] [--json]

A folder imports every PDF in it, each page's number the first number in its file name
(02.pdf, A02-要闻.pdf, 第2版.pdf), all or nothing. Progress goes to stderr; with --json
stdout is exactly one JSON object (EditionResult.as_json(), every page).
"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.epaper.importer import EditionResult, EpaperError, import_pdf, page_label, remake_edition
from unionnews import media


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date 须为 YYYY-MM-DD 格式，收到的是 {value!r}") from None


def page_files(folder):
    """[(number, path)] of the folder's PDFs in page order; CommandError if a name gives no number or two share one."""
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")
    if not paths:
        raise CommandError(f"文件夹 {folder} 里没有PDF文件。")
    numbered = {}
    for path in paths:
        number, _ = page_label(path.name)
        if not number:
            raise CommandError(f"从文件名“{path.name}”看不出是第几版：请命名为 02.pdf、A02-要闻.pdf 或 第2版.pdf。")
        if number in numbered:
            raise CommandError(f"“{numbered[number].name}”和“{path.name}”都是第{number}版，请只留一个。")
        numbered[number] = path
    return sorted(numbered.items())


class Command(BaseCommand):
    help = "Import page PDFs into the e-paper (数字报): page images, story areas, links to stories, new drafts."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a page PDF, or a folder of them")
        parser.add_argument("--date", required=True, type=iso_date)
        parser.add_argument("--page", type=int, help="the page number of a single file (default: from its name)")
        parser.add_argument("--name", default="", help="the page's name, e.g. 要闻 (default: from the file name)")
        parser.add_argument("--replace", action="store_true", help="replace pages that already have a PDF")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if options["page"] is not None and options["page"] < 1:
            raise CommandError("--page 从 1 开始。")
        if path.is_dir():
            if options["page"] is not None or options["name"]:
                raise CommandError("--page 和 --name 只用于单个文件；文件夹里每个文件的版次和版名取自文件名。")
            jobs = [(number, file, "") for number, file in page_files(path)]
        elif path.is_file():
            jobs = [(options["page"], path, options["name"])]
        else:
            raise CommandError(f"找不到文件或文件夹：{path}")
        edition = EditionResult(options["date"])
        try:
            with media.removing_files_on_error(), transaction.atomic():
                for number, file, name in jobs:
                    result = import_pdf(
                        str(file),
                        date=options["date"],
                        number=number,
                        name=name,
                        replace=options["replace"],
                        progress=self.progress,
                        edition=False,
                    )
                    edition.pages += result.pages
                self.progress("重新生成整期PDF")
                remake_edition(options["date"])
        except EpaperError as error:
            raise CommandError(f"{file.name}：{error}") from None
        for page in edition.pages:
            for note in page.notes:
                self.progress(f"第{page.page}版：{note}")
        if options["json"]:
            self.stdout.write(json.dumps(edition.as_json(), ensure_ascii=False))
            return
        for page in edition.pages:
            self.stdout.write(f"第{page.page}版 {page.name}  {page.width:g}×{page.height:g} 磅")
            for area in page.areas:
                new = "（新草稿）" if area.story_id in page.new_drafts else ""
                self.stdout.write(f"    {area.story_id or '（未链接）'}{new}  {area.headline}")

    def progress(self, step):
        self.stderr.write(step)
