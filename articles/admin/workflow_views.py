"""The desk's own admin pages for stories: transitions, preview, revisions, the desk page.

Each view takes the ArticleAdmin, so it sees stories through its scoped queryset:
a story outside the user's scope is a 404, an action beyond their rights a 403.
"""

from typing import NamedTuple

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles import editing, presence, revisions, schema, workflow
from articles.models import Article, Revision, TimelineEntry
from unionnews.siteurl import site_url

Status = Article.Status


class TransitionForm(forms.Form):
    comment = forms.CharField(required=False, max_length=2000)
    publish_at = forms.DateTimeField(
        required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
    )
    # The status the page showed; a transition of a story someone has moved since is
    # refused. Optional, so a page rendered before this field existed still works.
    expected_status = forms.ChoiceField(required=False, choices=Status.choices)


class CompareForm(forms.Form):
    a = forms.IntegerField(min_value=0, max_value=2**31 - 1)
    b = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class Button(NamedTuple):
    name: str
    label: str
    style: str
    url: str  # where the button posts when the form is read-only


def buttons(article, transitions):
    """[Button] for the review steps `transitions` (workflow.allowed_transitions()) on `article`."""
    return [
        Button(
            t.name, t.label(article), t.style, reverse("admin:articles_article_transition", args=[article.pk, t.name])
        )
        for t in transitions
    ]


def asks_publish_time(article, transitions):
    """Whether the buttons need the 定时发布 field: the user may sign the story off."""
    return article.status == Status.FINAL_REVIEW and any("publish_at" in t.fields for t in transitions)


def _article(model_admin, request, object_id):
    article = model_admin.get_object(request, object_id)
    if article is None:
        raise Http404("没有这篇稿件。")
    return article


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def perform(request, article, action, after_save=False):
    """Run the review step `action` on `article` with the comment and time posted; report by message.

    A step the user may not take is a 403, except `after_save` (posted with the
    change form): then it is a message, so the refusal does not undo the save.
    """
    if action not in workflow.TRANSITIONS:
        raise Http404("没有这个操作。")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "操作未完成：" + " ".join(e for errors in form.errors.values() for e in errors))
        return
    step, data = workflow.TRANSITIONS[action], form.cleaned_data
    try:
        step.run(
            article,
            request.user,
            data["comment"],
            expected_status=data["expected_status"] or None,
            **{field: data[field] for field in step.fields},
        )
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, PermissionDenied) and not after_save:
            raise
        reasons = error.messages if isinstance(error, ValidationError) else [str(error) or "您无权进行这项操作。"]
        messages.error(request, "操作未完成：" + " ".join(reasons))
    else:
        messages.success(request, step.done)


def transition(model_admin, request, object_id, action):
    """A review step posted from a story the user may only look at (the change form saves first)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in workflow.TRANSITIONS:
        raise Http404("没有这个操作。")
    article = _article(model_admin, request, object_id)
    perform(request, article, action)
    return redirect(_change_url(article))


def preview(model_admin, request, object_id):
    """The story exactly as readers will see it, for staff who may see the story."""
    article = _article(model_admin, request, object_id)
    article = get_object_or_404(Article.objects.for_reading(), pk=article.pk)
    article.load_page()  # what the article page loads, without related stories
    if article.published_at is None:
        article.published_at = timezone.now()  # shown as if published now; not saved
    context = {
        "article": article,
        "related": [],
        "schema": schema.story_page(article, site_url(request)),
        "preview": True,
    }
    return TemplateResponse(request, "articles/article_detail.html", context)


def history(model_admin, request, object_id):
    article = _article(model_admin, request, object_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "article": article,
        "title": f"历史版本：{article.headline}",
        "revisions": article.revisions.select_related("author__contributor__union"),
        "can_restore": workflow.can_edit(request.user, article),
    }
    return TemplateResponse(request, "admin/articles/article/history_revisions.html", context)


def compare(model_admin, request, object_id):
    article = _article(model_admin, request, object_id)
    chosen = CompareForm(request.GET)
    if not chosen.is_valid():
        raise Http404("请选择两个版本。")
    numbers = sorted([chosen.cleaned_data["a"], chosen.cleaned_data["b"]])
    revisions_ = Revision.objects.select_related("author__contributor__union")
    old, new = (get_object_or_404(revisions_, article=article, number=number) for number in numbers)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "article": article,
        "title": f"比较第{old.number}版与第{new.number}版：{article.headline}",
        "old": old,
        "new": new,
        "changes": revisions.changes(old.snapshot, new.snapshot),
    }
    return TemplateResponse(request, "admin/articles/article/compare.html", context)


def restore(model_admin, request, object_id, number):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    revision = get_object_or_404(Revision, article=article, number=number)
    saved = editing.restore(article, revision, request.user)
    if not saved.changed:
        messages.info(request, f"第{number}版与当前内容相同，无需恢复。")
    else:
        messages.success(request, f"已恢复为第{number}版的内容（保存为第{saved.article.version}版）。")
    if saved.reopened:
        messages.warning(request, "这篇稿件已签发但尚未发布，恢复后已退回“待终审”，需总编重新签发。")
    return redirect(_change_url(article))


def ping(model_admin, request, object_id):
    """The open change form says it is still open (or, with leave=1, that it closed)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(model_admin, request, object_id)
    if request.POST.get("leave"):
        presence.left(article, request.user)
        return JsonResponse({"others": []})
    if model_admin.has_change_permission(request, article):
        presence.opened(article, request.user)
    return JsonResponse({"others": presence.others(article, request.user)})


