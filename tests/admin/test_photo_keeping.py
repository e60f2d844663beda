"""Photos in the story admin (issue 16): a large camera photo is stored scaled down and upright;
a valid photo beside one that fails is kept across the failed save."""

import errno
import re
from io import BytesIO
from pathlib import Path

from django.core import signing
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from articles.admin import staging
from articles.models import Article
from tests.admin import postdata
from tests.admin.forms import form_data

ADD_URL = reverse("admin:articles_article_add")
RED, BLUE = (220, 20, 20), (20, 20, 220)


def camera_jpeg(name="DSC_0001.jpg", size=(6000, 4000), orientation=6):
    """A 24-megapixel camera JPEG taken with the camera turned: red at the sensor's top, blue below."""
    width, height = size
    picture = Image.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, width, height // 2))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Nikon"
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=95, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def photo_row(upload, caption="会议现场", **fields):
    return {"image": upload, "caption": caption, "credit": "记者 羊晓江 摄", "alt_text": "", "position": "0", **fields}


def close_to(pixel, colour):
    return all(abs(a - b) < 30 for a, b in zip(pixel, colour, strict=False))


def test_a_24_megapixel_photo_turned_on_its_side_is_stored_scaled_down_and_upright(editor_client):
    data = postdata.article(headline="职工运动会开幕", photos=[photo_row(camera_jpeg())])

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    photo = Article.objects.get().photos.get()
    assert (photo.width, photo.height) == (2667, 4000)  # 4000 on the long edge, and standing up
    with Image.open(Path(photo.image.path)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (2667, 4000)
        assert ExifTags.Base.Orientation not in stored.getexif()  # turned in its pixels instead
        assert b"Nikon" not in Path(photo.image.path).read_bytes()
        # The sensor's top (red) is on the right once the camera's quarter turn is undone.
        assert close_to(stored.getpixel((100, 2000)), BLUE) and close_to(stored.getpixel((2560, 2000)), RED)
    assert (photo.display_width, photo.display_height) == (1280, 1920)  # renditions made from it


def test_the_longest_edge_kept_is_a_setting_and_a_smaller_photo_is_kept_as_sent(editor_client, settings):
    settings.PHOTO_MAX_EDGE = 3000
    small = camera_jpeg("small.jpg", size=(2400, 1600), orientation=1)
    data = postdata.article(
        photos=[photo_row(camera_jpeg("DSC_0002.jpg", orientation=1)), photo_row(small, caption="主席台", position="1")]
    )

    assert editor_client.post(ADD_URL, data).status_code == 302

    large, kept = Article.objects.get().photos.all()
    assert (large.width, large.height) == (3000, 2000)
    assert (kept.width, kept.height) == (2400, 1600)


def jpeg(name, colour=RED, size=(640, 480)):
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_good_photo_beside_a_broken_one_is_kept_and_attached_once_the_other_is_fixed(
    editor_client, settings, django_capture_on_commit_callbacks
):
    good, broken = jpeg("meeting.jpg"), SimpleUploadedFile("stage.jpg", jpeg("stage.jpg").read()[:2000])
    data = postdata.article(
        headline="职工运动会开幕",
        photos=[photo_row(good, caption="会场"), photo_row(broken, caption="主席台", position="1")],
    )

    failed = editor_client.post(ADD_URL, data)

    assert failed.status_code == 200
    assert "图片文件已损坏或不完整" in failed.text
    assert "已保留上次选择的图片：<strong>meeting.jpg</strong>" in failed.text
    assert not Article.objects.exists()
    again = form_data(failed)
    assert again["photos-0-image-kept"]  # the token rides in the re-shown form
    again["photos-1-image"] = jpeg("stage-fixed.jpg", colour=BLUE)  # only the broken one is chosen again

    with django_capture_on_commit_callbacks(execute=True):
        saved = editor_client.post(ADD_URL, again)

    assert saved.status_code == 302
    first, second = Article.objects.get(headline="职工运动会开幕").photos.order_by("position")
    assert (first.caption, second.caption) == ("会场", "主席台")
    with Image.open(Path(first.image.path)) as kept, Image.open(Path(second.image.path)) as fixed:
        assert close_to(kept.getpixel((10, 10)), RED) and close_to(fixed.getpixel((10, 10)), BLUE)
    assert Path(first.image.name).name == "meeting.jpg"
    # Attached, the staged copy is gone: only the two originals are left in private storage.
    originals = sorted(p.name for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file())
    assert originals == ["meeting.jpg", "stage-fixed.jpg"]


def test_a_forged_or_foreign_token_attaches_nothing(editor_client):
    other = Article.objects.create(headline="别的稿件")
    secret = other.photos.create(image=jpeg("secret.jpg"), caption="内部照片")
    for token in ["not-a-token", signing.dumps(secret.image.name, salt=staging.SALT)]:
        data = postdata.article(headline="职工运动会开幕", photos=[photo_row("")])
        data["photos-0-image-kept"] = token

        response = editor_client.post(ADD_URL, data)

        assert response.status_code == 200
        assert "这个字段是必填项" in response.text
        assert not Article.objects.filter(headline="职工运动会开幕").exists()


def test_a_file_chosen_again_on_a_kept_row_replaces_the_kept_photo(editor_client):
    data = postdata.article(headline="", photos=[photo_row(jpeg("first.jpg"))])  # no headline: refused
    again = form_data(editor_client.post(ADD_URL, data))
    assert again["photos-0-image-kept"]

    again.update({"headline": "职工运动会开幕", "photos-0-image": jpeg("second.jpg", colour=BLUE)})
    assert editor_client.post(ADD_URL, again).status_code == 302

    photo = Article.objects.get().photos.get()
    assert Path(photo.image.name).name == "second.jpg"


def test_the_story_form_loads_the_upload_progress_script_from_a_static_file(editor_client):
    page = editor_client.get(ADD_URL).text

    assert re.search(r"<script src=\"/static/admin-extra/upload-progress.js\"[^>]*>\s*</script>", page)


def test_a_save_sent_by_the_progress_script_is_answered_with_where_to_go_and_keeps_the_message(editor_client):
    data = postdata.article(headline="职工运动会开幕", photos=[photo_row(jpeg("meeting.jpg"))])

    response = editor_client.post(ADD_URL, data, headers={"X-Upload-Progress": "1"})

    assert response.status_code == 200
    article = Article.objects.get()
    assert response.json() == {"location": reverse("admin:articles_article_changelist")}
    assert article.photos.count() == 1
    listing = editor_client.get(response.json()["location"])
    assert "职工运动会开幕" in " ".join(str(message) for message in listing.context["messages"])


def test_a_form_sent_by_the_progress_script_that_fails_comes_back_as_a_page_naming_the_kept_photo(editor_client):
    data = postdata.article(headline="", photos=[photo_row(jpeg("meeting.jpg"))])

    response = editor_client.post(ADD_URL, data, headers={"X-Upload-Progress": "1"})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert 'data-file-name="meeting.jpg"' in response.text  # what the script matches with the chosen file
    assert not Article.objects.exists()


def test_a_full_disk_after_a_photo_was_kept_names_it_to_choose_again(editor_client, monkeypatch):
    again = form_data(editor_client.post(ADD_URL, postdata.article(headline="", photos=[photo_row(jpeg("first.jpg"))])))
    again["headline"] = "职工运动会开幕"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    response = editor_client.post(ADD_URL, again)

    assert response.status_code == 200
    assert "服务器存储空间已满" in response.text and "请重新选择图片：first.jpg" in response.text
    assert not Article.objects.exists()
