"""The story form's 编辑检查: the findings to fix or acknowledge, next to the text they concern,
and the captions an imported print page left waiting for their photo.

Added to articles' story admin through articles.admin.articles.extend_story_admin().
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join

from articles.admin.articles import PlacementInline, SegmentInline, extend_story_admin
from articles.admin.base import StoryRowsFormSet
from articles.editorial.admin.checks import CheckedArticleForm, save_checks
from articles.editorial.models import Acknowledgement, Caption, Finding
from articles.models.contributor import person


class CheckedSegmentInline(SegmentInline):
    """A roundup's segment with its own findings beside its text."""

    fields = [*SegmentInline.fields, "warnings"]
    readonly_fields = [*SegmentInline.readonly_fields, "warnings"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if "warnings" in fields else [*fields, "warnings"]

    @admin.display(description="编辑检查")
    def warnings(self, segment):
        """This segment's findings, next to its text (two queries per form, however many segments)."""
        if not segment.pk:
            return "保存后自动检查。"
        # Inline instances live for one request, so this cache does too.
        cache = self.__dict__.setdefault("_findings", {})
        if segment.article_id not in cache:
            acknowledged = set(
                Acknowledgement.objects.filter(article_id=segment.article_id).values_list("fingerprint", flat=True)
            )
            cache[segment.article_id] = [
                (finding, finding.fingerprint in acknowledged)
                for finding in Finding.objects.filter(article_id=segment.article_id)
            ]
        mine = [(f, done) for f, done in cache[segment.article_id] if f.segment == segment.union.name]
        if not mine:
            return "无提示"
        return format_html_join(
            "\n",
            '<div class="finding{}">{}：{}「{}」{}</div>',
            (
                (
                    " acknowledged" if done else "",
                    f.get_code_display(),
                    f.message,
                    f.excerpt[:80],
                    "（已确认）" if done else "",
                )
                for f, done in mine
            ),
        )


class CaptionInline(admin.TabularInline):
    """Captions from an imported print page, waiting for their photo."""

    model = Caption
    formset = StoryRowsFormSet
    fields = ["text", "position"]
    extra = 0


class CheckedStoryAdmin:
    """The story admin with the 编辑检查 fieldset after the text, and the captions inline."""

    form = CheckedArticleForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # The story admin has already decided (with the rights' queries): don't ask again.
        editable = fieldsets is not self.read_only_fieldsets
        checks = ("编辑检查", {"fields": ["acknowledge_findings", "acknowledged"] if editable else ["acknowledged"]})
        after_text = [title for title, _ in fieldsets].index("正文") + 1
        return [*fieldsets[:after_text], checks, *fieldsets[after_text:]]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "acknowledged"]

    def get_inlines(self, request, obj):
        inlines = [
            CheckedSegmentInline if inline is SegmentInline else inline for inline in super().get_inlines(request, obj)
        ]
        before_placements = inlines.index(PlacementInline)
        return [*inlines[:before_placements], CaptionInline, *inlines[before_placements:]]

    def story_saved(self, request, form):
        super().story_saved(request, form)
        save_checks(self, request, form)

    @admin.display(description="已确认的提示")
    def acknowledged(self, article):
        """The warnings the writer waved through, by whom and when, for the reviewers."""
        if not article.pk:
            return "保存后自动检查。"
        rows = article.acknowledgements.select_related("acknowledged_by__contributor__union")
        return (
            format_html_join(
                "\n",
                '<div class="acknowledged">{}：「{}」（{}确认于 {}）</div>',
                (
                    (
                        row.get_code_display(),
                        row.excerpt[:60],
                        person(row.acknowledged_by) if row.acknowledged_by else "—",
                        f"{timezone.localtime(row.acknowledged_at):%Y-%m-%d %H:%M}",
                    )
                    for row in rows
                ),
            )
            or "无"
        )


extend_story_admin(CheckedStoryAdmin)
