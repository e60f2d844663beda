from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from articles import workflow
from articles.models import Contributor


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "union", "user", "stories"]
    list_select_related = ["union", "user"]
    ordering = ["name", "pk"]  # the story count annotation drops Meta.ordering
    search_fields = ["name"]
    autocomplete_fields = ["union", "user", "unions"]

    def get_queryset(self, request):
        people = super().get_queryset(request).annotate(story_count=Count("credits__article", distinct=True))
        unions = workflow.scope_unions(request.user)
        if unions is None:
            return people
        # Correspondents see the paper's own staff, themselves and people of their unions.
        visible = Q(union__isnull=True) | Q(user=request.user)
        for union in unions:
            visible |= union.subtree_q(via="union__")
        return people.filter(visible)

    @admin.display(description="署名稿件", ordering="story_count")
    def stories(self, contributor):
        url = reverse("admin:articles_article_changelist") + "?" + urlencode({"contributor": contributor.pk})
        return format_html('<a href="{}">{}</a>', url, contributor.story_count)
