"""The rules of 三审三校, in one place: who may move a story from one state to the next.

Every function checks the user's rights on the server and raises PermissionDenied
(the admin answers 403) or ValidationError (shown as a message); each runs in one
transaction on a locked row, so two reviewers cannot approve the same stage twice.
Given the status the user saw (`expected_status`), a transition of a story whose
status has changed since is refused with who changed it, whatever the new rules say.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles import signals
from articles.models import Article, Correction, Credit, RemovedStory, TimelineEntry
from articles.models.contributor import display_name
from articles.models.status import REVIEW_STATES
from unionnews.accounts import audit

Status = Article.Status
Action = TimelineEntry.Action

# The state a story waits in → (permission to approve it, next state, timeline action).
STAGES = {
    Status.FIRST_REVIEW: ("articles.first_review_article", Status.SECOND_REVIEW, Action.FIRST_REVIEW),
    Status.SECOND_REVIEW: ("articles.second_review_article", Status.FINAL_REVIEW, Action.SECOND_REVIEW),
    Status.FINAL_REVIEW: ("articles.final_review_article", Status.PUBLISHED, Action.SIGN_OFF),
}
REVIEW_PERMS = [perm for perm, _, _ in STAGES.values()]
EDIT_PUBLISHED_PERMS = ["articles.second_review_article", "articles.final_review_article"]


class Refusal(PermissionDenied):
    """The user holds the right to take a step, but a rule of the review keeps it from them
    on this story now (they wrote it, they reviewed another stage): the story page says why."""


# Scope: which stories a user may see at all.


def scope_unions(user):
    """The unions whose subtrees bound a correspondent's stories, or None for no limit.

    One query the first time per user object (cached on it).
    """
    if user.has_perm("articles.any_union_article"):
        return None
    if not hasattr(user, "_scope_unions"):
        contributor = getattr(user, "contributor", None)
        user._scope_unions = list(contributor.unions.all()) if contributor else []
    return user._scope_unions


def visible_to(user, queryset=None):
    """The stories `user` may see in the admin: in their scope and not in the trash.

    Every admin list, page, search and autocomplete of stories starts here
    (ArticleAdmin.get_queryset, the desk); the 回收站 page uses in_trash().
    """
    return _in_scope(user, queryset).exclude(status=Status.DELETED)


def _in_scope(user, queryset=None):
    queryset = Article.objects.all() if queryset is None else queryset
    unions = scope_unions(user)
    return queryset if unions is None else queryset.within_scope(unions)


def known_to(user, queryset=None):
    """The stories whose traces (tags, bylines, story counts) `user` may see in the admin:
    those visible to them and every published story, which any reader sees anyway."""
    queryset = Article.objects.all() if queryset is None else queryset
    if scope_unions(user) is None:
        return queryset
    return visible_to(user, queryset) | queryset.published()


def can_view(user, article):
    """May `user` see `article` in the admin? Remembered on the instance for the request (one
    scope query instead of one per button and inline); a freshly locked instance asks again."""
    cache = article.__dict__.setdefault("_can_view", {})
    if user.pk not in cache:
        cache[user.pk] = _can_view(user, article)
    return cache[user.pk]


def _can_view(user, article):
    # Must agree with visible_to().
    if not user.has_perm("articles.view_article") or article.status == Status.DELETED:
        return False
    return scope_unions(user) is None or visible_to(user).filter(pk=article.pk).exists()


def check_edit(article, user):
    """Raise PermissionDenied, saying why, unless `user` may change `article`'s content now.

    Drafts: writers in scope. In review: reviewers. Signed off or published: 副总编 and 总编.
    """
    if not (user.has_perm("articles.change_article") and can_view(user, article)):
        raise PermissionDenied("您无权修改这篇稿件。")
    if article.status == Status.DRAFT:
        return
    if article.status in REVIEW_STATES:
        if not any(user.has_perm(perm) for perm in REVIEW_PERMS):
            raise PermissionDenied(f"这篇稿件{article.get_status_display()}，只有审稿人可以修改。")
        return
    if article.status == Status.DELETED:
        raise PermissionDenied("这篇稿件在回收站中，恢复后才能修改。")
    if not any(user.has_perm(perm) for perm in EDIT_PUBLISHED_PERMS):
        raise PermissionDenied("这篇稿件已签发，只有副总编和总编可以修改。")


def can_edit(user, article):
    try:
        check_edit(article, user)
    except PermissionDenied:
        return False
    return True


def check_signed_off_stories(user, stories, what):
    """Renaming a tag or deleting a tag or event changes signed-off stories too: only
    those who may edit signed-off stories (副总编, 总编) may do it."""
    if (
        not any(user.has_perm(perm) for perm in EDIT_PUBLISHED_PERMS)
        and stories.filter(status=Status.PUBLISHED).exists()
    ):
        raise PermissionDenied(f"{what}已用于已签发的稿件，修改会改变读者看到的内容，只有副总编和总编可以操作。")


def check_import(user):
    """Importing a print page may change stories of every union: 编辑 and above only."""
    if not user.has_perms(["articles.add_article", "articles.add_printpage", "articles.any_union_article"]):
        raise PermissionDenied("只有编辑、副总编和总编可以导入版面：导入会新建或改动全省各地的稿件。")


def can_delete(user, article):
    if article.status in (Status.PUBLISHED, Status.WITHDRAWN):
        return user.has_perm("articles.delete_published_article")
    return user.has_perm("articles.delete_article") and can_edit(user, article)


# Checks, one per transition: raise if `user` may not do it to `article` now.


def _require_view(article, user):
    if not can_view(user, article):
        raise PermissionDenied("您无权处理这篇稿件。")


def check_submit(article, user):
    _require_view(article, user)
    if not user.has_perm("articles.change_article"):
        raise PermissionDenied("您无权提交稿件。")
    if article.status != Status.DRAFT:
        raise ValidationError("只有草稿可以提交初审。")


def check_approve(article, user):
    _require_view(article, user)
    if article.status not in STAGES:
        raise ValidationError("这篇稿件不在待审状态。")
    perm, _, _ = STAGES[article.status]
    if not user.has_perm(perm):
        raise PermissionDenied(f"您无权处理{article.get_status_display()}的稿件。")
    if settings.WORKFLOW_ONE_PERSON_MAY_REVIEW_TWICE:
        return
    if is_author(article, user):
        raise Refusal("您是本稿作者（署名、创建、导入或提交了本稿），不能审核本稿。")
    if user.pk in approvers_this_round(article):
        raise Refusal("您已审核过本稿的另一级，同一篇稿件的两级审核不能由同一人完成。")


def check_return(article, user):
    _require_view(article, user)
    if article.status in REVIEW_STATES:
        if not any(user.has_perm(perm) for perm in REVIEW_PERMS):
            raise PermissionDenied("您无权退回稿件。")
    elif article.is_scheduled:
        if not user.has_perm("articles.final_review_article"):
            raise PermissionDenied("只有总编可以取消签发。")
    else:
        raise ValidationError("只有待审或定时发布的稿件可以退回。")


def check_withdraw(article, user):
    _require_view(article, user)
    if not user.has_perm("articles.withdraw_article"):
        raise PermissionDenied("只有总编可以撤稿。")
    if not article.is_published:
        raise ValidationError("只有已发布的稿件可以撤稿。")


def check_correct(article, user):
    _require_view(article, user)
    if not user.has_perm("articles.add_correction"):
        raise PermissionDenied("您无权发布更正。")
    if not article.is_published:
        raise ValidationError("只有已发布的稿件可以更正。")


def allowed_transitions(article, user):
    """The TRANSITIONS `user` may apply to `article` now, in button order (for the buttons only)."""
    return transition_options(article, user)[0]


def transition_options(article, user):
    """([Transition] `user` may apply to `article` now, [(button label, why not)] for the steps
    their role allows but a rule refuses them on this story), both in button order."""
    allowed, refused = [], []
    for transition in TRANSITIONS.values():
        try:
            transition.check(article, user)
        except Refusal as refusal:
            refused.append((transition.label(article), str(refusal)))
        except (PermissionDenied, ValidationError):
            continue
        else:
            allowed.append(transition)
    return allowed, refused


def edit_refusal(article, user):
    """Why `user`, who may change stories, may not change `article` now ("" if they may, or
    if they may not change stories at all: they know)."""
    if not user.has_perm("articles.change_article"):
        return ""
    try:
        check_edit(article, user)
    except PermissionDenied as refusal:
        return str(refusal)
    return ""


# Who put a story forward: creating it, importing it from a print page or submitting it
# makes a user one of its authors, like a byline does.
AUTHOR_ACTIONS = [Action.CREATE, Action.IMPORT, Action.SUBMIT]


def is_author(article, user):
    """Created, imported or submitted the story, or is credited on it (one query)."""
    if article.created_by_id == user.pk:
        return True
    credited = Credit.objects.filter(article=OuterRef("pk"), contributor__user=user)
    put_forward = TimelineEntry.objects.filter(article=OuterRef("pk"), actor=user, action__in=AUTHOR_ACTIONS)
    return Article.objects.filter(Exists(credited) | Exists(put_forward), pk=article.pk).exists()


def approvers_this_round(article):
    """Users who approved another stage since the story was last submitted.

    The stage the story waits in does not count: a story sent back to 待终审
    by an edit after sign-off may be signed off again by the same 总编.
    """
    submitted = article.timeline.filter(action=Action.SUBMIT).order_by("-at", "-pk").first()
    stage = STAGES[article.status][2] if article.status in STAGES else None
    others = [action for _, _, action in STAGES.values() if action != stage]
    approvals = article.timeline.filter(action__in=others)
    if submitted:
        approvals = approvals.filter(pk__gt=submitted.pk)
    return set(approvals.values_list("actor_id", flat=True))


# Transitions.


def _locked(article):
    return Article.objects.select_for_update().get(pk=article.pk)


def _refuse_if_changed(article, expected_status):
    """Refuse a transition posted from a page that showed another status (someone acted first)."""
    if not expected_status or article.status == expected_status:
        return
    latest = article.timeline.select_related("actor__contributor").order_by("-at", "-pk").first()
    happened = ""
    if latest:
        who = display_name(latest.actor) if latest.actor else "他人"
        at = timezone.localtime(latest.at)
        when = (
            f"{at.year}年{at.month}月{at.day}日" if at.year != timezone.localtime().year else f"{at.month}月{at.day}日"
        )
        happened = f"已由{who}于 {when} {at:%H:%M} {latest.get_action_display()}，"
    raise ValidationError(f"这篇稿件{happened}现为{article.get_status_display()}，请查看最新状态。")


def _move(article, user, action, to_status, comment=""):
    from_status = article.status
    article.status = to_status
    article.save(update_fields=["status", "published_at", "updated_at"])
    signals.status_changed.send(Article, article=article)
    return TimelineEntry.objects.record(article, user, action, comment, from_status=from_status, to_status=to_status)


@transaction.atomic
def submit(article, user, comment="", expected_status=None):
    article = _locked(article)
    _refuse_if_changed(article, expected_status)
    check_submit(article, user)
    pending = article.unacknowledged_findings()
    if pending:
        listing = "；".join(f"{finding.get_code_display()}「{finding.excerpt}」" for finding in pending)
        raise ValidationError(
            f"还有{len(pending)}条编辑检查提示未确认，请在“编辑检查”中改正或勾选确认后再提交：{listing}"
        )
    _move(article, user, Action.SUBMIT, Status.FIRST_REVIEW, comment)
    return article


@transaction.atomic
def approve(article, user, comment="", publish_at=None, expected_status=None):
    """Pass the current review stage. Final review signs the story off: it is
    published at `publish_at`, or now."""
    article = _locked(article)
    _refuse_if_changed(article, expected_status)
    check_approve(article, user)
    _, next_status, action = STAGES[article.status]
    if next_status == Status.PUBLISHED:
        article.set_publication_time(publish_at)
    _move(article, user, action, next_status, comment)
    if next_status == Status.PUBLISHED:
        audit.record(user, audit.Action.PUBLISH, article, published_at=article.published_at.isoformat())
    return article


def _required(comment, message):
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(message)
    return comment


@transaction.atomic
def return_to_draft(article, user, comment, expected_status=None):
    article = _locked(article)
    _refuse_if_changed(article, expected_status)
    check_return(article, user)
    comment = _required(comment, "退回稿件时必须填写意见。")
    was_scheduled = article.is_scheduled
    if was_scheduled:
        article.published_at = None
    _move(article, user, Action.RETURN, Status.DRAFT, comment)
    if was_scheduled:
        audit.record(user, audit.Action.UNPUBLISH, article, comment=comment)
    return article


@transaction.atomic
def withdraw(article, user, comment, expected_status=None):
    article = _locked(article)
    _refuse_if_changed(article, expected_status)
    check_withdraw(article, user)
    comment = _required(comment, "撤稿时必须填写原因。")
    _move(article, user, Action.WITHDRAW, Status.WITHDRAWN, comment)
    audit.record(user, audit.Action.WITHDRAW, article, comment=comment)
    return article


@transaction.atomic
def correct(article, user, text, expected_status=None):
    article = _locked(article)
    _refuse_if_changed(article, expected_status)
    check_correct(article, user)
    text = _required(text, "请填写更正内容。")
    correction = Correction.objects.create(article=article, text=text, author=user)
    TimelineEntry.objects.record(article, user, Action.CORRECT, text)
    now = timezone.now()
    # A published correction changes what readers see: the story shows 更新于 and its sitemap lastmod moves.
    Article.objects.filter(pk=article.pk).update(updated_at=now, revised_at=now)
    return correction


class Transition(NamedTuple):
    """A review step as the story page offers it: one button, one URL, one check, one function."""

    name: str  # in the URL and the posted form
    check: Callable  # check(article, user) raises unless `user` may take the step now
    run: Callable  # run(article, user, comment, expected_status=None, **{field: posted value})
    label: Callable  # label(article): the button's text, which may depend on the story's state
    done: str  # the message once the step is taken
    style: str = ""  # the button's CSS class
    fields: tuple = ()  # further posted fields run() takes


APPROVE_LABELS = {Status.FIRST_REVIEW: "初审通过", Status.SECOND_REVIEW: "复审通过", Status.FINAL_REVIEW: "终审签发"}

# Every review step, in the order the buttons appear.
TRANSITIONS = {
    transition.name: transition
    for transition in [
        Transition("submit", check_submit, submit, lambda article: "提交初审", "已提交初审。"),
        Transition(
            "approve",
            check_approve,
            approve,
            lambda article: APPROVE_LABELS.get(article.status, "审核通过"),
            "审核通过。",
            fields=("publish_at",),
        ),
        Transition(
            "return",
            check_return,
            return_to_draft,
            lambda article: "取消签发并退回" if article.is_scheduled else "退回修改",
            "已退回为草稿。",
        ),
        Transition("withdraw", check_withdraw, withdraw, lambda article: "撤稿", "已撤稿。", style="deletelink"),
        Transition("correct", check_correct, correct, lambda article: "发布更正", "已发布更正。"),
    ]
}


# The trash (回收站): deleting keeps the story, its revisions and timeline for
# settings.TRASH_DAYS days, during which 总编 may restore it; purge() ends it.

PURGE_ACTOR = "manage.py purge_trash"  # the audit log's username for purges


@transaction.atomic
def delete(article, user):
    """Move a story to the trash: gone from every list, search and the site, but kept.

    Who may: see can_delete(). Deleting a story already in the trash does nothing.
    """
    article = _locked(article)
    if article.status == Status.DELETED:
        return article
    if not can_delete(user, article):
        raise PermissionDenied("您无权删除这篇稿件。")
    from_status = article.status
    article.status_before_delete = from_status
    article.status = Status.DELETED
    article.deleted_at = timezone.now()
    article.deleted_by = user
    article.save(update_fields=["status", "status_before_delete", "deleted_at", "deleted_by", "updated_at"])
    signals.status_changed.send(Article, article=article)  # public search forgets the story
    TimelineEntry.objects.record(article, user, Action.DELETE, from_status=from_status, to_status=Status.DELETED)
    audit.record(user, audit.Action.DELETE, article, **_tombstone(article))
    return article


def in_trash(user, queryset=None):
    """The trashed stories `user` may see on the 回收站 page, deleted last first."""
    return _in_scope(user, queryset).filter(status=Status.DELETED).order_by("-deleted_at", "-pk")


def check_restore(article, user):
    if not user.has_perm("articles.restore_article"):
        raise PermissionDenied("只有总编可以从回收站恢复稿件。")
    if article.status != Status.DELETED:
        raise ValidationError("这篇稿件不在回收站中。")
    if scope_unions(user) is not None and not in_trash(user).filter(pk=article.pk).exists():
        raise PermissionDenied("您无权处理这篇稿件。")


def restored_status(article):
    """The state a trashed story returns to: the one it was deleted in."""
    return article.status_before_delete or Status.DRAFT


@transaction.atomic
def restore_from_trash(article, user):
    """Take a story out of the trash, back to the state it was deleted in.

    A signed-off story whose time has passed goes live at once, unreviewed: it
    was signed off before it was deleted (the confirmation page says so).
    """
    article = _locked(article)
    check_restore(article, user)
    to_status = restored_status(article)
    article.status = to_status
    article.status_before_delete = ""
    article.deleted_at = None
    article.deleted_by = None
    article.save(update_fields=["status", "status_before_delete", "deleted_at", "deleted_by", "updated_at"])
    signals.status_changed.send(Article, article=article)
    TimelineEntry.objects.record(article, user, Action.UNDELETE, from_status=Status.DELETED, to_status=to_status)
    audit.record(
        user,
        audit.Action.RESTORE,
        article,
        url=article.get_absolute_url(),
        status=to_status,
        live=article.is_published,
    )
    return article


def purge_after(article):
    """When a trashed story becomes due for purge."""
    return article.deleted_at + timedelta(days=settings.TRASH_DAYS)


def due_for_purge():
    """Stories in the trash for longer than settings.TRASH_DAYS, oldest first."""
    cutoff = timezone.now() - timedelta(days=settings.TRASH_DAYS)
    return Article.objects.filter(status=Status.DELETED, deleted_at__lt=cutoff).order_by("deleted_at", "pk")


@transaction.atomic
def purge(article):
    """Delete a trashed story for good, leaving a RemovedStory (what its URL answers
    from now on) and a tombstone in the audit log.

    Returns False, changing nothing, when the story has been restored or is not
    yet due (the purge command's list may be stale by the time it gets here).
    """
    article = Article.objects.select_for_update().filter(pk=article.pk).first()
    if article is None or not due_for_purge().filter(pk=article.pk).exists():
        return False
    audit.record(
        None,
        audit.Action.PURGE,
        article,
        username=PURGE_ACTOR,
        deleted_at=timezone.localtime(article.deleted_at).isoformat(),
        deleted_by=article.deleted_by.get_username() if article.deleted_by else "",
        **_tombstone(article),
    )
    RemovedStory.objects.create(
        pk=article.pk, headline=article.headline, was_live=was_live_when_deleted(article), removed_at=timezone.now()
    )
    article.delete()  # with its revisions, timeline and links; photo files stay on disk
    return True


def was_live_when_deleted(article):
    """Readers had seen this trashed story at its URL, so it answers 410 (gone) rather than 404."""
    before = article.status_before_delete
    return before == Status.WITHDRAWN or (
        before == Status.PUBLISHED and article.published_at is not None and article.published_at <= article.deleted_at
    )


def _tombstone(article):
    """What the audit log keeps of a trashed story."""
    return {
        "headline": article.headline,
        "url": article.get_absolute_url(),
        "status_before_delete": article.status_before_delete,
        "published_at": timezone.localtime(article.published_at).isoformat() if article.published_at else None,
        "was_live": was_live_when_deleted(article),
    }
