"""上传版面PDF: page PDFs for an edition, each through importer.import_pdf.

A file that cannot be imported yet (no page number in its name, a page that already
has a PDF, a form without its date) is not lost: it waits in the staging folder of
articles.admin.staging under a signed token (a "pending" row), and the editor only
types what is missing, or confirms the replacement. A confirmation names the PDF it
replaces: if someone else uploaded that page since, the editor is asked again.
"""

from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.admin import staging
from articles.epaper import importer
from articles.epaper.models import PageFile
from articles.models import Article, PrintPage
from articles.models.contributor import display_name

SALT = "articles.epaper.admin.upload"
PDF_MAGIC = b"%PDF-"


def check_upload(user):
    """Uploading pages is the print-page import's right (编辑, 副总编, 总编), with the e-paper's files."""
    workflow.check_import(user)
    if not user.has_perms(["epaper.add_pagefile", "epaper.change_pagefile", "epaper.add_storyarea"]):
        raise PermissionDenied("只有编辑、副总编和总编可以上传版面PDF。")


def is_pdf(upload):
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    return PDF_MAGIC in head


def file_version(page_file):
    """What a confirmation to replace a page's PDF names: that very upload."""
    return f"{page_file.pk}:{page_file.uploaded_at.isoformat()}" if page_file else ""


def current_file(date, number):
    return (
        PageFile.objects.select_related("uploaded_by__contributor")
        .filter(page__edition_date=date, page__number=number)
        .first()
    )


def uploaded_label(page_file):
    when = timezone.localtime(page_file.uploaded_at).strftime("%Y-%m-%d %H:%M")
    who = display_name(page_file.uploaded_by) if page_file.uploaded_by else "（命令行）"
    return f"{who}于{when}上传"


@dataclass
class Outcome:
    """What became of one file: done, waiting (for a page number or a confirmation) or an error."""

    filename: str
    state: str  # "done", "waiting" or "error"
    message: str = ""
    number: int | None = None
    name: str = ""
    token: str = ""  # a waiting file's pending token
    replace: bool = False  # waiting for a confirmation to replace the page's PDF
    report: dict = field(default_factory=dict)  # a done page: what the result page lists

    def as_json(self, html=""):
        return {
            "file": self.filename,
            "state": self.state,
            "message": self.message,
            "number": self.number,
            "name": self.name,
            "token": self.token,
            "replace": self.replace,
            "html": html,
        }


def pending_token(staged_token, filename, replaces=""):
    return signing.dumps({"staged": staged_token, "file": filename, "replaces": replaces}, salt=SALT)


