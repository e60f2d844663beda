"""Page PDFs into the e-paper: render, find the story areas, link or offer stories.

The one entry point for the admin upload and `manage.py import_epaper`.

import_pdf() reads and renders the PDF first (slow, outside any transaction), then in one
transaction: the print page (kept if it exists), its PageFile (images replaced on re-upload),
its StoryAreas (replaced; the stories they linked stay linked), a Placement for each story
found that has none on this page, new drafts for the stories the CMS does not have (through
the print-page text import, articles.editorial.printpage.importer, so they get the same
clean-up and checks), and the whole edition's PDF made again. Files written are deleted
if anything fails; the files a re-upload replaces are deleted once it has committed.
"""

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import strip_tags

from articles import workflow
from articles.editorial.models import PrintImport
from articles.editorial.printpage import importer as text_import
from articles.epaper import layout, pdf
from articles.epaper.errors import EpaperError, PageExists
from articles.epaper.models import EditionFile, PageFile, StoryArea
from articles.models import Article, Placement, PrintPage
from unionnews import media
from unionnews.accounts import audit

__all__ = ["AreaResult", "EditionResult", "EpaperError", "PageExists", "PageResult", "import_pdf", "page_label"]


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
    # Added by the engine (not in the JSON): what an editor should know, in Chinese, and
    # the print-text import's own result for the stories it handled (created or not overwritten).
    has_text: bool = True
    notes: list = field(default_factory=list)
    not_overwritten: list = field(default_factory=list)  # Article ids whose new print text was not applied
    replaced: bool = False


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


# The admin branch adds 上传版面PDF (EPAPER_UPLOAD) to the audit log's actions; until then, 导入版面.
UPLOAD_ACTION = getattr(audit.Action, "EPAPER_UPLOAD", audit.Action.IMPORT)

CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(text):
    """十二 → 12, 二十 → 20, 八 → 8 (the page numbers a paper has)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(ones, 0)
    return CHINESE_DIGITS.get(text)


def page_label(filename):
    """(number or None, name) from a page file's name: 02.pdf, A02-要闻.pdf, 第2版.pdf, 第二版 要闻.pdf."""
    stem = unicodedata.normalize("NFKC", os.path.splitext(os.path.basename(filename or ""))[0])
    number = None
    digits = re.search(r"\d+", stem)
    if digits:
        number = int(digits.group())
    else:
        chinese = re.search(r"第([一二三四五六七八九十]+)版", stem)
        if chinese:
            number = _chinese_number(chinese.group(1))
    words = re.sub(r"第\s*[\d一二三四五六七八九十]+\s*版", " ", stem)
    name = "".join(re.findall(r"[\u4e00-\u9fff]+", words))
    return number, name.removesuffix("版")[:30]


def _filename(source):
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", "") or ""


def import_pdf(
    source, *, date, number=None, name="", user=None, replace=False, progress=None, request=None, edition=True
):
    """Import one page PDF for the edition of `date`; returns an EditionResult with one PageResult.

    source: a path or an uploaded file; its name gives the page number (the first number in it:
    02.pdf, A02-要闻.pdf, 第2版.pdf) and name (要闻) unless number/name are given. Raises
    EpaperError with a message for the editor (no text layer is not an error: the page is kept,
    without areas), PageExists when the page has a PDF and replace is False. Nothing half-made
    stays behind on error. progress(step: str) is called as the work goes on.
    request (optional): the admin's request, for the audit record's address. edition=False leaves
    the whole-edition PDF to a later call (remake_edition), for a batch of pages.
    """

    say = progress or (lambda step: None)
    found_number, found_name = page_label(_filename(source))
    number = number or found_number
    name = (name or found_name or "").strip()
    if not number or number < 1:
        raise EpaperError(
            f"从文件名“{os.path.basename(_filename(source)) or '（无名）'}”看不出是第几版。"
            "请填写版次，或把文件命名为 02.pdf、A02-要闻.pdf、第2版.pdf 这样的名字。"
        )
    if not replace and PageFile.objects.filter(page__edition_date=date, page__number=number).exists():
        raise PageExists(_exists_message(date, number))
    say(f"第{number}版：检查文件")
    data = pdf.read_bytes(source)
    say(f"第{number}版：生成版面图片、读取文字")
    page_data = pdf.read_page(data)
    stories = []
    if page_data.has_text:
        say(f"第{number}版：划分稿件区域")
        stories = layout.find_stories(page_data.lines, page_data.images, page_data.width, page_data.height)
    replaced_files = []
    try:
        with media.removing_files_on_error(), transaction.atomic():
            result = _store(data, page_data, stories, date, number, name, user, replace, say, replaced_files, request)
            if edition:
                say("重新生成整期PDF")
                remake_edition(date, replaced_files)
            transaction.on_commit(lambda: _delete(replaced_files))
    except IntegrityError as error:
        # Two uploads of the same page at once: the second finds the first's rows at commit.
        raise EpaperError(f"第{number}版正由另一位编辑同时上传。请稍等片刻，刷新后再看是否需要替换。") from error
    say(f"第{number}版：完成")
    return EditionResult(date, [result])


