"""The 回收站 (trash) in the story admin: deleting moves a story here, 总编 restores it.

The rules live in articles/workflow.py (delete, restore_from_trash, purge). This
module gives the admin its wording: delete confirmations that say the story goes
to the trash (no list of related objects, since none is deleted), the trash page
and the restore step. ArticleAdmin mixes in TrashAdminMixin and routes the views.
"""

from math import ceil

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from unionnews.pagination import paginate_counted

Status = Article.Status
PER_PAGE = 50


def trash_note():
    return f"移入回收站，可在{settings.TRASH_DAYS}天内由总编恢复"


@admin.action(permissions=["delete"], description="删除所选的稿件")
def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, by its name, moving the stories to the trash: Django's
    confirmation page (with our template), then workflow.delete() story by story."""
    if not request.POST.get("post"):
        response = django_delete_selected(modeladmin, request, queryset)
        response.context_data["trash_note"] = trash_note()
        if not response.context_data["perms_lacking"]:
            response.context_data["title"] = "删除所选的稿件"
        return response
    _, _, refused, _ = modeladmin.get_deleted_objects(queryset, request)
    if refused:
        raise PermissionDenied("您无权删除所选稿件中的：" + "、".join(sorted(refused)))
    count = len(queryset)
    if count:
        with transaction.atomic():  # all or none
            modeladmin.log_deletions(request, queryset)
            modeladmin.delete_queryset(request, queryset)
        modeladmin.message_user(request, f"已将{count}篇稿件{trash_note()}。", messages.SUCCESS)
    return None  # back to the story list


class StatusFilter(admin.ChoicesFieldListFilter):
    """The story list's status filter without 已删除: those stories are on the 回收站 page."""

    def choices(self, changelist):
        hidden = Status.DELETED.label
        return (choice for choice in super().choices(changelist) if not str(choice["display"]).startswith(hidden))


class TrashAdminMixin:
    """ArticleAdmin's side of the trash: delete pages that say "移入回收站" and list no
    related objects (none is deleted), and no 已删除 in the status filter."""

    actions = [delete_selected]  # replaces Django's action of that name
    delete_confirmation_template = "admin/articles/article/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/articles/article/delete_selected_confirmation.html"

    def get_deleted_objects(self, objs, request):
        """Nothing but the stories themselves; the ones this user may not delete are refused."""
        stories = list(objs)
        refused = {str(story) for story in stories if not self.has_delete_permission(request, story)}
        return [str(story) for story in stories], {self.opts.verbose_name_plural: len(stories)}, refused, []

    def get_list_filter(self, request):
        return [("status", StatusFilter) if name == "status" else name for name in super().get_list_filter(request)]

    def render_delete_form(self, request, context):
        context["trash_note"] = trash_note()
        return super().render_delete_form(request, context)

    def response_delete(self, request, obj_display, obj_id):
        if IS_POPUP_VAR in request.POST:
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(request, f"已将稿件“{obj_display}”{trash_note()}。", messages.SUCCESS)
        return redirect("admin:articles_article_changelist")


# The views, routed by ArticleAdmin.get_urls().


def _require_restorer(request):
    if not request.user.has_perm("articles.restore_article"):
        raise PermissionDenied("只有总编可以查看和恢复回收站中的稿件。")


def trash(model_admin, request):
    """回收站: the trashed stories, deleted last first, with the days left before purge."""
    _require_restorer(request)
    page = paginate_counted(
        request, workflow.in_trash(request.user).select_related("deleted_by__contributor__union"), per_page=PER_PAGE
    )
    now = timezone.now()
    rows = [(story, _status_before(story), _days_left(story, now)) for story in page]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "回收站",
        "page_obj": page,
        "rows": rows,
        "trash_days": settings.TRASH_DAYS,
    }
    return TemplateResponse(request, "admin/articles/article/trash.html", context)


def restore(model_admin, request, pk):
    """GET: what restoring will do; POST: restore (workflow.restore_from_trash)."""
    _require_restorer(request)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    story = workflow.in_trash(request.user).select_related("deleted_by__contributor__union").filter(pk=pk).first()
    if story is None:
        raise Http404("回收站中没有这篇稿件，它可能已被恢复或彻底删除。")
    if request.method == "POST":
        try:
            workflow.restore_from_trash(story, request.user)
        except ValidationError as error:
            messages.error(request, "恢复未完成：" + " ".join(error.messages))
            return redirect("admin:articles_article_trash")
        messages.success(request, f"已恢复“{story.headline}”。{_after_restore(story, timezone.now())}")
        return redirect("admin:articles_article_change", story.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "从回收站恢复稿件",
        "story": story,
        "status_before": _status_before(story),
        "consequence": _after_restore(story, timezone.now()),
    }
    return TemplateResponse(request, "admin/articles/article/trash_restore.html", context)


def _status_before(story):
    label = dict(Status.choices).get(story.status_before_delete, story.status_before_delete or "—")
    if story.status_before_delete == Status.PUBLISHED and story.published_at:
        moment = timezone.localtime(story.published_at)
        return f"{label}（{moment:%Y-%m-%d %H:%M}）"
    return label


def _days_left(story, now):
    """Whole days until the story is due for purge, rounded up; 0 once due."""
    return max(0, ceil((workflow.purge_after(story) - now).total_seconds() / 86400))


def _after_restore(story, now):
    """What restoring does for readers and the desk, in one sentence."""
    status = workflow.restored_status(story)
    if status == Status.PUBLISHED:
        if story.published_at <= now:
            return "这篇稿件删除前已由总编签发，恢复后立即重新出现在网站上，不需要重新审核。"
        moment = timezone.localtime(story.published_at)
        return f"这篇稿件删除前已签发，恢复后仍将于{moment:%Y-%m-%d %H:%M}定时发布。"
    if status == Status.WITHDRAWN:
        return "恢复后仍为已撤稿状态，读者打开原网址仍看到撤稿说明。"
    return f"恢复后回到“{dict(Status.choices)[status]}”状态，读者看不到。"
