"""python manage.py check_text FILE [--json]: the editorial QA checks on a text file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.editorial import qa
from articles.editorial.models import code_name
from articles.editorial.printpage import files, stories


class Command(BaseCommand):
    help = "Report layout and copy-paste slips in a text file (print-page layout). Writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="print a JSON list of findings")

    def handle(self, *args, **options):
        try:
            text = files.decode(Path(options["file"]).read_bytes())
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        findings = check(text)
        if options["json"]:
            self.stdout.write(json.dumps(findings, ensure_ascii=False))
            return
        for found in findings:
            where = f"（{found['segment']}）" if found["segment"] else ""
            self.stdout.write(f"{code_name(found['code'])}{where}：{found['message']} {found['excerpt']}")
        self.stdout.write(f"共 {len(findings)} 条提示。")


def check(text):
    index = qa.union_index()
    return [
        found
        for _, _, found_list in stories.analyse(text, index, qa.terms(), raw=True, brands=qa.brands(index))
        for found in found_list
    ]
