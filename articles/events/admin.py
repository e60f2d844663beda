from django.contrib import admin
from django.core.exceptions import PermissionDenied

from articles import workflow
from articles.admin.base import UniqueRowsFormSet
from articles.events.models import Award, Event, EventUnion, OldEventSlug, Standing
from articles.models import Article


class EventUnionInline(admin.TabularInline):
    model = EventUnion
    formset = UniqueRowsFormSet
    fields = ["union", "role"]
    autocomplete_fields = ["union"]
    extra = 1


class StandingInline(admin.TabularInline):
    model = Standing
    formset = UniqueRowsFormSet
    fields = ["rank", "team", "organisation", "union", "note"]
    autocomplete_fields = ["union"]
    extra = 0


class AwardInline(admin.TabularInline):
    model = Award
    fields = ["name", "kind", "recipient", "organisation", "union", "position"]
    autocomplete_fields = ["union"]
    extra = 0


class OldEventSlugInline(admin.TabularInline):
    """The addresses the event had; each redirects to today's. Deleting one frees it (and it 404s)."""

    model = OldEventSlug
    fields = ["slug"]
    readonly_fields = ["slug"]
    extra = 0
    verbose_name_plural = "旧网址（自动跳转到现在的网址）"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_at", "ends_at", "place"]
    list_filter = ["kind", "status", "starts_at"]
    search_fields = ["title", "slug", "place"]
    date_hierarchy = "starts_at"
    # No slug from the title: a Chinese one makes a long percent-encoded address, and a
    # title edit would change it. Left blank, it is made from the date, organiser and kind.
    fieldsets = [
        (None, {"fields": ["title", "slug", ("kind", "status")]}),
        ("时间与地点", {"fields": [("starts_at", "ends_at"), "place"]}),
        ("介绍", {"fields": ["description"]}),
    ]
    inlines = [EventUnionInline, StandingInline, AwardInline, OldEventSlugInline]

    def get_inlines(self, request, obj):
        # A new event has had no other address.
        return self.inlines if obj else [inline for inline in self.inlines if inline is not OldEventSlugInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        event = form.instance
        if change or form.cleaned_data.get("slug"):
            return
        organisers = [link.union for link in event.event_unions.all() if link.role == EventUnion.Role.ORGANISER]
        if organisers:
            # Made in save() before the organisers were saved, and not yet seen by anyone.
            event.slug = event.dated_slug(organisers[0])
            Event.objects.filter(pk=event.pk).update(slug=event.slug)

    def has_delete_permission(self, request, obj=None):
        if obj is None or not super().has_delete_permission(request, obj):
            return super().has_delete_permission(request, obj)
        try:
            workflow.check_signed_off_stories(request.user, obj.articles.all(), "这项活动")
        except PermissionDenied:
            return False
        return True

    def delete_queryset(self, request, queryset):
        workflow.check_signed_off_stories(request.user, Article.objects.filter(events__in=queryset), "所选活动")
        super().delete_queryset(request, queryset)

    def get_queryset(self, request):
        # The list, the change form and the story form's 相关活动 autocomplete alike.
        return super().get_queryset(request).visible_to_scope(workflow.scope_unions(request.user))
