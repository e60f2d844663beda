from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Case, Count, Q, Value, When
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from articles import workflow
from articles.admin.base import LoadedAutocompleteSelect
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


class PeopleAutocompleteView(AutocompleteJsonView):
    """The byline and 责任编辑 choices: 姚晴（湖州）, 周文澜（本报）, the user's own record first."""

    def get_queryset(self):
        people = super().get_queryset()
        if people.model is not Contributor:
            return people
        mine = Case(When(user=self.request.user, then=Value(0)), default=Value(1))
        return people.select_related("union").annotate(mine=mine).order_by("mine", "name", "pk")

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        return {**result, "text": obj.label} if isinstance(obj, Contributor) else result


class PeopleAutocompleteSelect(LoadedAutocompleteSelect):
    """The autocomplete of a contributor field, answered by PeopleAutocompleteView."""

    def get_url(self):
        return reverse("admin:articles_contributor_autocomplete")


class PeopleChoiceField(forms.ModelChoiceField):
    """A contributor field whose chosen option reads 周文澜（本报）, as its autocomplete offers it."""

    def label_from_instance(self, obj):
        return obj.label


def people_field(db_field, admin_site, kwargs):
    """Formfield kwargs for a contributor field of the story form: PeopleAutocompleteSelect,
    and its stored choice named with the unit (the union is read with it)."""
    kwargs.setdefault("widget", PeopleAutocompleteSelect(db_field, admin_site, using=kwargs.get("using")))
    kwargs.setdefault("form_class", PeopleChoiceField)
    kwargs.setdefault("queryset", Contributor.objects.select_related("union"))
    return kwargs


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

    def get_urls(self):
        view = self.admin_site.admin_view(PeopleAutocompleteView.as_view(admin_site=self.admin_site))
        return [path("autocomplete/", view, name="articles_contributor_autocomplete"), *super().get_urls()]

    @admin.display(description="署名稿件", ordering="story_count")
    def stories(self, contributor):
        url = reverse("admin:articles_article_changelist") + "?" + urlencode({"contributor": contributor.pk})
        return format_html('<a href="{}">{}</a>', url, contributor.story_count)
