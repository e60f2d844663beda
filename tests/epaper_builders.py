"""Builders for the 数字报's files: a page's PageFile with small images, its story areas, the edition's PDF.

No real PDF is needed to read pages: the pdf fields hold a few bytes, the images are made
with Pillow at the rendered widths' aspect (a narrow stand-in keeps tests quick).
"""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.epaper.models import EditionFile, PageFile, StoryArea

# A broadsheet page in PDF points (A3 portrait).
PAGE_WIDTH, PAGE_HEIGHT = 842.0, 1191.0
FAKE_PDF = b"%PDF-1.4\n% stand-in for a page made by the layout system\n%%EOF\n"


def page_png(name, width, height=None, color=(240, 236, 228)):
    height = height or round(width * PAGE_HEIGHT / PAGE_WIDTH)
    buffer = BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_page_file(page, pdf=FAKE_PDF, width=PAGE_WIDTH, height=PAGE_HEIGHT, pixels=(24, 40, 80)):
    """The page's PDF and its three images (tiny unless `pixels` says otherwise, of the page's aspect)."""
    return PageFile.objects.create(
        page=page,
        pdf=SimpleUploadedFile(f"{page.number:02d}.pdf", pdf, content_type="application/pdf"),
        width=width,
        height=height,
        thumb=page_png(f"{page.number:02d}-thumb.png", pixels[0]),
        screen=page_png(f"{page.number:02d}-screen.png", pixels[1]),
        zoom=page_png(f"{page.number:02d}-zoom.png", pixels[2]),
    )


def make_area(page, article, *boxes, order=0, headline=""):
    """A story area on `page` linked to `article`, with boxes [x0, y0, x1, y1] in points."""
    return StoryArea.objects.create(
        page=page,
        article=article,
        headline=headline or (article.headline if article else ""),
        boxes=[list(box) for box in boxes],
        order=order,
    )


def make_edition_file(edition_date, pdf=FAKE_PDF * 3, page_count=2):
    return EditionFile.objects.create(
        edition_date=edition_date,
        pdf=SimpleUploadedFile(f"{edition_date:%Y%m%d}.pdf", pdf, content_type="application/pdf"),
        page_count=page_count,
    )


def lay_out_page(page):
    """Give a print page an image at the real widths and an area for each of its stories, in
    two columns down the page: the outside checkers' demo page of 数字报 (no PDF needed)."""
    from articles.epaper.models import SCREEN_WIDTH, THUMB_WIDTH, ZOOM_WIDTH

    make_page_file(page, pixels=(THUMB_WIDTH, SCREEN_WIDTH, ZOOM_WIDTH))
    stories = [placement.article for placement in page.placements.select_related("article")]
    rows = max(1, (len(stories) + 1) // 2)
    row_height = (PAGE_HEIGHT - 120) / rows
    for index, story in enumerate(stories):
        column, row = index % 2, index // 2
        x0, y0 = 40 + column * 391, 80 + row * row_height
        make_area(page, story, [x0, y0, x0 + 371, y0 + row_height - 20], order=index)
    return page
