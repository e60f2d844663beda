"""Find the files in MEDIA_ROOT and PRIVATE_MEDIA_ROOT that nothing refers to:
`python manage.py cleanup_media [--delete] [--min-age MINUTES]`.

A file is referenced when a FileField or ImageField of any model's row names
it, or when a story revision can restore a photo with it (a deleted photo keeps
its files for 恢复此版本). Files younger than --min-age are left alone: a save
may be writing them. Photos kept from a story form that could not be saved
(articles.admin.staging) are left alone for PHOTO_STAGING_HOURS, while the form
may still bring them back. Without --delete, it only lists them with their sizes.
Symbolic links are never followed nor deleted, only reported as skipped: what
they point to may lie outside the media folders. With media in object storage
(README "Object storage (S3)") it lists the objects of the storages' buckets and
prefixes instead, as s3://bucket/key. Progress goes to stderr, the list and
summary to stdout.
"""

import os
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import models
from django.template.defaultfilters import filesizeformat

from articles import revisions
from articles.admin import staging
from articles.models import Photo
from unionnews import media


class Command(BaseCommand):
    help = "List (or with --delete remove) uploaded files that no row or revision refers to."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the files found; by default only list them.")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Skip files changed in the last MINUTES minutes (default 60): a save may be writing them.",
        )

    def handle(self, *args, delete, min_age, **options):
        cutoff = time.time() - min_age * 60
        staging_cutoff = min(cutoff, time.time() - settings.PHOTO_STAGING_HOURS * 3600)
        if not (media.on_disk(storages["default"]) and media.on_disk(media.originals())):
            found, total = self.clean_buckets(delete, cutoff, staging_cutoff)
            return self.summary(delete, found, total)
        self.stderr.write("Reading the files rows and revisions refer to…")
        referenced, field_storages = self.references(_path, media.on_disk)
        roots = {os.path.realpath(settings.MEDIA_ROOT), os.path.realpath(settings.PRIVATE_MEDIA_ROOT)}
        roots.update(os.path.realpath(storage.location) for storage in field_storages)
        _refuse_code_folders(roots)
        self.stderr.write(f"{len(referenced)} files referenced.")
        staging_folder = Path(os.path.realpath(media.originals().path(staging.STAGING_FOLDER)))
        found = total = 0
        seen = set()
        for root in sorted(roots):
            self.stderr.write(f"Scanning {root}")
            for checked, path in enumerate(_files(root), start=1):
                if checked % 1000 == 0:
                    self.stderr.write(f"  {checked} files checked")
                if path in seen:
                    continue  # one upload folder inside another
                seen.add(path)
                if path.is_symlink():
                    self.stdout.write(f"Skipped {path}: a symbolic link")
                    continue
                stat = path.lstat()
                if str(path) in referenced or stat.st_mtime > cutoff:
                    continue
                if path.is_relative_to(staging_folder) and stat.st_mtime > staging_cutoff:
                    continue
                found, total = found + 1, total + stat.st_size
                self.stdout.write(f"{stat.st_size:>12}  {path}")
                if delete:
                    _unlink_inside(path, root)
        self.summary(delete, found, total)

    def clean_buckets(self, delete, cutoff, staging_cutoff):
        """As handle() does on disk, for storages in S3: objects are (bucket, key)."""
        self.stderr.write("Reading the objects rows and revisions refer to…")
        referenced, field_storages = self.references(_object, lambda storage: not media.on_disk(storage))
        self.stderr.write(f"{len(referenced)} objects referenced.")
        originals = media.originals()
        staging_bucket, staging_prefix = _object(originals, staging.STAGING_FOLDER)
        places = {(storage.bucket_name, storage.location): storage for storage in [*field_storages, originals]}
        found = total = 0
        seen = set()
        for (bucket, location), storage in sorted(places.items()):
            prefix = f"{location.strip('/')}/" if location else ""
            self.stderr.write(f"Scanning s3://{bucket}/{prefix}")
            client = storage.connection.meta.client
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
                for item in page.get("Contents", []):
                    key, size, changed = item["Key"], item["Size"], item["LastModified"].timestamp()
                    if (bucket, key) in seen:
                        continue  # the private prefix inside the public storage's bucket
                    seen.add((bucket, key))
                    staged = (bucket, key[: len(staging_prefix)]) == (staging_bucket, staging_prefix)
                    if (bucket, key) in referenced or changed > cutoff or (staged and changed > staging_cutoff):
                        continue
                    found, total = found + 1, total + size
                    self.stdout.write(f"{size:>12}  s3://{bucket}/{key}")
                    if delete:
                        client.delete_object(Bucket=bucket, Key=key)
        return found, total

    def summary(self, delete, found, total):
        size = filesizeformat(total)
        if delete:
            self.stdout.write(self.style.SUCCESS(f"Deleted {found} unreferenced files ({size})."))
        else:
            self.stdout.write(f"Dry run: {found} unreferenced files ({size}); run with --delete to remove them.")

    def references(self, locate, scanned):
        """(where each referenced file is, as locate(storage, name) says; the storages of the
        file fields for which scanned(storage) is true). Fields of other storages are skipped."""
        referenced, field_storages = set(), []
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.FileField):
                    continue
                if not scanned(field.storage):
                    self.stderr.write(f"Skipping {model._meta.label}.{field.name}: stored elsewhere.")
                    continue
                field_storages.append(field.storage)
                names = model._base_manager.values_list(field.name, flat=True).iterator(chunk_size=2000)
                referenced.update(locate(field.storage, name) for name in names if name)
        # Photo.renditions is a list in a JSON field: its names are read here, and from revisions.
        storage = Photo._meta.get_field("display").storage
        for listed in Photo._base_manager.exclude(renditions=[]).values_list("renditions", flat=True).iterator(2000):
            referenced.update(locate(storage, name) for name in Photo(renditions=listed).rendition_names())
        referenced.update(locate(field.storage, name) for field, name in revisions.photo_files())
        return referenced, field_storages


def _refuse_code_folders(roots):
    """A misconfigured MEDIA_ROOT (say, the project folder) must not lose the code or static files."""
    guarded = [Path(settings.BASE_DIR).resolve(), Path(settings.STATIC_ROOT).resolve()]
    for root in roots:
        for folder in guarded:
            if folder == Path(root) or Path(root) in folder.parents:
                raise CommandError(f"{root} holds {folder}; refusing to look for unreferenced files there.")


def _path(storage, name):
    return os.path.realpath(storage.path(name))


def _object(storage, name):
    return storage.bucket_name, storage._normalize_name(name)


def _files(root):
    """Every file and symbolic link under `root`, by its own path; links to folders are not entered."""
    for folder, folders, names in os.walk(root):
        links = [name for name in folders if os.path.islink(os.path.join(folder, name))]
        for name in sorted(names + links):
            yield Path(folder, name)


def _unlink_inside(path, root):
    """Delete `path`, a plain file found under `root`, and nothing anywhere else."""
    if path.is_symlink() or not Path(os.path.realpath(path.parent)).is_relative_to(root):
        raise CommandError(f"{path} is no longer a file inside {root}; stopping.")
    path.unlink()
