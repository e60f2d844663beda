"""`manage.py cleanup_media`: files no row or revision refers to are listed, and removed on request."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Photo, Revision
from tests.builders import make_article, phone_jpeg

AN_HOUR_AGO = time.time() - 2 * 3600


def cleanup(*args):
    out, err = StringIO(), StringIO()
    call_command("cleanup_media", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def old_file(path, content=b"left over"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


def photo_files(photo):
    return [Path(photo.image.path), Path(photo.display.path), Path(photo.thumbnail.path)]


@pytest.fixture
def photo(db):
    photo = Photo.objects.create(article=make_article(), image=phone_jpeg(), caption="会议现场")
    for path in photo_files(photo):
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return photo


def test_a_dry_run_lists_unreferenced_files_with_sizes_and_deletes_nothing(photo, settings):
    public = old_file(Path(settings.MEDIA_ROOT) / "photos/display/2025/06/gone-1280.jpg", b"x" * 1234)
    private = old_file(Path(settings.PRIVATE_MEDIA_ROOT) / "photos/2025/06/gone.jpg", b"y" * 99)

    out, err = cleanup()

    assert f"1234  {public}" in out and f"99  {private}" in out
    assert "Dry run: 2 unreferenced files" in out
    assert str(photo.image.path) not in out and str(photo.display.path) not in out
    assert "Scanning" in err
    assert public.exists() and private.exists()


def test_delete_removes_unreferenced_files_and_never_a_referenced_one(photo, settings):
    orphan = old_file(Path(settings.MEDIA_ROOT) / "photos/thumb/2025/06/gone-480.jpg")

    out, _ = cleanup("--delete")

    assert "Deleted 1 unreferenced files" in out
    assert not orphan.exists()
    assert all(path.exists() for path in photo_files(photo))


def test_files_of_a_deleted_photo_that_a_revision_can_restore_are_kept(photo):
    files = photo_files(photo)
    Revision.objects.create(
        article=photo.article,
        number=1,
        snapshot={
            "photos": [
                {"image": photo.image.name, "display": photo.display.name, "thumbnail": photo.thumbnail.name},
            ]
        },
    )
    photo.delete()

    out, _ = cleanup("--delete")

    assert "Deleted 0 unreferenced files" in out
    assert all(path.exists() for path in files)


def test_files_written_in_the_last_hour_are_left_alone(db, settings):
    just_written = Path(settings.MEDIA_ROOT) / "photos/display/2025/06/saving-1280.jpg"
    just_written.parent.mkdir(parents=True)
    just_written.write_bytes(b"a save in progress")

    out, _ = cleanup("--delete")

    assert "Deleted 0 unreferenced files" in out
    assert just_written.exists()


def test_a_symbolic_link_is_skipped_and_the_file_it_points_to_outside_is_never_deleted(db, settings, tmp_path):
    outside = old_file(tmp_path / "elsewhere/outside.txt", b"not ours")
    outside_folder = old_file(tmp_path / "elsewhere/folder/also-outside.txt").parent
    link = Path(settings.MEDIA_ROOT) / "shared-banner.txt"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    (Path(settings.PRIVATE_MEDIA_ROOT) / "photos").mkdir(parents=True)
    (Path(settings.PRIVATE_MEDIA_ROOT) / "photos/linked").symlink_to(outside_folder, target_is_directory=True)

    out, _ = cleanup("--delete", "--min-age", "0")

    assert outside.read_bytes() == b"not ours"
    assert (outside_folder / "also-outside.txt").exists()
    assert link.is_symlink()
    assert f"Skipped {link}: a symbolic link" in out
    assert f"Skipped {Path(settings.PRIVATE_MEDIA_ROOT) / 'photos/linked'}: a symbolic link" in out
    assert "Deleted 0 unreferenced files" in out


def test_a_photo_kept_from_a_form_that_could_not_be_saved_waits_a_day_before_it_is_deleted(db, settings):
    staged = Path(settings.PRIVATE_MEDIA_ROOT) / "photos/staging"
    waiting = old_file(staged / "3f2a9c01b4de0a12ab34cd56/meeting.jpg")  # two hours old
    forgotten = old_file(staged / "9e8d7c6b5a4f3e2d1c0b9a87/stage.jpg")
    a_day_ago = time.time() - (settings.PHOTO_STAGING_HOURS + 1) * 3600
    os.utime(forgotten, (a_day_ago, a_day_ago))

    out, _ = cleanup("--delete")

    assert "Deleted 1 unreferenced files" in out
    assert waiting.exists() and not forgotten.exists()
