"""阅读量 in the story admin: a column on the list and the figures on the story's page.

Added to articles' story admin through articles.admin.articles.extend_story_admin().
"""

from datetime import timedelta

from django.contrib import admin

from articles.admin.articles import extend_story_admin
from articles.readership import counting
from articles.readership.models import DailyViews

RECENT_DAYS = 7


class ReadStoryAdmin:
    def get_queryset(self, request):
        # One subquery in the list's own query (and the story page's): no query per row.
        return super().get_queryset(request).annotate(reader_views=DailyViews.objects.total_for())

    def get_list_display(self, request):
        return [*super().get_list_display(request), "views_column"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "views_summary"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.published_at is None:
            return fieldsets
        return [*fieldsets, ("阅读量", {"fields": ["views_summary"]})]

    @admin.display(description="阅读量", ordering="reader_views")
    def views_column(self, article):
        return article.reader_views

    @admin.display(description="阅读量")
    def views_summary(self, article):
        """Total and the last RECENT_DAYS days (one query), from the database: views still
        waiting in Redis for `flush_views` are not in it yet."""
        first = counting.today() - timedelta(days=RECENT_DAYS - 1)
        recent = sum(DailyViews.objects.filter(article=article, day__gte=first).values_list("views", flat=True))
        total = getattr(article, "reader_views", None)
        if total is None:
            total = sum(DailyViews.objects.filter(article=article).values_list("views", flat=True))
        return f"共 {total} 次，近 {RECENT_DAYS} 天 {recent} 次（读者打开稿件页面的次数，不含编辑和搜索引擎）"


extend_story_admin(ReadStoryAdmin)
