from django.contrib import admin
from django.db.models import Count

from articles.admin.base import UniqueRowsFormSet
from articles.models import Placement, PrintPage


class PlacedArticleInline(admin.TabularInline):
    """The stories on this page, in the order they were placed."""

    model = Placement
    formset = UniqueRowsFormSet
    fields = ["article", "part"]
    autocomplete_fields = ["article"]
    extra = 0
    verbose_name = "本版稿件"
    verbose_name_plural = "本版稿件"


@admin.register(PrintPage)
class PrintPageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "edition_date", "number", "name", "story_count"]
    list_filter = ["edition_date"]
    # Editors type 2024-08-02, 要闻 or a page number into the autocomplete.
    search_fields = ["edition_date", "name", "number__exact"]
    date_hierarchy = "edition_date"
    ordering = ["-edition_date", "number"]  # the story count annotation drops Meta.ordering
    inlines = [PlacedArticleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stories=Count("placements"))

    @admin.display(description="稿件数", ordering="stories")
    def story_count(self, page):
        return page.stories
