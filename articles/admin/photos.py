"""Photo originals in the admin: they have no public URL, so editors download
them through the story, which checks that they may see it."""

from pathlib import PurePosixPath

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html

from articles.admin import staging
from unionnews import media


def original_url(photo):
    return reverse("admin:articles_article_photo_original", args=[photo.article_id, photo.pk])


class _Original:
    """What the file widget shows for a stored original: its name, linked to the download."""

    def __init__(self, field_file):
        self.url = original_url(field_file.instance)
        self.name = field_file.name

    def __str__(self):
        return PurePosixPath(self.name).name


class OriginalFileWidget(AdminFileWidget):
    """The admin's file input, with "目前" linking to the original's download, not a public URL."""

    def is_initial(self, value):
        return bool(value and getattr(value, "_committed", False) and getattr(value.instance, "pk", None))

    def format_value(self, value):
        return _Original(value) if self.is_initial(value) else None


class KeptFileWidget(OriginalFileWidget):
    """The photo file input, plus the photo kept from a save that failed (staging):
    a hidden token naming it, and its name for the editor to see. A file chosen
    now replaces it."""

    kept = None  # (token, file name), set by PhotoForm.keep_upload()

    def kept_name(self, name):
        return f"{name}-kept"

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept:
            return html
        token, file_name = self.kept
        return format_html(
            '{}<input type="hidden" name="{}" value="{}" data-file-name="{}"><p class="kept-photo">'
            "已保留上次选择的图片：<strong>{}</strong>，保存稿件时添加，无需重新选择（重新选择图片则替换它）。</p>",
            html,
            self.kept_name(name),
            token,
            file_name,
            file_name,
        )

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload is None and data.get(self.kept_name(name)):
            return staging.staged(data[self.kept_name(name)]) or upload
        return upload

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and self.kept_name(name) not in data


class PhotoForm(forms.ModelForm):
    """A photo row whose valid new upload survives a save that fails elsewhere in the story form."""

    def keep_upload(self):
        """Stage this row's new photo if it passed its checks, so the re-shown form carries it."""
        if not self.is_bound or self.errors.get("image") or not hasattr(self, "cleaned_data"):
            return
        upload = self.cleaned_data.get("image")
        if not isinstance(upload, UploadedFile) or self.cleaned_data.get("DELETE"):
            return
        try:
            token = staging.stage(upload)
        except media.STORAGE_ERRORS:
            return  # a full disk, object storage down: the message asks for the photo again
        self.fields["image"].widget.kept = (token, upload.name)


def download(model_admin, request, object_id, photo_id):
    """The original of a photo, as a download, for staff who may see its story.

    A story outside the user's scope is a 404 (as its page is); a user who may
    not see stories at all gets a 403.
    """
    article = model_admin.get_object(request, object_id)
    if article is None:
        raise Http404("没有这篇稿件。")
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied("您没有查看这篇稿件的权限。")
    photo = get_object_or_404(article.photos.all(), pk=photo_id)
    try:
        file = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404("原图文件不存在。") from None
    except media.STORAGE_ERRORS:
        return HttpResponse(
            "原图暂时无法读取：文件存储没有响应，请稍后再试。",
            status=503,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": "60"},
        )
    response = FileResponse(file, as_attachment=True, filename=PurePosixPath(photo.image.name).name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