def _exists_message(date, number):
    return f"{date:%Y-%m-%d} 第{number}版已经上传过PDF。替换会换掉版面图片和稿件区域，已链接的稿件保留。确定要替换吗？"


def _delete(files):
    for storage, name in files:
        if name:
            storage.delete(name)


def _store(data, page_data, stories, date, number, name, user, replace, say, replaced_files, request):

    page = PrintPage.objects.select_for_update().filter(edition_date=date, number=number).first()
    if page is None:
        page = PrintPage.objects.create(edition_date=date, number=number, name=name)
    elif name and page.name != name and not page.name:
        page.name = name
        page.save(update_fields=["name"])
    existing = PageFile.objects.select_for_update().filter(page=page).first()
    if existing is not None and not replace:
        raise PageExists(_exists_message(date, number))
    result = PageResult(
        page=number,
        name=page.name,
        width=page_data.width,
        height=page_data.height,
        has_text=page_data.has_text,
        replaced=existing is not None,
    )
    say(f"第{number}版：保存PDF和图片")
    page_file = existing or PageFile(page=page)
    if existing is not None:
        replaced_files += [
            (field.storage, field.name) for field in (existing.pdf, existing.thumb, existing.screen, existing.zoom)
        ]
    digest = hashlib.sha256(data).hexdigest()[:12]
    stem = f"{number:02d}.{digest}"
    page_file.pdf.save(f"{stem}.pdf", ContentFile(data), save=False)
    for kind in ("thumb", "screen", "zoom"):
        getattr(page_file, kind).save(f"{stem}.{kind}.jpg", ContentFile(page_data.renders[kind]), save=False)
    page_file.width, page_file.height = page_data.width, page_data.height
    page_file.has_text = page_data.has_text
    page_file.uploaded_by = user if user is not None and user.is_authenticated else None
    page_file.save()

    old_areas = list(StoryArea.objects.filter(page=page).exclude(article=None))
    kept = StoryArea.objects.filter(page=page).count() if not stories else 0
    if stories:
        StoryArea.objects.filter(page=page).delete()
    if not page_data.has_text:
        result.notes.append("这一版是扫描图片，没有文字层，找不出稿件区域：请在后台的版面上手工标出各篇稿件。")
    elif not stories:
        result.notes.append("这一版没有找到稿件标题（比正文大的字），没有划出稿件区域：请在后台手工标出。")
    if kept:
        # Areas an editor drew on a page with nothing to find them from again are not thrown away.
        result.notes.append(f"原有的{kept}个稿件区域保留未动，请对照新的版面图检查位置。")
    if stories and not layout.readable(page_data.lines):
        result.notes.append(
            "这一版的文字层无法识别（字体没有文字编码），已划出稿件区域，但没有链接稿件、没有新建草稿："
            "请在后台为各区域选择稿件。"
        )
        for story in stories:
            story.headline = ""
        links = [None] * len(stories)
    elif stories:
        say(f"第{number}版：匹配稿件（{len(stories)}篇）")
        links = _link(stories, page, date, number, old_areas, user, result, say)
    if stories:
        for order, (story, article_id) in enumerate(zip(stories, links, strict=True)):
            StoryArea.objects.create(
                page=page, article_id=article_id, headline=story.headline[:200], boxes=story.boxes, order=order
            )
            result.areas.append(AreaResult(article_id, story.headline, story.boxes))
            if article_id is not None:
                _place(article_id, page)
    audit.record(
        user,
        UPLOAD_ACTION,
        page,
        request=request,
        username="" if user is not None and user.is_authenticated else "（命令行）",
        kind="epaper",
        replaced=result.replaced,
        has_text=result.has_text,
        areas=len(result.areas),
        linked=[area.story_id for area in result.areas if area.story_id],
        created=result.new_drafts,
        not_overwritten=result.not_overwritten,
    )
    return result


