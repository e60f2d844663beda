from django.contrib import admin
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles import workflow
from articles.editorial.admin.checks import PrintPageImportForm
from articles.editorial.models import code_name
from articles.editorial.printpage.importer import import_page
from articles.models import Article, Placement, PrintPage, Segment


class PlacedArticleInline(admin.TabularInline):
    """The stories on this page, in the order they were placed. Read-only: a
    placement is part of the story (its jump lines), so it is changed on the
    story's own form, where it is checked, merged and kept in a revision."""

    model = Placement
    fields = ["article", "part", "is_lead"]
    readonly_fields = ["article", "part", "is_lead"]
    extra = 0
    can_delete = False
    verbose_name = "本版稿件"
    verbose_name_plural = "本版稿件（在稿件页面的“见报位置”中修改）"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PrintPage)
class PrintPageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "edition_date", "number", "name", "story_count"]
    list_filter = ["edition_date"]
    # Editors type 2024-08-02, 要闻 or a page number into the autocomplete.
    search_fields = ["edition_date", "name", "number__exact"]
    date_hierarchy = "edition_date"
    ordering = ["-edition_date", "number"]  # the story count annotation drops Meta.ordering
    inlines = [PlacedArticleInline]
    change_list_template = "admin/articles/printpage/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stories=Count("placements"))

    @admin.display(description="稿件数", ordering="stories")
    def story_count(self, page):
        return page.stories

    def get_urls(self):
        upload = path("import/", self.admin_site.admin_view(self.import_view), name="articles_printpage_import")
        return [upload, *super().get_urls()]

    def import_view(self, request):
        """Upload a page's text: stories become drafts (or, in a dry run, are only checked)."""
        workflow.check_import(request.user)
        form = PrintPageImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            result = import_page(
                data["file"],
                date=data["date"],
                number=data["page"],
                name=data["page_name"],
                dry_run=data["dry_run"],
                user=request.user,
            )
            link_findings(result)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "导入版面文本",
            "form": form,
            "result": result,
            "dry_run": form.is_bound and form.is_valid() and form.cleaned_data["dry_run"],
            "article_opts": Article._meta,
        }
        return TemplateResponse(request, "admin/articles/printpage/import.html", context)


def link_findings(result):
    """Give each finding of the result its Chinese name and a link to its story's form,
    at its segment's row (the segment inline's id, segments-N) when it concerns one.
    One query, however many stories."""
    ids = [story["id"] for story in result.stories if story["id"]]
    rows = {}
    for article_id, union_name in Segment.objects.filter(article_id__in=ids).values_list("article_id", "union__name"):
        rows.setdefault(article_id, []).append(union_name)
    for story in result.stories:
        url = reverse("admin:articles_article_change", args=[story["id"]]) if story["id"] else ""
        segments = rows.get(story["id"], [])
        story["finding_rows"] = [
            {
                **found,
                "name": code_name(found["code"]),
                "url": url,
                "segment_url": f"{url}#segments-{segments.index(found['segment'])}"
                if url and found["segment"] in segments
                else "",
            }
            for found in story["findings"]
        ]
