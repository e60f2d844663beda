"""Photo originals in the admin: they have no public URL, so editors download
them through the story, which checks that they may see it."""

from pathlib import PurePosixPath

from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse


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
    response = FileResponse(file, as_attachment=True, filename=PurePosixPath(photo.image.name).name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
