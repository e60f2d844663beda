"""One page PDF: opened safely, rendered once into the e-paper's image sizes, its text read with positions.

Positions are in PDF points from the page's top-left corner ([x0, y0, x1, y1]), as
models.py keeps them. PDFium (pypdfium2) is not thread-safe: every call into it holds LOCK.
"""

import io
import os
import threading
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.conf import settings
from PIL import Image

from articles.epaper.errors import EpaperError
from articles.epaper.models import SCREEN_WIDTH, THUMB_WIDTH, ZOOM_WIDTH

LOCK = threading.RLock()
DEFAULT_MAX_BYTES = 60 * 1024 * 1024
JPEG_QUALITY = {"thumb": 80, "screen": 82, "zoom": 85}
WIDTHS = {"thumb": THUMB_WIDTH, "screen": SCREEN_WIDTH, "zoom": ZOOM_WIDTH}


def max_bytes():
    return getattr(settings, "EPAPER_MAX_BYTES", DEFAULT_MAX_BYTES)


@dataclass
class Line:
    text: str
    size: float  # font size in points
    box: list  # [x0, y0, x1, y1] in points from the top-left corner


@dataclass
class Page:
    width: float
    height: float
    lines: list = field(default_factory=list)  # of Line, in the order the PDF draws them
    images: list = field(default_factory=list)  # boxes of the photos and graphics on the page
    renders: dict = field(default_factory=dict)  # "thumb"/"screen"/"zoom" -> JPEG bytes

    @property
    def has_text(self):
        return any(line.text.strip() for line in self.lines)


def read_bytes(source):
    """The bytes of a path or an uploaded file, refusing anything over EPAPER_MAX_BYTES before reading it."""
    limit = max_bytes()
    if isinstance(source, (str, os.PathLike)):
        size = os.path.getsize(source)
        _check_size(size, limit)
        with open(source, "rb") as handle:
            return handle.read()
    size = getattr(source, "size", None)
    if size is not None:
        _check_size(size, limit)
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read(limit + 1)
    _check_size(len(data), limit)
    return data


def _check_size(size, limit):
    if size > limit:
        raise EpaperError(
            f"文件有 {size / 1024 / 1024:.1f} MB，超过了 {limit / 1024 / 1024:.0f} MB 的上限。"
            "请从排版系统重新导出这一版（降低图片分辨率，或只导出这一版）后再上传。"
        )
    if size == 0:
        raise EpaperError("文件是空的。请从排版系统重新导出这一版的PDF后再上传。")


def open_document(data):
    """A PdfDocument of exactly one page, or EpaperError saying what is wrong with the file."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise EpaperError("这不是PDF文件（也可能已经损坏）。请上传排版系统导出的这一版的PDF文件。")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EpaperError(
                "PDF文件设了密码（已加密），无法读取。请在排版系统导出时不设密码和权限限制，再上传。"
            ) from None
        raise EpaperError("PDF文件已损坏，无法打开。请从排版系统重新导出这一版后再上传。") from error
    pages = len(document)
    if pages != 1:
        document.close()
        if pages == 0:
            raise EpaperError("PDF文件里没有页面。请从排版系统重新导出这一版后再上传。")
        raise EpaperError(
            f"这个PDF文件有 {pages} 页，而数字报每一版要单独一个文件（一版一页）。"
            "请把各版分别导出为PDF（如 01.pdf、02.pdf）后再上传。"
        )
    return document


def read_page(data, render=True):
    """Page with its lines, photo boxes and (with render) JPEG images at the three widths."""
    with LOCK:
        document = open_document(data)
        try:
            page = document[0]
            width, height = page.get_size()
            result = Page(width=round(width, 2), height=round(height, 2))
            # Positions in the PDF are from the MediaBox's origin; the page shown is the CropBox.
            left, _, _, top = page.get_cropbox()
            try:
                result.lines = _lines(page, left, top)
                result.images = _images(page, left, top)
                if render:
                    result.renders = _render(page, width)
            except pdfium.PdfiumError as error:
                raise EpaperError("PDF文件的内容有错误，无法读出这一版。请从排版系统重新导出后再上传。") from error
            page.close()
            return result
        finally:
            document.close()


def _render(page, width):
    """Rendered once at the zoom width; the smaller images are scaled down from it."""
    bitmap = page.render(scale=ZOOM_WIDTH / width, may_draw_forms=False)
    image = bitmap.to_pil().convert("RGB")
    bitmap.close()
    renders = {}
    for name, pixels in sorted(WIDTHS.items(), key=lambda item: -item[1]):
        if image.width != pixels:
            image = image.resize((pixels, max(1, round(image.height * pixels / image.width))), Image.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=JPEG_QUALITY[name], optimize=True, progressive=name != "thumb")
        renders[name] = buffer.getvalue()
    return renders


def _images(page, left0, top0):
    boxes = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if right - left > 20 and top - bottom > 20:
            boxes.append(
                [round(left - left0, 1), round(top0 - top, 1), round(right - left0, 1), round(top0 - bottom, 1)]
            )
    return boxes


def _lines(page, left0, top0):
    """The page's characters joined into lines: a new line where the baseline moves, the type size
    changes, or the next character is far to the right (another column) or back to the left."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        lines, current = [], None
        for index in range(count):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
            char = chr(code) if code else ""
            if not char or char in "\r\n\ufffe\x02":
                continue
            if char.isspace():
                if current is not None and not current["text"].endswith(" "):
                    current["text"] += " "
                continue
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) or (top - bottom)
            box = [left - left0, top0 - top, right - left0, top0 - bottom]
            if current is None or not _same_line(current, box, size):
                current = {"text": "", "size": size, "box": list(box), "sizes": []}
                lines.append(current)
            current["text"] += char
            current["sizes"].append(size)
            current["box"] = [
                min(current["box"][0], box[0]),
                min(current["box"][1], box[1]),
                max(current["box"][2], box[2]),
                max(current["box"][3], box[3]),
            ]
            current["last"] = box
        return [
            Line(
                text=line["text"].strip(),
                size=round(max(set(line["sizes"]), key=line["sizes"].count), 2),
                box=[round(value, 2) for value in line["box"]],
            )
            for line in lines
            if line["text"].strip()
        ]
    finally:
        textpage.close()


def _same_line(line, box, size):
    last = line.get("last")
    if last is None:
        return True
    if abs(size - line["size"]) > 0.15 * max(size, line["size"]):
        return False
    middle, last_middle = (box[1] + box[3]) / 2, (last[1] + last[3]) / 2
    if abs(middle - last_middle) > 0.5 * size:
        return False
    # Body type has no gap between characters (Latin words get a space character): a gap of a
    # character's width is the gutter to the next column. Headline type is often spaced out.
    gap = box[0] - last[2]
    return -0.5 * size <= gap <= (2.0 if size >= 14 else 1.0) * size


def merge(datas):
    """One PDF (bytes) of the given one-page PDFs (bytes), in the given order."""
    with LOCK:
        merged = pdfium.PdfDocument.new()
        try:
            for data in datas:
                document = pdfium.PdfDocument(data)
                merged.import_pages(document)
                document.close()
            buffer = io.BytesIO()
            merged.save(buffer)
            return buffer.getvalue()
        finally:
            merged.close()
