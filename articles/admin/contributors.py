from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from articles import workflow
from articles.models import Contributor


def people_scope(user):
    """The unions bounding the people `user` may list (None: everyone). Whoever manages
    bylines (管理员, the desk) sees everyone; writers with a scope, their own."""
    return None if user.has_perm("articles.change_contributor") else workflow.scope_unions(user)


def listable_people(user, people=None):
    """The contributors `user` may list, without counting their stories."""
    people = Contributor.objects.all() if people is None else people
    return people.visible_to_scope(people_scope(user), user)


def visible_people(user, people=None):
    """The contributors `user` may list, each with `story_count`: how many of the stories
    whose bylines `user` may see credit them (every story for editors of every union)."""
    people = listable_people(user, people)
    known = None if people_scope(user) is None else Q(credits__article__in=workflow.known_to(user))
    return people.annotate(story_count=Count("credits__article", distinct=True, filter=known))


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ["name", "union", "user", "stories"]
    list_select_related = ["union", "user"]
    ordering = ["name", "pk"]  # the story count annotation drops Meta.ordering
    search_fields = ["name"]
    autocomplete_fields = ["union", "user", "unions"]

    def get_queryset(self, request):
        # The list, the change form, and the credit and 责任编辑 autocompletes of the story form.
        return visible_people(request.user, super().get_queryset(request))

    @admin.display(description="署名稿件", ordering="story_count")
    def stories(self, contributor):
        url = reverse("admin:articles_article_changelist") + "?" + urlencode({"contributor": contributor.pk})
        return format_html('<a href="{}">{}</a>', url, contributor.story_count)
