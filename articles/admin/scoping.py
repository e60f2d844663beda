"""A correspondent's choices on the story form: only unions, people and events
of their scope, plus whatever the story already holds (so an editor's addition
does not make their next save invalid). The server refuses anything else, even
an id typed into a forged POST."""

from django.db.models import Q

from articles import workflow
from articles.models import Contributor
from articles.models.article import related_model
from unions.models import Union


def choices(request, article=None):
    """{form field name: queryset} for a user with a limited scope, or None for everyone else."""
    unions = workflow.scope_unions(request.user)
    if unions is None:
        return None
    in_scope = Union.objects.subtrees_q(unions)
    people = Contributor.objects.visible_to_scope(unions, request.user)
    Event = related_model("events")
    events = Event.objects.visible_to_scope(unions)
    if article is not None and article.pk:
        in_scope |= Q(article_links__article=article) | Q(segments__article=article)
        people = Contributor.objects.filter(
            Q(pk__in=people.values("pk")) | Q(credits__article=article) | Q(edited_articles=article)
        )
        events = Event.objects.filter(Q(pk__in=events.values("pk")) | Q(articles=article))
    return {
        "union": Union.objects.filter(in_scope).distinct(),
        "contributor": people.distinct(),
        "editor": people.distinct(),
        "events": events.distinct(),
    }


def limit(form_class, request, article=None):
    """Narrow `form_class`'s choice fields (a fresh class from the admin's factory) to the user's scope."""
    scoped = choices(request, article)
    if scoped is not None:
        for name, queryset in scoped.items():
            if name in form_class.base_fields:
                form_class.base_fields[name].queryset = queryset
    return form_class


class ScopedInlineMixin:
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit(formset.form, request, obj)
        return formset
