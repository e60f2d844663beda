"""Photos chosen in a story form that could not be saved: upload first, attach on the save that succeeds.

A browser cannot send a chosen file again, so when the form comes back (another
photo was broken, a field was missing) every valid new photo in it is written to
STAGING_FOLDER of the private originals storage and the row carries a signed
token naming it. The next save reads the photo from there unless the editor
chose another file, and removes it once the story is saved. Staged files nobody
came back for are removed by `manage.py cleanup_media` after PHOTO_STAGING_HOURS.
"""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from unionnews import media

STAGING_FOLDER = "photos/staging/"
SALT = "articles.admin.staging"


class StagedUpload(SimpleUploadedFile):
    """A photo read back from the staging folder; `token` and `staged_name` say where it lies."""

    def __init__(self, name, content, staged_name, token):
        super().__init__(name, content)
        self.staged_name, self.token = staged_name, token


def stage(upload):
    """Keep `upload` (a valid new photo) for the next save; return its token."""
    if isinstance(upload, StagedUpload):
        return upload.token  # kept already
    name = PurePosixPath(upload.name).name
    upload.seek(0)
    try:
        stored = media.originals().save(f"{STAGING_FOLDER}{secrets.token_hex(12)}/{name}", upload)
    finally:
        upload.seek(0)
    return signing.dumps(stored, salt=SALT)


def staged(token):
    """The upload a token from stage() names, or None if it is forged, too old or gone."""
    try:
        name = signing.loads(token, salt=SALT, max_age=settings.PHOTO_STAGING_HOURS * 3600)
    except signing.BadSignature:
        return None
    if not isinstance(name, str) or not name.startswith(STAGING_FOLDER) or ".." in name:
        return None
    try:
        with media.originals().open(name, "rb") as file:
            content = file.read()
    except media.STORAGE_ERRORS:
        return None  # gone, or object storage down: the editor chooses the photo again
    return StagedUpload(PurePosixPath(name).name, content, name, token)


def kept_names(data):
    """The file names of the kept photos the form `data` names (a full disk asks for them again)."""
    names = []
    for key, token in data.items():
        if key.endswith("-kept"):
            try:
                names.append(PurePosixPath(signing.loads(token, salt=SALT)).name)
            except (signing.BadSignature, TypeError):
                continue
    return names


def discard_after_commit(uploads):
    """Remove the staged files of `uploads` once the save that attached them commits."""
    names = [upload.staged_name for upload in uploads if isinstance(upload, StagedUpload)]
    if names:
        transaction.on_commit(lambda: [media.originals().delete(name) for name in names])