def candidates(date, page):
    """The stories a story on this page may be: placed in this edition, imported from its
    text, or written in the CMS for it (published the day before or that day, or a draft
    or story in review from the last days)."""

    ids = set(Placement.objects.filter(page__edition_date=date).values_list("article_id", flat=True))
    ids |= set(PrintImport.objects.filter(page__edition_date=date).values_list("article_id", flat=True))
    recent = Article.objects.exclude(status=Article.Status.DELETED)
    # Ranges of datetimes, not __date, so the indexes on the columns serve at 100,000 stories.
    ids |= set(
        recent.filter(
            published_at__gte=_midnight(date - timedelta(days=1)), published_at__lt=_midnight(date + timedelta(days=1))
        ).values_list("pk", flat=True)[:500]
    )
    ids |= set(
        recent.filter(
            status__in=[
                Article.Status.DRAFT,
                Article.Status.FIRST_REVIEW,
                Article.Status.SECOND_REVIEW,
                Article.Status.FINAL_REVIEW,
            ],
            created_at__gte=_midnight(date - timedelta(days=3)),
            created_at__lt=_midnight(date + timedelta(days=2)),
        ).values_list("pk", flat=True)[:500]
    )
    rows = (
        Article.objects.filter(pk__in=ids)
        .exclude(status=Article.Status.DELETED)
        .values_list("pk", "kicker", "headline", "subheadline", "body")
    )
    return [
        layout.Candidate(
            id=pk,
            kicker=kicker,
            headline=headline,
            subheadline=sub,
            opening=strip_tags(body)[:300],
            body=strip_tags(body),
        )
        for pk, kicker, headline, sub, body in rows
    ]


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _link(stories, page, date, number, old_areas, user, result, say):
    """The article id (or None) for each story found; makes drafts of the ones the CMS lacks."""

    found = layout.match(stories, candidates(date, page))
    links = [found.get(index) for index in range(len(stories))]
    # An editor's link on the page before (a corrected area) wins; an unmatched story keeps its old link.
    for index, story in enumerate(stories):
        for old in old_areas:
            if layout.similarity(old.headline, story.headline) >= 0.85 and (old.corrected or links[index] is None):
                links[index] = old.article_id
    printed = {
        article_id: set(pages)
        for article_id, pages in _imported_pages(PrintImport, date, [link for link in links if link]).items()
    }
    # Stories made from print text get this page's part too (a jump's other half); new ones become drafts.
    wanted = [
        index for index, link in enumerate(links) if link is None or (link in printed and number not in printed[link])
    ]
    if not wanted:
        return links
    if user is not None:
        workflow.check_import(user)  # as the text import: drafts of every union's stories
    say(f"第{number}版：{len(wanted)}篇稿件从PDF文字导入（与文本导入相同的清理和检查）")
    text = "\n\n".join(stories[index].text() for index in wanted)
    imported = text_import.import_page(text, date=date, number=number, name=page.name, user=user)
    for story in imported.stories:
        index = _which(stories, wanted, story["headline"])
        if story["id"] is None:
            continue
        if story["outcome"] == "created":
            result.new_drafts.append(story["id"])
        if index is None:
            # The text import read two stories where the page's type showed one (a headline set in body type).
            result.notes.append(
                f"《{story['headline']}》在版面上没有单独的区域（标题可能与正文同样大小），"
                "已按文字导入：请在后台为它划出区域。"
            )
            continue
        links[index] = story["id"]
        if story["outcome"] in text_import.NOT_OVERWRITTEN:
            result.not_overwritten.append(story["id"])
            result.notes.append(
                f"《{story['headline']}》{text_import.OUTCOMES[story['outcome']]}：区域已链接，版面文字请编辑核对。"
            )
    return links


def _imported_pages(model, date, article_ids):
    pages = {}
    for article_id, page_number in model.objects.filter(
        article_id__in=article_ids, page__edition_date=date
    ).values_list("article_id", "page__number"):
        pages.setdefault(article_id, []).append(page_number)
    return pages


def _which(stories, wanted, headline):
    best, best_score = None, 0.6
    for index in wanted:
        value = layout.similarity(stories[index].headline, headline)
        if value > best_score:
            best, best_score = index, value
    return best


def _place(article_id, page):
    """A Placement on this page for a story found on it, if it has none (a jump's part follows the first)."""

    if Placement.objects.filter(article_id=article_id, page=page).exists():
        return
    last = Placement.objects.filter(article_id=article_id).aggregate(part=Max("part"))["part"] or 0
    Placement.objects.create(article_id=article_id, page=page, part=last + 1)


def remake_edition(date, replaced_files=None):
    """The whole edition as one PDF, its pages in order (call inside a transaction); the
    replaced file is added to replaced_files to delete after commit, or deleted on commit."""
    own = replaced_files is None
    replaced_files = [] if own else replaced_files
    files = list(PageFile.objects.filter(page__edition_date=date).order_by("page__number"))
    datas = []
    for page_file in files:
        with page_file.pdf.open("rb") as handle:
            datas.append(handle.read())
    edition = EditionFile.objects.select_for_update().filter(edition_date=date).first() or EditionFile(
        edition_date=date
    )
    if edition.pk and edition.pdf:
        replaced_files.append((edition.pdf.storage, edition.pdf.name))
    merged = pdf.merge(datas)
    digest = hashlib.sha256(merged).hexdigest()[:12]
    edition.pdf.save(f"{date:%Y-%m-%d}.{digest}.pdf", ContentFile(merged), save=False)
    edition.page_count = len(files)
    edition.save()
    if own:
        transaction.on_commit(lambda: _delete(replaced_files))
