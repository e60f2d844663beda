"""Page PDFs into the e-paper: render, find the story areas, link or offer stories.

The one entry point for the admin upload and `manage.py import_epaper`.
(Contract fixed here; the implementation lands with the PDF reader.)
"""

from dataclasses import dataclass, field


class EpaperError(Exception):
    """A file the e-paper cannot take, with a message for the editor, in Chinese."""


class PageExists(EpaperError):
    """The page already has a PDF: replacing it needs replace=True (the admin asks first)."""


@dataclass
class AreaResult:
    story_id: int | None
    headline: str
    boxes: list  # [[x0, y0, x1, y1], …] in points from the page's top-left corner


@dataclass
class PageResult:
    page: int
    name: str
    width: float
    height: float
    areas: list = field(default_factory=list)  # of AreaResult
    new_drafts: list = field(default_factory=list)  # Article ids made from the PDF's text


@dataclass
class EditionResult:
    date: object
    pages: list = field(default_factory=list)  # of PageResult

    def as_json(self):
        return {
            "date": self.date.isoformat(),
            "pages": [
                {
                    "page": page.page,
                    "name": page.name,
                    "width": page.width,
                    "height": page.height,
                    "areas": [
                        {"story_id": area.story_id, "headline": area.headline, "boxes": area.boxes}
                        for area in page.areas
                    ],
                    "new_drafts": page.new_drafts,
                }
                for page in self.pages
            ],
        }


def import_pdf(source, *, date, number=None, name="", user=None, replace=False, progress=None):
    """Import one page PDF for the edition of `date`; returns an EditionResult with one PageResult.

    source: a path or an uploaded file; its name gives the page number (the first number in it:
    02.pdf, A02-要闻.pdf, 第2版.pdf) and name (要闻) unless number/name are given. Raises
    EpaperError with a message for the editor (no text layer is not an error: the page is kept,
    without areas), PageExists when the page has a PDF and replace is False. Nothing half-made
    stays behind on error. progress(step: str) is called as the work goes on.
    """
    raise NotImplementedError
