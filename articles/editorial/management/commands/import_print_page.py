"""python manage.py import_print_page FILE --date YYYY-MM-DD --page N [--page-name NAME] [--dry-run] [--json]"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.editorial.models import code_name
from articles.editorial.printpage import files
from articles.editorial.printpage.importer import import_page


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = "Import a print page (plain text) as draft stories, with QA findings."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--date", required=True, type=iso_date)
        parser.add_argument("--page", required=True, type=int)
        parser.add_argument("--page-name", default="")
        parser.add_argument("--dry-run", action="store_true", help="parse and report, write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        if options["page"] < 1:
            raise CommandError("--page starts at 1")
        try:
            text = files.decode(Path(options["file"]).read_bytes())
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        result = import_page(
            text, date=options["date"], number=options["page"], name=options["page_name"], dry_run=options["dry_run"]
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        for story in result.stories:
            pages = "、".join(f"第{n}版" for n in story["pages"])
            self.stdout.write(f"{story['id'] or '（未写入）'}  {story['headline']}  [{pages}]")
            for found in story["findings"]:
                where = f"（{found['segment']}）" if found["segment"] else ""
                self.stdout.write(f"    {code_name(found['code'])}{where}：{found['message']} {found['excerpt'][:40]}")
        if result.unknown_organisations:
            self.stdout.write("未收录的组织：" + "、".join(result.unknown_organisations))
        if options["dry_run"]:
            self.stdout.write("试运行：没有写入任何内容。")
