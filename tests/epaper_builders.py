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


def make_page_file(page, pdf=FAKE_PDF, width=PAGE_WIDTH, height=PAGE_HEIGHT):
    """The page's PDF and its three images (tiny, but of the page's aspect)."""
    return PageFile.objects.create(
        page=page,
        pdf=SimpleUploadedFile(f"{page.number:02d}.pdf", pdf, content_type="application/pdf"),
        width=width,
        height=height,
        thumb=page_png(f"{page.number:02d}-thumb.png", 24),
        screen=page_png(f"{page.number:02d}-screen.png", 40),
        zoom=page_png(f"{page.number:02d}-zoom.png", 80),
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