def read_pending(token):
    """(upload, filename, replaces) for a pending token, or None when forged, too old or gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PHOTO_STAGING_HOURS * 3600)
        upload = staging.staged(data["staged"])
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if upload is None:
        return None
    upload.name = data["file"]
    return upload, data["file"], data.get("replaces", "")


def wait(upload, outcome, replaces=""):
    """Keep the file for the next step and say so in the outcome."""
    outcome.state = "waiting"
    outcome.token = pending_token(staging.stage(upload), outcome.filename, replaces)
    outcome.replace = bool(replaces)
    return outcome


def discard(upload):
    if isinstance(upload, staging.StagedUpload):
        staging.discard_after_commit([upload])


def import_one(upload, *, date, user, number=None, name="", replace=False, replaces=""):
    """Import one page PDF; `replaces` is the file_version() the editor agreed to replace."""
    filename = PurePosixPath(PureWindowsPath(upload.name).name).name
    read_number, read_name = importer.page_label(filename)
    number = number or read_number
    name = name or read_name
    outcome = Outcome(filename, "error", number=number, name=name)
    if not is_pdf(upload):
        discard(upload)
        outcome.message = f"「{filename}」不是PDF文件，没有导入。请上传排版系统导出的版面PDF。"
        return outcome
    if number is None:
        outcome.message = f"无法从文件名「{filename}」读出版次，请填写版次后提交。"
        return wait(upload, outcome)
    if not 1 <= number <= 99:
        outcome.message = f"版次应在1到99之间（「{filename}」读出的是{number}），请改正后提交。"
        return wait(upload, outcome)
    if replace:
        current = current_file(date, number)
        if current is not None and file_version(current) != replaces:
            outcome.message = (
                f"在您确认之前，{date:%Y-%m-%d} 第{number}版的PDF已由{uploaded_label(current)}。"
                "本次没有替换：请查看后再次确认。"
            )
            return wait(upload, outcome, file_version(current))
    try:
        result = importer.import_pdf(upload, date=date, number=number, name=name, user=user, replace=replace)
    except importer.PageExists:
        current = current_file(date, number)
        outcome.message = (
            f"{date:%Y-%m-%d} 第{number}版已有版面PDF（{uploaded_label(current) if current else '已上传'}）。"
            "替换会换掉版面图和稿件区域，已链接的稿件保留。确认替换吗？"
        )
        return wait(upload, outcome, file_version(current) if current else "")
    except importer.EpaperError as error:
        discard(upload)
        outcome.message = f"「{filename}」没有导入：{error}"
        return outcome
    discard(upload)
    page = PrintPage.objects.get(edition_date=date, number=number)
    page_result = result.pages[0]
    outcome.state = "done"
    outcome.message = f"已导入{'（已替换原PDF）' if replace else ''}：找到{len(page_result.areas)}个稿件区域"
    if page_result.new_drafts:
        outcome.message += f"，新建草稿{len(page_result.new_drafts)}篇"
    outcome.report = report(page, page_result)
    return outcome


def report(page, page_result):
    """A done page as the result lists it: its areas with their stories, the new drafts, where to correct."""
    ids = {area.story_id for area in page_result.areas if area.story_id} | set(page_result.new_drafts)
    stories = {a.pk: a for a in Article.objects.filter(pk__in=ids).only("pk", "headline", "status")}

    def story(pk):
        article = stories.get(pk)
        if article is None:
            return None
        return {"id": pk, "headline": article.headline, "url": reverse("admin:articles_article_change", args=[pk])}

    return {
        "page": page,
        "width": page_result.width,
        "height": page_result.height,
        "areas": [
            {"headline": area.headline, "boxes": len(area.boxes), "story": story(area.story_id)}
            for area in page_result.areas
        ],
        "new_drafts": [s for s in (story(pk) for pk in page_result.new_drafts) if s],
        "areas_url": reverse("admin:epaper_page_areas", args=[page.pk]),
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    date = forms.DateField(
        label="出版日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写出版日期。", "invalid": "请按 2025-06-12 的格式填写出版日期。"},
    )
    files = MultipleFileField(
        label="版面PDF",
        required=False,
        help_text="可一次选择多个文件。版次和版名从文件名读出：02.pdf、A02-要闻.pdf、第2版.pdf。",
    )
    number = forms.IntegerField(
        label="版次", min_value=1, max_value=99, required=False, help_text="只上传一个文件、文件名里没有版次时填写。"
    )
    page_name = forms.CharField(label="版名", max_length=30, required=False, help_text="例如：要闻。")


def pending_rows(data):
    """The pending files a form sends back: (token, typed number, typed name, replace ticked)."""
    rows = []
    for index, token in enumerate(data.getlist("pending")):
        number = data.get(f"pending-{index}-number", "").strip()
        rows.append(
            (
                token,
                int(number) if number.isdigit() else None,
                data.get(f"pending-{index}-name", "").strip()[:30],
                data.get(f"pending-{index}-replace") == "on",
            )
        )
    return rows


def handle(request, form):
    """Every file of a valid form (new uploads, then the pending ones) → a list of Outcomes."""
    date = form.cleaned_data["date"]
    files = form.cleaned_data["files"]
    outcomes = []
    single = len(files) == 1
    for upload in files:
        outcomes.append(
            import_one(
                upload,
                date=date,
                user=request.user,
                number=form.cleaned_data["number"] if single else None,
                name=form.cleaned_data["page_name"] if single else "",
            )
        )
    for token, number, name, replace in pending_rows(request.POST):
        pending = read_pending(token)
        if pending is None:
            outcomes.append(Outcome("", "error", "等待处理的文件已过期或找不到了，请重新选择文件上传。"))
            continue
        upload, _, replaces = pending
        if replaces and not replace:
            # Not ticked: the page keeps its PDF; the file waits in case it was a slip.
            outcome = Outcome(upload.name, "waiting", "没有勾选“替换”，原PDF保留。", number=number)
            outcome.token, outcome.replace = token, True
            outcomes.append(outcome)
            continue
        outcomes.append(
            import_one(
                upload,
                date=date,
                user=request.user,
                number=number,
                name=name,
                replace=bool(replaces),
                replaces=replaces,
            )
        )
    return outcomes


def keep_files(request, form):
    """The form is invalid (no date): keep every PDF it brought, so only the date is asked for."""
    kept = []
    for upload in request.FILES.getlist("files"):
        if is_pdf(upload):
            number, name = importer.page_label(upload.name)
            kept.append(wait(upload, Outcome(upload.name, "waiting", "已收到，填好出版日期后提交。", number, name)))
    for token, number, name, _ in pending_rows(request.POST):
        pending = read_pending(token)
        if pending is not None:
            outcome = Outcome(pending[1], "waiting", "已收到，填好出版日期后提交。", number, name, token)
            outcome.replace = bool(pending[2])
            kept.append(outcome)
    return kept
