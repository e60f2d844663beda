"""Where uploaded files live, and how the app serves the public ones.

Two storages (settings.STORAGES): "default" is MEDIA_ROOT, public, served at
MEDIA_URL, and holds only what readers may fetch (photo renditions). "originals"
is PRIVATE_MEDIA_ROOT, never served at a public URL: editors download an
original through the admin, which checks they may see its story.

With AWS_STORAGE_BUCKET_NAME set (README "Object storage (S3)") both are S3
storages instead: public media at the bucket's top, its URLs MEDIA_URL + key;
originals in AWS_PRIVATE_BUCKET_NAME, or under "private/" of the same bucket,
which the proxy and the bucket's public-read policy leave out.
"""

import contextvars
import errno
import json
import mimetypes
import os
import posixpath
import re
from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, cached_property, empty
from django.views import static
from storages.backends.s3 import S3Storage

# Types a browser shows as a picture and never runs as a page; anything else is a download.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}

# Photo renditions are named with a hash of their bytes (articles.images.rendition_name):
# such a name never gets other content, so browsers and proxies keep it for a year
# without asking again. deploy/nginx/common.conf has the same pattern.
IMMUTABLE = re.compile(r"^photos/renditions/.+\.[0-9a-f]{16}\.(jpg|webp)$")
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"

# What reading a stored file may raise: a missing file, a full disk, object storage down or refusing.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

_written = contextvars.ContextVar("unionnews_media_written", default=None)


@contextmanager
def removing_files_on_error():
    """Delete every file saved inside this block if the block fails.

    The database rolls back its rows on an error; this does the same for the
    files the rows would have pointed at (a photo and its renditions), so a
    failed save (a full disk, say) leaves nothing behind. Use it outside the
    transaction.
    """
    outer, written = _written.get(), []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for storage, name in reversed(written):
            storage.delete(name)
        raise
    else:
        if outer is not None:
            outer.extend(written)  # an enclosing block may still fail
    finally:
        _written.reset(token)


class CleanFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that removes a partly written file when writing fails (the disk is full)."""

    def _save(self, name, content):
        existed = self.exists(name)
        try:
            name = super()._save(name, content)
        except BaseException:
            if not existed and os.path.isfile(self.path(name)):
                os.remove(self.path(name))
            raise
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name


class PrivateFileSystemStorage(CleanFileSystemStorage):
    """Files at PRIVATE_MEDIA_ROOT, which have no public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("原图不对外提供网址，请在稿件编辑页下载。")


class CleanS3Storage(S3Storage):
    """Public media in an S3 bucket, at MEDIA_URL + key: no signed query strings, so pages
    and the page cache keep one URL per file (through the proxy or a media domain/CDN).

    As on disk, a name already taken gets a suffix rather than overwriting, and files
    written inside removing_files_on_error() are deleted if the block fails. An upload
    that fails leaves nothing behind (s3transfer aborts a multipart upload).
    """

    file_overwrite = False
    querystring_auth = False

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name

    def get_object_parameters(self, name):
        """Headers the bucket sends with the object, as serve() and deploy/nginx send them."""
        params = super().get_object_parameters(name)
        content_type, _ = mimetypes.guess_type(name)
        if content_type not in INLINE_TYPES:
            params.setdefault("ContentDisposition", "attachment")
        if IMMUTABLE.match(name):
            params.setdefault("CacheControl", IMMUTABLE_CACHE_CONTROL)
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name).lstrip("/")


class PrivateS3Storage(CleanS3Storage):
    """Photo originals in the private bucket or prefix (settings: STORAGES["originals"]["OPTIONS"])."""

    def get_object_parameters(self, name):
        return {**S3Storage.get_object_parameters(self, name), "ContentDisposition": "attachment"}

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("原图不对外提供网址，请在稿件编辑页下载。")


def public_read_policy(bucket_name, prefixes=None):
    """The bucket policy (JSON) that lets anyone read the public folders and nothing else,
    for a proxy or CDN that reads the bucket without credentials (deploy/nginx/media-s3.conf)."""
    prefixes = settings.MEDIA_PUBLIC_PREFIXES if prefixes is None else prefixes
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicMedia",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject"],
                    "Resource": [f"arn:aws:s3:::{bucket_name}/{prefix.lstrip('/')}*" for prefix in prefixes],
                }
            ],
        }
    )


def on_disk(storage):
    """True for a storage whose files are on this machine's disk (not in object storage)."""
    return isinstance(storage, FileSystemStorage)


class _Originals(LazyObject):
    def _setup(self):
        self._wrapped = storages["originals"]


_originals = _Originals()


def originals():
    """The storage of photo originals (a callable, so migrations name it rather than copy it)."""
    return _originals


@receiver(setting_changed)
def _storages_changed(setting, **kwargs):
    if setting == "STORAGES":
        _originals._wrapped = empty


def is_disk_full(error):
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def is_public(path):
    """True if `path` (relative to MEDIA_ROOT) is in one of the folders readers may fetch."""
    path = posixpath.normpath(path).lstrip("/")
    return not path.startswith("..") and any(path.startswith(prefix) for prefix in settings.MEDIA_PUBLIC_PREFIXES)


def serve(request, path):
    """Serve a public file from MEDIA_ROOT or the bucket if SERVE_MEDIA (development, no web server in front).

    Defence in depth, should a file that is not a photo land in MEDIA_ROOT: only
    the public folders are served; the response may not run scripts or be
    sniffed as another type; and only pictures are shown inline, anything else
    (an HTML page, an SVG) is a download, so it never renders as our own site.
    """
    if not settings.SERVE_MEDIA or not is_public(path):
        raise Http404("没有这个文件。")
    storage = storages["default"]
    if on_disk(storage):
        response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    else:
        # Object storage without a proxy in front (development): the app passes the file on.
        try:
            response = FileResponse(storage.open(posixpath.normpath(path).lstrip("/"), "rb"))
        except FileNotFoundError:
            raise Http404("没有这个文件。") from None
    content_type, _ = mimetypes.guess_type(path)
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    if content_type not in INLINE_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    elif IMMUTABLE.match(posixpath.normpath(path).lstrip("/")):
        response["Cache-Control"] = IMMUTABLE_CACHE_CONTROL
    return response
