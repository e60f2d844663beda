"""数字报 for readers: the latest edition with a calendar of editions, and one page.

A page with a PageFile shows its image with the story areas as links over it (an SVG
laid over the image, in the page's own points: it scales with the image and needs no
inline style, which the CSP forbids); a page without one is the list of its stories.
Each view runs a fixed number of queries however many stories, pages or areas there are.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render

from articles.epaper.models import SCREEN_WIDTH, THUMB_WIDTH, ZOOM_WIDTH, EditionFile, StoryArea
from articles.models import Article, PrintPage
from articles.models.status import published_q
from unionnews import media

WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]


def file_size(field):
    """Bytes of a stored file, or None when storage cannot tell (a file gone missing, object storage down)."""
    try:
        return field.size if field else None
    except (ValueError, *media.STORAGE_ERRORS):
        return None


@dataclass
class Sheet:
    """A page's images as the templates use them: URLs and pixel sizes from the page's aspect."""

    file: object

    def height_at(self, width):
        return round(width * self.file.height / self.file.width) if self.file.width else width

    @property
    def thumb_url(self):
        return self.file.thumb.url

    @property
    def screen_url(self):
        return self.file.screen.url

    @property
    def srcset(self):
        return (
            f"{self.file.thumb.url} {THUMB_WIDTH}w, {self.file.screen.url} {SCREEN_WIDTH}w, "
            f"{self.file.zoom.url} {ZOOM_WIDTH}w"
        )

    @property
    def thumb_height(self):
        return self.height_at(THUMB_WIDTH)

    @property
    def screen_height(self):
        return self.height_at(SCREEN_WIDTH)

    screen_width = SCREEN_WIDTH
    thumb_width = THUMB_WIDTH

    @property
    def viewbox(self):
        return f"0 0 {self.file.width:g} {self.file.height:g}"


def sheet_of(page):
    """The page's Sheet, or None: reads the PageFile select_related("file") loaded."""
    page_file = getattr(page, "file", None)
    return Sheet(page_file) if page_file is not None else None


def readable_pages():
    """Pages readers may open, each with its PageFile, how many of its stories are online,
    and the name of its edition's whole PDF (edition_pdf, None until there is one)."""
    edition_pdf = EditionFile.objects.filter(edition_date=OuterRef("edition_date")).values("pdf")[:1]
    return (
        PrintPage.objects.for_readers()
        .select_related("file")
        .annotate(
            story_count=Count("placements", filter=published_q(via="placements__article__")),
            edition_pdf=Subquery(edition_pdf),
        )
        .order_by("number")
    )


def edition_download(page):
    """(the edition's PDF as a FieldFile, its size in bytes or None), or (None, None)."""
    if not page.edition_pdf:
        return None, None
    pdf = EditionFile(edition_date=page.edition_date, pdf=page.edition_pdf).pdf
    return pdf, file_size(pdf)


def rectangles(boxes, page_file):
    """[(x, y, width, height)] in points of the well-formed boxes, clipped to the page."""
    found = []
    for box in boxes if isinstance(boxes, list) else []:
        try:
            x0, y0, x1, y1 = (float(value) for value in box)
        except (TypeError, ValueError):
            continue
        x0, x1 = max(0.0, min(x0, x1)), min(page_file.width, max(x0, x1))
        y0, y1 = max(0.0, min(y0, y1)), min(page_file.height, max(y0, y1))
        if x1 > x0 and y1 > y0:
            found.append((round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1)))
    return found


def linked_areas(page, page_file):
    """The page's areas of published stories, each with .rects; other areas are no links and not shown."""
    areas = (
        StoryArea.objects.filter(published_q(via="article__"), page=page)
        .select_related("article")
        .only("boxes", "headline", "order", "article__headline", "article__published_at", "article__created_at")
        .order_by("order", "pk")
    )
    shown = []
    for area in areas:
        area.rects = rectangles(area.boxes, page_file)
        if area.rects:
            shown.append(area)
    return shown


# --- /epaper/ and /epaper/YYYY-MM/ ---------------------------------------------------------


