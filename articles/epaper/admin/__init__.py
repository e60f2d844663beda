"""数字报 in the admin: 上传版面PDF, thumbnails in the page list, and the area editor.

Added to the print-page admin of articles.editorial by registering it again with
EpaperPageAdmin in front (as extend_story_admin does for the story admin), so the
page list stays one list. Admin autodiscovery imports this after articles.editorial
(INSTALLED_APPS order).
"""

import json

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.epaper.admin import areas, upload
from articles.epaper.models import PageFile, StoryArea
from articles.models import Article, Placement, PrintPage


class EpaperPageAdmin:
    change_list_template = "admin/epaper/printpage_change_list.html"

    def get_list_display(self, request):
        return ["page_thumb", *super().get_list_display(request), "area_count", "areas_link"]

    def get_queryset(self, request):
        area_count = (
            StoryArea.objects.filter(page=OuterRef("pk")).order_by().values("page").annotate(n=Count("pk")).values("n")
        )
        return super().get_queryset(request).select_related("file").annotate(area_count=Subquery(area_count))

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "page_image"]

    @admin.display(description="版面图")
    def page_thumb(self, page):
        page_file = _file_of(page)
        if page_file is None or not page_file.thumb:
            return "—"
        return format_html(
            '<img class="epaper-thumb" src="{}" alt="{} 缩略图" width="60" loading="lazy">', page_file.thumb.url, page
        )

    @admin.display(description="版面图")
    def page_image(self, page):
        page_file = _file_of(page)
        if page_file is None:
            return format_html('还没有上传PDF。<a href="{}">上传版面PDF</a>', reverse("admin:epaper_upload"))
        return format_html(
            '<a href="{}"><img class="epaper-thumb" src="{}" alt="{} 缩略图" width="120"></a> '
            '<a href="{}">校正稿件区域</a> · <a href="{}">版面PDF</a>',
            reverse("admin:epaper_page_areas", args=[page.pk]),
            page_file.thumb.url,
            page,
            reverse("admin:epaper_page_areas", args=[page.pk]),
            page_file.pdf.url,
        )

    @admin.display(description="稿件区域", ordering="area_count")
    def area_count(self, page):
        return page.area_count or 0

    @admin.display(description="校正")
    def areas_link(self, page):
        if _file_of(page) is None:
            return "—"
        return format_html('<a href="{}">校正区域</a>', reverse("admin:epaper_page_areas", args=[page.pk]))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("epaper/upload/", view(self.upload_view), name="epaper_upload"),
            path("<int:pk>/areas/", view(self.areas_view), name="epaper_page_areas"),
            path("<int:pk>/areas/stories/", view(self.stories_view), name="epaper_page_stories"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        may_upload = _allowed(upload.check_upload, request.user)
        return super().changelist_view(request, {**(extra_context or {}), "may_upload_pdf": may_upload})

    # 上传版面PDF

    def upload_view(self, request):
        upload.check_upload(request.user)
        scripted = request.headers.get("X-Epaper-Upload") == "1"
        form = upload.UploadForm(request.POST or None, request.FILES or None)
        outcomes, kept = [], []
        if request.method == "POST":
            if form.is_valid():
                outcomes = upload.handle(request, form)
                if not outcomes:
                    form.add_error("files", "请选择要上传的版面PDF。")
            elif not scripted:
                kept = upload.keep_files(request, form)
            if scripted:
                return self.upload_json(request, form, outcomes)
            if form.is_valid():
                form = upload.UploadForm(initial={"date": form.cleaned_data["date"]})
        context = {
            **self.admin_site.each_context(request),
            "opts": PrintPage._meta,
            "title": "上传版面PDF",
            "form": form,
            "outcomes": outcomes,
            "waiting": [o for o in outcomes if o.state == "waiting"] + kept,
            "max_bytes": settings.MAX_REQUEST_BYTES,
            "max_size": filesizeformat(settings.MAX_REQUEST_BYTES),
        }
        return TemplateResponse(request, "admin/epaper/upload.html", context)

    def upload_json(self, request, form, outcomes):
        if not form.is_valid():
            errors = [str(error) for errors in form.errors.values() for error in errors]
            return JsonResponse({"outcomes": [{"state": "error", "message": "；".join(errors)}]})
        rendered = []
        for outcome in outcomes:
            html = ""
            if outcome.state == "done":
                html = render_to_string("admin/epaper/_page_result.html", {"outcome": outcome}, request)
            rendered.append(outcome.as_json(html))
        return JsonResponse({"outcomes": rendered})

    # 校正稿件区域

    def areas_view(self, request, pk):
        areas.check_correct(request.user)
        page = get_object_or_404(PrintPage, pk=pk)
        page_file = PageFile.objects.filter(page=page).first()
        if page_file is None:
            messages.warning(request, f"{page}还没有上传PDF，无法标出稿件区域。")
            return redirect("admin:epaper_upload")
        form = areas.AreasForm(request.POST or None, page_file=page_file)
        drawn = areas.as_json(page)
        stale = ""
        if request.method == "POST":
            if form.is_valid():
                try:
                    changed, added, deleted = areas.save(
                        page, form.cleaned_data["areas"], request.user, form.cleaned_data["version"]
                    )
                except areas.Stale as error:
                    stale = error.who
                else:
                    messages.success(
                        request, f"已保存{page}的稿件区域：修改{changed}个，新增{added}个，删除{deleted}个。"
                    )
                    return redirect("admin:epaper_page_areas", pk=page.pk)
            drawn = _submitted(request.POST.get("areas"), drawn)
        opened = areas.version(page)
        # An invalid form comes back as bound: the editor's boxes with the version they opened.
        if stale or not form.is_bound:
            form = areas.AreasForm(
                initial={"version": opened, "areas": json.dumps(drawn, ensure_ascii=False)}, page_file=page_file
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": PrintPage._meta,
            "title": f"校正稿件区域：{page}",
            "page": page,
            "page_file": page_file,
            "form": form,
            "stale": stale,
            "editor_data": {
                "width": page_file.width,
                "height": page_file.height,
                "areas": drawn,
                "stories": _stories_for(page, drawn),
                "search_url": reverse("admin:epaper_page_stories", args=[page.pk]),
            },
            "article_opts": Article._meta,
        }
        return TemplateResponse(request, "admin/epaper/areas.html", context)

    def stories_view(self, request, pk):
        """Stories to link an area to, found by headline (the story list's search) or by number."""
        areas.check_correct(request.user)
        get_object_or_404(PrintPage, pk=pk)
        term = request.GET.get("q", "").strip()[:100]
        if not term:
            return JsonResponse({"results": []})
        story_admin = self.admin_site.get_model_admin(Article)
        queryset = story_admin.get_queryset(request)
        if term.isdigit():
            found = list(queryset.filter(pk=int(term)).values_list("pk", "headline"))
        else:
            matches, _ = story_admin.get_search_results(request, queryset, term)
            found = list(matches.order_by("-pk").values_list("pk", "headline")[:20])
        return JsonResponse({"results": [{"id": pk, "text": f"{headline}（{pk}）"} for pk, headline in found]})


def _file_of(page):
    try:
        return page.file
    except PageFile.DoesNotExist:
        return None


def _allowed(check, user):
    try:
        check(user)
    except PermissionDenied:
        return False
    return True


def _submitted(raw, fallback):
    """What the editor drew, to show again after a refused save; the stored areas if unreadable."""
    try:
        items = json.loads(raw or "")
    except ValueError:
        return fallback
    if not isinstance(items, list):
        return fallback
    return [item for item in items if isinstance(item, dict)]


def _stories_for(page, drawn):
    """The stories placed on the page, then those the areas link to: the editor's first choices."""
    placed = list(
        Placement.objects.filter(page=page).order_by("part", "pk").values_list("article_id", "article__headline")
    )
    ids = {pk for pk, _ in placed}
    linked = [item.get("story") for item in drawn if isinstance(item.get("story"), int) and item["story"] not in ids]
    others = list(Article.objects.filter(pk__in=linked).values_list("pk", "headline"))
    return [{"id": pk, "text": f"{headline}（{pk}）"} for pk, headline in placed + others]


def _register():
    current = type(admin.site.get_model_admin(PrintPage))
    admin.site.unregister(PrintPage)
    admin.site.register(PrintPage, type(current.__name__, (EpaperPageAdmin, current), {"__module__": __name__}))


_register()
