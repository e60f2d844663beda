from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.db.models.functions import Coalesce, Now
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from taggit.managers import TaggableManager

from articles import tagging
from articles.admin.base import UniqueRowsFormSet
from articles.admin.filters import ContributorFilter, EditionDateFilter, TagFilter, UnionSubtreeFilter
from articles.admin.tags import TagInput
from articles.models import Article, ArticleUnion, Credit, Photo, Placement, Segment
from articles.search.query import Search


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


class PlacementInline(admin.TabularInline):
    model = Placement
    formset = UniqueRowsFormSet
    fields = ["page", "part"]
    autocomplete_fields = ["page"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "published_at", "lead_union", "edition_pages", "is_featured", "updated_at"]
    list_filter = ["status", UnionSubtreeFilter, TagFilter, EditionDateFilter, ContributorFilter, "is_featured"]
    # Searched through the bigram index (get_search_results); drafts included.
    search_fields = ["headline"]
    search_help_text = "按标题、正文、图片说明、作者、标签或工会名称中的任意词语查找，多个词语用空格分开。"
    date_hierarchy = "published_at"
    list_per_page = 50
    save_on_top = True
    autocomplete_fields = ["editor", "events"]
    formfield_overrides = {TaggableManager: {"widget": TagInput}}
    fieldsets = [
        ("标题", {"fields": ["kicker", "headline", "subheadline"]}),
        ("稿源与署名", {"fields": [("source", "dateline"), "editor"]}),
        ("正文", {"fields": ["summary", "body"]}),
        ("发布", {"fields": [("status", "published_at"), "is_featured"]}),
        ("标签与活动", {"fields": ["tags", "events"]}),
    ]
    inlines = [ArticleUnionInline, CreditInline, SegmentInline, PhotoInline, PlacementInline]
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

    def get_search_results(self, request, queryset, search_term):
        """The site search's index and rules, over every story the editor can see."""
        query = Search(search_term)
        if query.is_empty:
            return queryset, False
        if query.is_too_short:
            # One character: no index helps; a scan is acceptable for the desk.
            scanned = query.documents(published_only=False).filter(query.verified())
            return queryset.filter(pk__in=scanned.values("article_id")), False
        ids = query.matching_ids(query.documents(published_only=False))
        return queryset.filter(pk__in=ids), False

    def save_related(self, request, form, formsets, change):
        # Tags, unions, credits, segments and photos are saved only now.
        super().save_related(request, form, formsets, change)
        form.instance.reindex()

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
        queryset.reindex()
        self.message_user(request, f"已发布 {count} 篇稿件。")

    @admin.action(description="撤回所选稿件为草稿")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Article.Status.DRAFT, updated_at=Now())
        queryset.reindex()
        self.message_user(request, f"已撤回 {count} 篇稿件。")
