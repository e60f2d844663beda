from django.contrib import admin, messages
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from taggit.managers import TaggableManager

from articles import editing, presence, tagging, workflow
from articles.admin import changelist, photos, scoping, staging, trash, workflow_views
from articles.admin.article_form import ArticleForm, submitted_state
from articles.admin.base import RelatedRowsInline, StoryRowsFormSet
from articles.admin.contributors import PeopleAutocompleteSelect, people_field
from articles.admin.filters import ContributorFilter, EditionDateFilter, TagFilter, UnionSubtreeFilter
from articles.admin.scoping import ScopedInlineMixin
from articles.admin.tags import TagInput
from articles.models import Article, ArticleUnion, Credit, Photo, Placement, Segment
from unionnews import media


class SubjectUnionFormSet(StoryRowsFormSet):
    """For correspondents: at least one 报道对象, or the story would leave their scope."""

    subject_required = False

    def clean(self):
        super().clean()
        if not self.subject_required:
            return
        subjects = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == ArticleUnion.Role.SUBJECT
        ]
        if not subjects:
            raise ValidationError("请至少添加一个报道对象（您采写范围内的工会组织）。")


class ArticleUnionInline(RelatedRowsInline, ScopedInlineMixin, admin.TabularInline):
    model = ArticleUnion
    related = ["union"]
    formset = SubjectUnionFormSet
    fields = ["union", "role"]
    autocomplete_fields = ["union"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.subject_required = workflow.scope_unions(request.user) is not None
        return formset


class CreditInline(RelatedRowsInline, ScopedInlineMixin, admin.TabularInline):
    model = Credit
    related = ["contributor"]
    autocomplete_widget = PeopleAutocompleteSelect
    formset = StoryRowsFormSet
    fields = ["contributor", "role", "position"]
    autocomplete_fields = ["contributor"]
    extra = 1

    def get_queryset(self, request):
        # A saved row names its person with the unit (周文澜（本报）), as the autocomplete does.
        return super().get_queryset(request).select_related("contributor__union")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contributor":
            people_field(db_field, self.admin_site, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def own_credit(self, request):
        """The first credit of a new story: its writer's own byline, when they have one
        (通讯员 for a union's correspondent, 记者 otherwise), or None."""
        contributor = getattr(request.user, "contributor", None)
        if contributor is None:
            return None
        role = Credit.Role.CORRESPONDENT if contributor.union_id else Credit.Role.REPORTER
        return {"contributor": contributor.pk, "role": role, "position": 0}


class PhotoInline(admin.StackedInline):
    model = Photo
    form = photos.PhotoForm
    formset = StoryRowsFormSet
    fields = [("image", "preview"), "caption", ("credit", "alt_text", "position")]
    readonly_fields = ["preview", "original"]
    formfield_overrides = {models.ImageField: {"widget": photos.KeptFileWidget}}
    extra = 1

    def get_fields(self, request, obj=None):
        if obj is not None and not workflow.can_edit(request.user, obj):
            # Read-only, the admin would link the file to its URL; originals have none.
            return [("original", "preview"), "caption", ("credit", "alt_text", "position")]
        return super().get_fields(request, obj)

    @admin.display(description="图片")
    def original(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        name = photo.image.name.rsplit("/", 1)[-1]
        return format_html('<a href="{}" download>{}</a>', photos.original_url(photo), name)

    @admin.display(description="预览")
    def preview(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        download = format_html('<a href="{}" download>下载原图</a>', photos.original_url(photo))
        if not photo.thumbnail:
            return download
        thumbnail = format_html('<img class="photo-preview" src="{}" alt="{}">', photo.thumbnail.url, photo.alt)
        return format_html("{}<br>{}", thumbnail, download)


class SegmentInline(RelatedRowsInline, ScopedInlineMixin, admin.StackedInline):
    """One union's part of a roundup; most stories have none."""

    model = Segment
    related = ["union"]
    formset = StoryRowsFormSet
    fields = [("union", "heading", "position"), "body"]
    readonly_fields = ["text"]
    autocomplete_fields = ["union"]
    extra = 0

    def get_fields(self, request, obj=None):
        if obj is not None and not workflow.can_edit(request.user, obj):
            return [("union", "heading", "position"), "text"]  # the text as readers see it
        return super().get_fields(request, obj)

    @admin.display(description="内容")
    def text(self, segment):
        return mark_safe(segment.body)  # sanitised on every save (Segment.save)


class PlacementInline(RelatedRowsInline, admin.TabularInline):
    model = Placement
    related = ["page"]
    formset = StoryRowsFormSet
    fields = ["page", "part", "is_lead"]
    autocomplete_fields = ["page"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(trash.TrashAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    list_display = ["title", "state", "published_at", "lead_union", "edition_pages", "is_featured", "updated_at"]
    list_filter = ["status", UnionSubtreeFilter, TagFilter, EditionDateFilter, ContributorFilter, "is_featured"]
    # By headline; articles.search puts its index behind the same box.
    search_fields = ["headline"]
    # Drilled down by year, month and day without reading the list (StoryChangeList.dates).
    date_hierarchy = "published_at"
    list_per_page = 50
    # Counted up to a cap, or estimated, never in full (changelist.CappedPaginator).
    show_full_result_count = False
    save_on_top = True
    autocomplete_fields = ["editor", "events"]
    formfield_overrides = {TaggableManager: {"widget": TagInput}}
    fieldsets = [
        ("标题", {"fields": ["kicker", "headline", "subheadline", "short_headline", "loaded_version", "base_state"]}),
        ("稿源与署名", {"fields": [("source", "dateline"), "editor"]}),
        ("正文", {"fields": ["summary", "body"]}),
        # Status and time change only through the review buttons (articles/workflow.py).
        ("发布", {"fields": [("state", "published_at"), "is_featured", "correction_note"]}),
        ("标签与活动", {"fields": ["tags", "events"]}),
    ]
    # What somebody who may only look at the story sees: the text as readers will, no form-only fields.
    read_only_fieldsets = [
        ("标题", {"fields": ["kicker", "headline", "subheadline", "short_headline"]}),
        ("稿源与署名", {"fields": [("source", "dateline"), "editor"]}),
        ("正文", {"fields": ["summary", "rendered_body"]}),
        ("发布", {"fields": [("state", "published_at"), "is_featured"]}),
        ("标签与活动", {"fields": ["tags", "events"]}),
    ]
    inlines = [ArticleUnionInline, CreditInline, SegmentInline, PhotoInline, PlacementInline]

    class Media:
        css = {"all": ["admin-extra/admin.css"]}
        js = ["admin-extra/upload-progress.js"]

    def get_queryset(self, request):
        # Only what the user's scope allows (the list adds what its columns read: StoryChangeList).
        return workflow.visible_to(request.user, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        # change_view() looks the story up before Django's view does: on a GET (nothing is
        # saved, no retry after a conflict), Django's view takes the same instance.
        loaded = getattr(request, "_story_loaded", None)
        if request.method == "GET" and from_field is None and loaded and loaded[0] == object_id:
            return loaded[1]
        return super().get_object(request, object_id, from_field)

    def get_changelist(self, request, **kwargs):
        return changelist.StoryChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        """Counts that stay cheap at any archive size: the planner's estimate for the whole
        list of an editor of every union (PostgreSQL), a count capped at COUNT_CAP otherwise."""
        page = request.GET.get(PAGE_VAR, "")
        return changelist.CappedPaginator(
            queryset,
            per_page,
            orphans,
            allow_empty_first_page,
            page=int(page) if page.isdigit() and len(page) < 9 else 1,
            estimate=not changelist.is_filtered(request) and workflow.scope_unions(request.user) is None,
            searched_newest=getattr(request, "_story_search_limit", None),
        )

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return self.read_only_fieldsets
        if obj is None or not obj.is_published:
            # A correction is published with an edit of a live story only.
            return [
                (title, {**options, "fields": [f for f in options["fields"] if f != "correction_note"]})
                for title, options in self.fieldsets
            ]
        return self.fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = scoping.limit(super().get_form(request, obj, change, **kwargs), request, obj)
        refusal = {
            name: getattr(request, f"_story_{name}")
            for name in ["conflict", "storage_full", "storage_down"]
            if getattr(request, f"_story_{name}", None) is not None
        }
        return type(form.__name__, (form,), refusal) if refusal else form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "editor":
            people_field(db_field, self.admin_site, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # Offered on the empty form only: given on a POST too, a kept credit would count
        # as unchanged and not be saved.
        if isinstance(inline, CreditInline) and obj.pk is None and request.method == "GET":
            credit = inline.own_credit(request)
            if credit:
                kwargs["initial"] = [credit]
        return kwargs

    def get_readonly_fields(self, request, obj=None):
        readonly = ["state", "published_at", "rendered_body"]
        if not request.user.has_perm("articles.first_review_article"):
            readonly.append("is_featured")  # the front page is the desk's call
        return readonly

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_delete(request.user, obj))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("没有这篇稿件，或它不在您的采写范围内。")
        request._story_loaded = (object_id, article)
        editable = self.has_change_permission(request, article)
        if request.method == "GET" and editable:
            presence.opened(article, request.user)
        transitions, refused = workflow.transition_options(article, request.user)
        context = {
            **(extra_context or {}),
            "editable": editable,
            "workflow_buttons": workflow_views.buttons(article, transitions),
            "workflow_asks_publish_time": workflow_views.asks_publish_time(article, transitions),
            # Why a button the user's role offers is missing, and why the form is read-only.
            "workflow_refused": refused,
            "edit_refusal": "" if editable else workflow.edit_refusal(article, request.user),
            "timeline": article.timeline.select_related("actor__contributor__union"),
            "corrections": article.corrections.all(),
            "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
            "others_editing": presence.others(article, request.user),
        }
        return super().change_view(request, object_id, form_url, context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = self._changeform_response(request, object_id, form_url, extra_context)
        if request.headers.get("X-Upload-Progress") and response.status_code == 302:
            # Sent by upload-progress.js, which cannot stop XMLHttpRequest following a redirect
            # (and reading the next page's messages): it goes there itself.
            return JsonResponse({"location": response["Location"]})
        return response

    def _changeform_response(self, request, object_id, form_url, extra_context):
        try:
            with media.removing_files_on_error():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except editing.Conflict as conflict:
            # Nothing was written (the transaction rolled back). Show the form
            # again with what the editor typed and the fields to choose between.
            request._story_conflict = conflict
            extra_context = {**(extra_context or {}), "conflict": conflict}
            return super().changeform_view(request, object_id, form_url, extra_context)
        except editing.StorageFull as error:
            # Nothing was written, no file is left; the form comes back as typed, with the reason.
            request._story_storage_full = [upload.name for upload in request.FILES.values()] + staging.kept_names(
                request.POST
            )
            request._story_storage_down = isinstance(error, editing.StorageUnavailable) or None
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and not any(
            hasattr(request, f"_story_{refusal}") for refusal in ["conflict", "storage_full"]
        ):
            # The form comes back unsaved because of what was typed: keep the valid photos
            # chosen in it (staging). A conflict or a full disk asks for them again, by name.
            for inline in context.get("inline_admin_formsets", []):
                for form in inline.formset.forms:
                    if isinstance(form, photos.PhotoForm):
                        form.keep_upload()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # The story is written with its inlines, through articles.editing, in save_related().
        if not change:
            obj.created_by = request.user

    def save_formset(self, request, form, formset, change):
        raise NotImplementedError("inlines are written by articles.editing, from the snapshot")

    def save_related(self, request, form, formsets, change):
        user = request.user
        editable = [formset for formset in formsets if user.has_perm(_change_perm(formset.model))]
        state = submitted_state(form, editable)
        if change:
            version, base = form.base()
            choices = {
                key.removeprefix("resolve-"): value for key, value in request.POST.items() if key.startswith("resolve-")
            }
            saved = editing.save(
                form.instance,
                user,
                state,
                base_version=version,
                base=base,
                choices=choices,
                choices_version=form.cleaned_data.get("resolved_against"),
                correction=form.cleaned_data.get("correction_note", ""),
            )
            form.instance.refresh_from_db()
        else:
            saved = editing.create(form.instance, user, state)
        request._story_saved = saved
        staging.discard_after_commit(
            form.cleaned_data.get("image")
            for formset in formsets
            for form in formset.forms
            if isinstance(form, photos.PhotoForm) and form.cleaned_data
        )
        self.story_saved(request, form)
        if saved.kept:
            self.message_user(
                request,
                f"他人在您编辑期间修改了{'、'.join(saved.kept)}，已保留他们的修改，"
                f"并与您对{'、'.join(saved.changed) or '稿件'}的修改合并保存。",
                messages.WARNING,
            )
        if saved.reopened:
            self.message_user(
                request, "这篇稿件已签发但尚未发布，修改后已退回“待终审”，需总编重新签发。", messages.WARNING
            )
        elif saved.changed and form.instance.is_published:
            self.message_user(request, "已更新已发布的稿件，读者页面显示“更新于”时间；此次修改已记入审计日志。")
        if form.instance.needs_short_headline:
            self.message_user(request, SHORT_HEADLINE_ADVICE, messages.WARNING)

    def story_saved(self, request, form):
        """Called once the story and its inlines are written, before the save's messages:
        where the apps that extend this admin (extend_story_admin) act on the saved story."""

    def construct_change_message(self, request, form, formsets, add=False):
        # For Django's own log: the inlines were not saved by their formsets, so name the fields ourselves.
        if add:
            return [{"added": {}}]
        saved = getattr(request, "_story_saved", None)
        return [{"changed": {"fields": saved.changed}}] if saved and saved.changed else []

    def response_change(self, request, obj):
        action = request.POST.get("_workflow")
        if not action:
            return super().response_change(request, obj)
        saved = getattr(request, "_story_saved", None)
        if saved is not None and saved.kept:
            self.message_user(
                request, "您的修改已保存，但其中合并了他人的修改，请核对全文后再进行审稿操作。", messages.WARNING
            )
        else:
            workflow_views.perform(request, obj, action, after_save=True)
        return redirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def delete_model(self, request, obj):
        workflow.delete(obj, request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            workflow.delete(article, request.user)

    def get_urls(self):
        def view(function, route, name):
            def wrapped(request, *args, **kwargs):
                return function(self, request, *args, **kwargs)

            return path(route, self.admin_site.admin_view(wrapped), name=f"articles_article_{name}")

        return [
            view(lambda admin_, request: self.tag_suggestions(request), "tag-suggestions/", "tag_suggestions"),
            view(workflow_views.desk, "desk/", "desk"),
            view(trash.trash, "trash/", "trash"),
            view(trash.restore, "trash/<int:pk>/restore/", "untrash"),
            view(workflow_views.transition, "<path:object_id>/workflow/<str:action>/", "transition"),
            view(workflow_views.preview, "<path:object_id>/preview/", "preview"),
            view(workflow_views.history, "<path:object_id>/revisions/", "revisions"),
            view(workflow_views.compare, "<path:object_id>/revisions/compare/", "compare"),
            view(workflow_views.restore, "<path:object_id>/revisions/<int:number>/restore/", "restore"),
            view(workflow_views.ping, "<path:object_id>/presence/", "presence"),
            view(photos.download, "<path:object_id>/photos/<int:photo_id>/original/", "photo_original"),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Existing tags for TagInput: {"results": ["工会", "工BA"]}."""
        if not (self.has_view_or_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        return JsonResponse({"results": tagging.suggest(request.GET.get("term", ""), request.user)})

    @admin.display(description="正文")
    def rendered_body(self, article):
        return mark_safe(article.body)  # sanitised on every save (Article.save)

    @admin.display(description="标题", ordering="headline")
    def title(self, article):
        if not article.kicker:
            return article.headline
        return format_html('<span class="kicker">{}</span><br>{}', article.kicker, article.headline)

    @admin.display(description="状态", ordering="status")
    def state(self, article):
        if article.is_scheduled:
            return f"{article.status_label}（{timeuntil(article.published_at, timezone.now())}后）"
        return article.status_label

    @admin.display(description="相关工会")
    def lead_union(self, article):
        union = article.lead_union
        return union.short_name if union else "—"

    @admin.display(description="见报版面")
    def edition_pages(self, article):
        pages = [placement.page for placement in article.placements.all()]
        return "，".join(f"{page.edition_date:%Y-%m-%d} 第{page.number}版" for page in pages) or "—"


SHORT_HEADLINE_ADVICE = "主题超过30字，建议填写“短标题”（30字以内），列表和卡片将显示短标题。"


def _change_perm(model):
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def extend_story_admin(mixin):
    """Register the story admin again, with `mixin` in front of it.

    The apps built on articles add their parts of the story form this way, from their own
    admin modules (articles.editorial: the checks and captions; articles.search: the search
    box), so articles imports none of them. Admin autodiscovery imports those modules after
    this one (INSTALLED_APPS order).
    """
    current = type(admin.site.get_model_admin(Article))
    admin.site.unregister(Article)
    admin.site.register(Article, type(current.__name__, (mixin, current), {"__module__": mixin.__module__}))
