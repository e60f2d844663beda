from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.db.models.functions import Coalesce, Now
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from taggit.managers import TaggableManager

from articles import tagging
from articles.admin.base import UniqueRowsFormSet
from articles.admin.checks import ArticleForm, save_checks
from articles.admin.filters import ContributorFilter, EditionDateFilter, TagFilter, UnionSubtreeFilter
from articles.admin.tags import TagInput
from articles.models import Article, ArticleUnion, Caption, Credit, Photo, Placement, Segment


class ArticleUnionInline(admin.TabularInline):
    model = ArticleUnion
    formset = UniqueRowsFormSet
    fields = ["union", "role"]
    autocomplete_fields = ["union"]
    extra = 1


class CreditInline(admin.TabularInline):
    model = Credit
    formset = UniqueRowsFormSet
    fields = ["contributor", "role", "position"]
    autocomplete_fields = ["contributor"]
    extra = 1


class PhotoInline(admin.StackedInline):
    model = Photo
    fields = [("image", "preview"), "caption", ("credit", "alt_text", "position")]
    readonly_fields = ["preview"]
    extra = 1

    @admin.display(description="预览")
    def preview(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        shown = photo.thumbnail or photo.image
        return format_html(
            '<a href="{}" target="_blank"><img class="photo-preview" src="{}" alt="{}"></a>',
            photo.image.url,
            shown.url,
            photo.alt,
        )


class SegmentInline(admin.StackedInline):
    """One union's part of a roundup; most stories have none."""

    model = Segment
    fields = [("union", "heading", "position"), "body"]
    autocomplete_fields = ["union"]
    extra = 0


class CaptionInline(admin.TabularInline):
    """Captions from an imported print page, waiting for their photo."""

    model = Caption
    fields = ["text", "position"]
    extra = 0


class PlacementInline(admin.TabularInline):
    model = Placement
    formset = UniqueRowsFormSet
    fields = ["page", "part"]
    autocomplete_fields = ["page"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "state", "published_at", "lead_union", "edition_pages", "is_featured", "updated_at"]
    list_filter = ["status", UnionSubtreeFilter, TagFilter, EditionDateFilter, ContributorFilter, "is_featured"]
    search_fields = ["headline", "kicker", "subheadline", "body"]
    date_hierarchy = "published_at"
    list_per_page = 50
    save_on_top = True
    autocomplete_fields = ["editor", "events"]
    formfield_overrides = {TaggableManager: {"widget": TagInput}}
    fieldsets = [
        ("标题", {"fields": ["kicker", "headline", "subheadline"]}),
        ("稿源与署名", {"fields": [("source", "dateline"), "editor"]}),
        ("正文", {"fields": ["summary", "body"]}),
        ("编辑检查", {"fields": ["acknowledge", "acknowledged"]}),
        ("发布", {"fields": [("status", "published_at"), "is_featured"]}),
        ("标签与活动", {"fields": ["tags", "events"]}),
    ]
    readonly_fields = ["acknowledged"]
    inlines = [ArticleUnionInline, CreditInline, SegmentInline, PhotoInline, CaptionInline, PlacementInline]
    actions = ["publish", "unpublish"]

    class Media:
        css = {"all": ["admin-extra/admin.css"]}

    def get_queryset(self, request):
        # What the list's columns read, in two queries however many rows.
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "article_unions",
                    queryset=ArticleUnion.objects.select_related("union").order_by("role_order", "pk"),
                ),
                Prefetch("placements", queryset=Placement.objects.select_related("page").order_by("part", "pk")),
            )
        )

    def get_urls(self):
        suggestions = path(
            "tag-suggestions/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="articles_article_tag_suggestions",
        )
        return [suggestions, *super().get_urls()]

    def tag_suggestions(self, request):
        """Existing tags for TagInput: {"results": ["工会", "工BA"]}."""
        if not (self.has_view_or_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        return JsonResponse({"results": tagging.suggest(request.GET.get("term", ""))})

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        save_checks(self, request, form)

    @admin.display(description="已确认的提示")
    def acknowledged(self, article):
        if not article.pk:
            return "保存后自动检查。"
        rows = article.acknowledgements.select_related("acknowledged_by")
        return format_html_join(
            "\n",
            "<div>{}：「{}」（{} {:%Y-%m-%d %H:%M}）</div>",
            (
                (row.get_code_display(), row.excerpt[:60], row.acknowledged_by or "—", timezone.localtime(row.acknowledged_at))
                for row in rows
            ),
        ) or "—"

    @admin.display(description="标题", ordering="headline")
    def title(self, article):
        if not article.kicker:
            return article.headline
        return format_html('<span class="kicker">{}</span><br>{}', article.kicker, article.headline)

    @admin.display(description="状态", ordering="status")
    def state(self, article):
        if article.status == Article.Status.PUBLISHED and not article.is_published:
            return "定时发布"
        return article.get_status_display()

    @admin.display(description="相关工会")
    def lead_union(self, article):
        union = article.lead_union
        return union.short_name if union else "—"

    @admin.display(description="见报版面")
    def edition_pages(self, article):
        pages = [placement.page for placement in article.placements.all()]
        return "，".join(f"{page.edition_date:%Y-%m-%d} 第{page.number}版" for page in pages) or "—"

    @admin.action(description="发布所选稿件（未定时间的按现在发布）")
    def publish(self, request, queryset):
        count = queryset.update(
            status=Article.Status.PUBLISHED, published_at=Coalesce("published_at", Now()), updated_at=Now()
        )
        self.message_user(request, f"已发布 {count} 篇稿件。")

    @admin.action(description="撤回所选稿件为草稿")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Article.Status.DRAFT, updated_at=Now())
        self.message_user(request, f"已撤回 {count} 篇稿件。")
