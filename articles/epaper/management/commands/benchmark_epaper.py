"""Time rendering and reading a page PDF: `python manage.py benchmark_epaper [PDF ...] [--runs N]`
(README, "数字报"). The target is under 3 s a page on one core.

Per page: open and check the file, render it once at the zoom width and scale the screen and
thumbnail images from it (JPEG), read its characters into lines, find the stories and their
areas: everything import_pdf does before it touches the database. Prints Markdown on stdout,
progress on stderr. Without a PDF it measures the demo edition's pages (unionnews/demo/epaper/).
"""

import platform
import statistics
import time
from importlib.metadata import version
from pathlib import Path

import pypdfium2.version
from django.core.management.base import BaseCommand, CommandError

from articles.epaper import layout, pdf

DEMO = Path(__file__).resolve().parents[4] / "unionnews" / "demo" / "epaper"


class Command(BaseCommand):
    help = "Time rendering a page PDF into the e-paper's images and reading its stories (target < 3 s a page)."

    def add_arguments(self, parser):
        parser.add_argument("pdfs", nargs="*", help="page PDFs (default: the demo edition's pages)")
        parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3); the median is shown")

    def handle(self, *args, pdfs, runs, **options):
        paths = [Path(p) for p in pdfs] or sorted(DEMO.glob("*.pdf"))
        if not paths:
            raise CommandError("没有可测的PDF：请给出版面PDF文件，或先生成演示数字报（unionnews/demo/epaper/）。")
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise CommandError(f"找不到PDF文件：{'、'.join(missing)}")
        if runs < 1:
            raise CommandError("--runs 至少为 1。")
        self.stdout.write("| 版面PDF | 大小 | 字数 | 稿件 | 渲染+读取（中位数） | 最慢 |")
        self.stdout.write("|---|---|---|---|---|---|")
        medians = []
        for path in paths:
            data = path.read_bytes()
            times = []
            for run in range(runs):
                self.stderr.write(f"{path.name}: run {run + 1}/{runs}")
                started = time.perf_counter()
                page = pdf.read_page(data)
                stories = layout.find_stories(page.lines, page.images, page.width, page.height)
                times.append(time.perf_counter() - started)
            chars = sum(len(line.text) for line in page.lines)
            medians.append(statistics.median(times))
            self.stdout.write(
                f"| {path.name} | {len(data) / 1024:.0f} KB | {chars} | {len(stories)} "
                f"| {statistics.median(times):.2f} s | {max(times):.2f} s |"
            )
        self.stdout.write("")
        self.stdout.write(
            f"pypdfium2 {version('pypdfium2')}, PDFium {pypdfium2.version.PDFIUM_INFO}, "
            f"Python {platform.python_version()}, {platform.machine()}; "
            f"images {', '.join(str(w) for w in pdf.WIDTHS.values())} px wide; "
            f"slowest page median {max(medians):.2f} s (target < 3 s)."
        )