DESK_ROWS = 50


class DeskSection(NamedTuple):
    title: str
    stories: list
    when: str  # what the time column (each story's desk_at) means in this section
    crowded: bool = False  # more than DESK_ROWS stories wait here


def lands_on_desk(user):
    """Writers and reviewers start at 编辑台; the superuser and 管理员 at the admin index."""
    return user.is_active and user.is_staff and not user.is_superuser and user.has_perm("articles.add_article")


def admin_home(request):
    """The admin index, or for those who write and review stories, 编辑台 (?all=1: the index anyway)."""
    if lands_on_desk(request.user) and not request.GET.get("all"):
        return redirect("admin:articles_article_desk")
    return admin.site.index(request)


def desk(model_admin, request):
    """编辑台: what waits for me, my drafts, returned to me, scheduled, just published.

    Each section is one query, whatever the backlog: the time that matters for a section
    (sent to this stage, returned, signed off for, published) comes from the timeline
    in subqueries, as desk_at.
    """
    user = request.user
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    timeline = TimelineEntry.objects.filter(article=OuterRef("pk")).order_by("-at", "-pk")
    stories = workflow.visible_to(user, Article.objects.select_related("created_by__contributor__union")).annotate(
        last_action=Subquery(timeline.values("action")[:1])
    )
    # When the story entered the status it is in now (a story made in it: its last change).
    entered = timeline.filter(to_status=OuterRef("status")).exclude(from_status=F("to_status"))
    waiting = [
        (
            f"等我{label}",
            stories.filter(status=status)
            .annotate(desk_at=Coalesce(Subquery(entered.values("at")[:1]), "updated_at"))
            .order_by("desk_at", "pk"),
            "送审时间",
        )
        for status, label in [
            (Status.FIRST_REVIEW, "初审"),
            (Status.SECOND_REVIEW, "复审"),
            (Status.FINAL_REVIEW, "终审"),
        ]
        if user.has_perm(workflow.STAGES[status][0])
    ]
    mine = stories.filter(status=Status.DRAFT, created_by=user)
    returned = mine.filter(last_action=TimelineEntry.Action.RETURN).annotate(
        desk_at=Subquery(timeline.values("at")[:1]), return_comment=Subquery(timeline.values("comment")[:1])
    )
    sections = [
        *waiting,
        ("退回给我的", returned.order_by("-desk_at", "-pk"), "退回时间"),
        (
            "我的草稿",
            mine.filter(~Q(last_action=TimelineEntry.Action.RETURN) | Q(last_action__isnull=True))
            .annotate(desk_at=F("updated_at"))
            .order_by("-updated_at"),
            "最后修改",
        ),
        ("定时发布", stories.scheduled().annotate(desk_at=F("published_at")).order_by("published_at"), "发布时间"),
    ]
    listed = [(title, list(rows[: DESK_ROWS + 1]), when) for title, rows, when in sections]  # one more: are there more?
    recent = stories.published().annotate(desk_at=F("published_at")).order_by("-published_at")[:10]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "编辑台",
        # At most DESK_ROWS stories a section, whatever the backlog.
        "sections": [DeskSection(title, rows[:DESK_ROWS], when, len(rows) > DESK_ROWS) for title, rows, when in listed]
        + [DeskSection("最近发布", list(recent), "发布时间")],
        "desk_rows": DESK_ROWS,
        "panels": [panel(request) for panel in DESK_PANELS],
    }
    return TemplateResponse(request, "admin/articles/article/desk.html", context)


# Boxes the apps built on articles add to the 编辑台 (articles.statistics: 我的稿件考核): each a
# function of the request returning HTML, or "" for nothing. Registered, not imported (tests/test_layers.py).
DESK_PANELS = []
