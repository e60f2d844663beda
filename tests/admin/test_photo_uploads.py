"""Photos in the story admin: downloading originals, and a disk that fills up during a save."""

import errno
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from articles.models import Article, Photo
from tests.admin import postdata
from tests.builders import make_article, make_draft, phone_jpeg

ADD_URL = reverse("admin:articles_article_add")


def original_url(photo):
    return reverse("admin:articles_article_photo_original", args=[photo.article_id, photo.pk])


def story_with_photo(**fields):
    article = make_article(**fields)
    return article, Photo.objects.create(article=article, image=phone_jpeg(), caption="会议现场")


def test_the_story_page_links_to_the_original_which_an_editor_downloads(editor_client):
    article, photo = story_with_photo()

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f'href="{original_url(photo)}"' in page.text
    response = editor_client.get(original_url(photo))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert Path(photo.image.name).name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == Path(photo.image.path).read_bytes()


def test_a_correspondent_cannot_download_originals_of_a_story_outside_their_scope(staff, client_for, jiaxing):
    _article, photo = story_with_photo(unions=[jiaxing])
    reporter = client_for(staff.reporter)

    assert reporter.get(original_url(photo)).status_code == 200
    assert client_for(staff.correspondent).get(original_url(photo)).status_code == 404


def test_a_user_who_may_not_see_stories_cannot_download_originals(staff, client_for):
    article, photo = story_with_photo()

    administrator = client_for(staff.administrator)

    assert client_for(staff.chief).get(original_url(photo)).status_code == 200
    assert administrator.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 404
    assert administrator.get(original_url(photo)).status_code == 404


def test_a_photo_is_downloaded_only_through_its_own_story(editor_client):
    _, photo = story_with_photo()
    other = make_article(headline="另一篇稿件")

    url = reverse("admin:articles_article_photo_original", args=[other.pk, photo.pk])

    assert editor_client.get(url).status_code == 404


@pytest.fixture
def disk_full_at(monkeypatch):
    """disk_full_at(n): the n-th file written (1 = the original) fails halfway with "No space left on device"."""

    def fill(write_number):
        real_save, writes = FileSystemStorage._save, []

        def save(storage, name, content):
            writes.append(name)
            if len(writes) < write_number:
                return real_save(storage, name, content)
            path = Path(storage.path(name))
            path.parent.mkdir(parents=True, exist_ok=True)
            content.seek(0)
            path.write_bytes(content.read()[:100])  # a partly written file
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(FileSystemStorage, "_save", save)
        return writes

    return fill


def files_in(*folders):
    return sorted(path for folder in folders for path in Path(folder).rglob("*") if path.is_file())


def photo_row(upload):
    return {"image": upload, "caption": "会议现场", "credit": "记者 羊晓江 摄", "alt_text": "", "position": "0"}


def test_a_full_disk_while_adding_a_story_keeps_what_was_typed_and_leaves_nothing(
    editor_client, settings, disk_full_at
):
    writes = disk_full_at(1)
    data = postdata.article(
        headline="职工运动会开幕", body="<p>全市两千名职工参加。</p>", photos=[photo_row(phone_jpeg("IMG_0042.jpg"))]
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert writes  # the disk really did fill up
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "服务器存储空间已满" in errors and "IMG_0042.jpg" in errors
    assert "职工运动会开幕" in response.text and "全市两千名职工参加。" in response.text
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert files_in(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_a_full_disk_while_making_renditions_removes_the_files_already_written(editor_client, settings, disk_full_at):
    article = make_draft(headline="原来的标题")
    writes = disk_full_at(3)  # the original and the display copy are written, the thumbnail fails
    data = postdata.article(headline="改过的标题", loaded_version=article.version, photos=[photo_row(phone_jpeg())])

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert len(writes) == 3
    assert "服务器存储空间已满" in " ".join(response.context["adminform"].form.non_field_errors())
    assert "改过的标题" in response.text
    article.refresh_from_db()
    assert article.headline == "原来的标题"
    assert not article.photos.exists()
    assert files_in(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_someone_who_may_only_read_the_story_sees_its_photo_and_may_download_the_original(staff, client_for, huzhou):
    article, photo = story_with_photo(unions=[huzhou])  # published: the correspondent may no longer edit it
    correspondent = client_for(staff.correspondent)

    page = correspondent.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert page.status_code == 200
    assert not page.context["editable"]
    assert f'href="{original_url(photo)}"' in page.text
    assert correspondent.get(original_url(photo)).status_code == 200