def month_calendar(year, month, days):
    """Weeks (Monday first) of (day or None, URL of its first readable page or None)."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(day, days.get(day)) if day.month == month else (None, None) for day in week])
    return weeks


def edition_days(first, last):
    """{date: URL of its first readable page} for the editions between first and last."""
    rows = (
        PrintPage.objects.for_readers()
        .filter(edition_date__range=(first, last))
        .values("edition_date")
        .annotate(first=Min("number"))
        .order_by("edition_date")
    )
    return {row["edition_date"]: PrintPage(edition_date=row["edition_date"], number=row["first"]) for row in rows}


def epaper_index(request, year=None, month=None):
    """The latest edition's pages, and a month of editions as a calendar (the latest's month by default)."""
    latest_day = PrintPage.objects.for_readers().order_by("-edition_date").values("edition_date")[:1]
    latest = list(readable_pages().filter(edition_date=Subquery(latest_day)))
    if not latest:
        if year is not None:
            raise Http404("这个月没有数字报。")
        return render(request, "epaper/epaper_index.html", {"latest": []})
    if year is None:
        year, month = latest[0].edition_date.year, latest[0].edition_date.month
    if not 1 <= month <= 12 or year < 1900:
        raise Http404("没有这个月份。")
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    days = {day: page.get_absolute_url() for day, page in edition_days(first, last).items()}
    if not days:
        raise Http404("这个月没有数字报。")
    editions = PrintPage.objects.for_readers().values_list("edition_date", flat=True)
    before = editions.filter(edition_date__lt=first).order_by("-edition_date").first()
    after = editions.filter(edition_date__gt=last).order_by("edition_date").first()
    is_latest_month = (year, month) == (latest[0].edition_date.year, latest[0].edition_date.month)
    # A past month's page shows its calendar alone: the latest edition's sheets and PDF
    # (whose size is a request to object storage) only on the latest month's.
    edition_pdf, edition_size = edition_download(latest[0]) if is_latest_month else (None, None)
    sheets = [(page, sheet_of(page)) for page in latest] if is_latest_month else []
    return render(
        request,
        "epaper/epaper_index.html",
        {
            "latest": latest,
            "sheets": sheets,
            # Pages made from print text alone have no image: without any, no empty frames either.
            "has_sheets": any(sheet for _, sheet in sheets),
            "latest_date": latest[0].edition_date,
            "edition_pdf": edition_pdf,
            "edition_size": edition_size,
            "month": first,
            "is_latest_month": is_latest_month,
            "weeks": month_calendar(year, month, days),
            "weekdays": WEEKDAYS,
            "before": before,
            "after": after,
        },
    )


def month_view(request, year, month):
    return epaper_index(request, int(year), int(month))


# --- /epaper/YYYY-MM-DD/N/ -----------------------------------------------------------------


def epaper_page(request, date, number):
    """One page: its image with story areas when it has a PageFile, its stories, the edition's pages."""
    edition = list(readable_pages().filter(edition_date=date))
    index = next((i for i, p in enumerate(edition) if p.number == number), None)
    if index is None:
        raise Http404("没有这个版面。")
    page = edition[index]
    if request.path != page.get_absolute_url():
        return redirect(page, permanent=True)  # /01/ for /1/: one address a page
    articles = (
        Article.objects.published().filter(placements__page=page).order_by("placements__pk").for_listing().for_print()
    )
    stories = [(article, article.print_run_on(page)) for article in articles]
    sheet = sheet_of(page)
    context = {
        "page": page,
        "edition": [(other, sheet_of(other)) for other in edition],
        "stories": stories,
        "sheet": sheet,
        "previous_page": edition[index - 1] if index else None,
        "next_page": edition[index + 1] if index + 1 < len(edition) else None,
    }
    if sheet is not None:
        edition_pdf, edition_size = edition_download(page)
        context.update(
            areas=linked_areas(page, sheet.file),
            page_size=file_size(sheet.file.pdf),
            edition_pdf=edition_pdf,
            edition_size=edition_size,
        )
    return render(request, "epaper/epaper_page.html", context)
