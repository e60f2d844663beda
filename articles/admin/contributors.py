from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from articles.models import Contributor


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "union", "user", "stories"]
    list_select_related = ["union", "user"]
    ordering = ["name", "pk"]  # the story count annotation drops Meta.ordering
    search_fields = ["name"]
    autocomplete_fields = ["union", "user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("credits__article", distinct=True))

    @admin.display(description="署名稿件", ordering="story_count")
    def stories(self, contributor):
        url = reverse("admin:articles_article_changelist") + "?" + urlencode({"contributor": contributor.pk})
        return format_html('<a href="{}">{}</a>', url, contributor.story_count)
