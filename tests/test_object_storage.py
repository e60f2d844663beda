"""Media in S3-compatible object storage (README "Object storage (S3)"), against a real
S3 server: SeaweedFS's gateway, started once for the session (tests/s3server.py).

Photos uploaded in the admin, their renditions, e-paper pages: all in the bucket, none on
the node's disk; readers' pages link MEDIA_URL + key; originals in the private prefix,
downloaded through the admin only; `migrate_media_to_s3` copies what is on disk, verified.
Skipped, with the reason, where `weed` is not installed.
"""

import hashlib
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.management.commands import migrate_media_to_s3
from articles.models import Article, Photo
from tests import builders
from tests.admin import postdata
from tests.builders import make_article, phone_jpeg
from tests.test_nginx import NGINX, Nginx

pytestmark = pytest.mark.s3

ADD_URL = reverse("admin:articles_article_add")


def keys(s3, prefix=""):
    listed = s3.client.list_objects_v2(Bucket=s3.bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def body(s3, key):
    return s3.client.get_object(Bucket=s3.bucket, Key=key)["Body"].read()


def files_on_disk(settings):
    return [path for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) for path in Path(root).rglob("*")]


def story_with_photo(**fields):
    article = make_article(**fields)
    return article, Photo.objects.create(article=article, image=phone_jpeg(), caption="会议现场")


def original_url(photo):
    return reverse("admin:articles_article_photo_original", args=[photo.article_id, photo.pk])


def test_a_photo_an_editor_uploads_lands_in_the_bucket_and_nothing_on_the_nodes_disk(s3_media, editor_client, settings):
    data = postdata.article(
        headline="职工运动会开幕",
        photos=[{"image": phone_jpeg(), "caption": "会议现场", "credit": "", "alt_text": "", "position": "0"}],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302
    photo = Photo.objects.get(article__headline="职工运动会开幕")
    assert photo.renditions
    stored = keys(s3_media)
    for rendition in photo.renditions:
        assert rendition["name"] in stored
    assert f"private/{photo.image.name}" in stored
    assert photo.image.name not in stored  # the original only under the private prefix
    assert (photo.display_width, photo.display_height) == (48, 64)
    assert files_on_disk(settings) == []


def test_readers_pages_link_photos_at_media_url_without_signatures(s3_media, client, settings):
    settings.MEDIA_URL = "https://media.example.org/"
    article, photo = story_with_photo()

    page = client.get(article.get_absolute_url())

    assert page.status_code == 200
    assert f"https://media.example.org/{photo.display.name}" in page.text
    assert "X-Amz-" not in page.text and "Signature" not in page.text
    assert s3_media.server.endpoint not in page.text
    jpeg = body(s3_media, photo.display.name)
    assert jpeg.startswith(b"\xff\xd8")  # the object the URL names is the picture


def test_renditions_in_the_bucket_carry_the_headers_the_proxy_passes_on(s3_media, db):
    _, photo = story_with_photo()

    rendition = next(r["name"] for r in photo.renditions if r["format"] == "webp")
    head = s3_media.client.head_object(Bucket=s3_media.bucket, Key=rendition)

    assert head["ContentType"] == "image/webp"
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert "ContentDisposition" not in head
    original = s3_media.client.head_object(Bucket=s3_media.bucket, Key=f"private/{photo.image.name}")
    assert original["ContentDisposition"] == "attachment"


def test_an_editor_downloads_the_original_from_the_private_prefix_and_a_reader_cannot(s3_media, editor_client):
    _, photo = story_with_photo()
    reader = builders.make_reader()

    response = editor_client.get(original_url(photo))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == body(s3_media, f"private/{photo.image.name}")
    editor_client.force_login(reader)
    refused = editor_client.get(original_url(photo))
    assert refused.status_code == 302 and reverse("admin:login") in refused["Location"]
    with pytest.raises(ValueError, match="原图不对外提供网址"):
        _ = photo.image.url


def test_the_app_serving_media_itself_passes_on_renditions_from_the_bucket_but_never_originals(
    s3_media, client, settings
):
    settings.SERVE_MEDIA = True
    _, photo = story_with_photo()

    rendition = client.get(photo.display.url)

    assert rendition.status_code == 200
    assert rendition["Content-Type"] == "image/jpeg"
    assert rendition["X-Content-Type-Options"] == "nosniff"
    assert b"".join(rendition.streaming_content) == body(s3_media, photo.display.name)
    assert client.get(f"/media/private/{photo.image.name}").status_code == 404
    assert client.get(f"/media/{photo.image.name}").status_code == 404
    assert client.get("/media/photos/renditions/gone.0123456789abcdef.jpg").status_code == 404


def test_a_failed_save_removes_what_it_wrote_to_the_bucket(s3_media, editor_client, monkeypatch):
    from articles import images

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")  # the thumbnail fails after the original is written

    monkeypatch.setattr(images, "store_renditions", broken)
    data = postdata.article(
        headline="职工运动会开幕",
        photos=[{"image": phone_jpeg(), "caption": "会议现场", "credit": "", "alt_text": "", "position": "0"}],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Article.objects.exists()
    assert [key for key in keys(s3_media) if not key.startswith("private/photos/staging/")] == []


def test_an_imported_epaper_page_keeps_its_images_and_pdf_in_the_bucket(s3_media, settings, tmp_path):
    from articles.epaper.importer import import_pdf
    from articles.epaper.models import EditionFile, PageFile
    from tests import epaper_pdfs

    source = tmp_path / "03.pdf"
    source.write_bytes(epaper_pdfs.scanned_page())

    import_pdf(str(source), date=builders.NOON.date())

    page_file = PageFile.objects.get(page__number=3)
    stored = keys(s3_media)
    for field in (page_file.pdf, page_file.thumb, page_file.screen, page_file.zoom):
        assert field.name in stored
        assert field.url == f"/media/{field.name}"
    assert EditionFile.objects.get().pdf.name in stored
    assert body(s3_media, page_file.pdf.name) == source.read_bytes()
    assert files_on_disk(settings) == []


def test_the_settings_switch_to_s3_when_a_bucket_is_named():
    """The settings module as each web node reads it: local disk unless AWS_STORAGE_BUCKET_NAME is set."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'default': s.STORAGES['default']['BACKEND'], 'originals': s.STORAGES['originals'],"
        " 'region': getattr(s, 'AWS_S3_REGION_NAME', None),"
        " 'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "MEDIA_URL"}

    def run(**extra):
        env_for_run = {**env, "DJANGO_SETTINGS_MODULE": "unionnews.settings", **extra}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env_for_run, capture_output=True, text=True, check=True, timeout=60
        )
        return json.loads(done.stdout)

    assert run()["default"] == "unionnews.media.CleanFileSystemStorage"
    shared = run(AWS_STORAGE_BUCKET_NAME="news", MEDIA_URL="https://media.example.org/")
    assert shared["default"] == "unionnews.media.CleanS3Storage"
    assert shared["originals"] == {
        "BACKEND": "unionnews.media.PrivateS3Storage",
        "OPTIONS": {"bucket_name": "news", "location": "private"},
    }
    assert shared["region"] == "us-east-1"
    assert "https://media.example.org" in shared["img_src"]  # CSP follows MEDIA_URL
    separate = run(AWS_STORAGE_BUCKET_NAME="news", AWS_PRIVATE_BUCKET_NAME="news-originals")
    assert separate["originals"]["OPTIONS"] == {"bucket_name": "news-originals", "location": ""}


# migrate_media_to_s3


@pytest.fixture
def files_on_disk_before_s3(settings):
    """Files as a single-node site kept them: two public, one original."""
    public, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    files = {
        public / "photos/renditions/2025/06/meeting-800.0123456789abcdef.jpg": b"\xff\xd8 rendition " * 50,
        public / "epaper/2025/06/12/01.0123456789ab.pdf": b"%PDF-1.7 page",
        private / "photos/2025/06/IMG_0001.jpg": b"\xff\xd8 original " * 400,
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return files


def migrate(*args):
    out, err = StringIO(), StringIO()
    call_command("migrate_media_to_s3", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_migrating_copies_public_files_and_originals_to_their_places_verified(s3_media, files_on_disk_before_s3):
    out, _ = migrate()

    assert keys(s3_media) == [
        "epaper/2025/06/12/01.0123456789ab.pdf",
        "photos/renditions/2025/06/meeting-800.0123456789abcdef.jpg",
        "private/photos/2025/06/IMG_0001.jpg",
    ]
    for path, content in files_on_disk_before_s3.items():
        key = ("private/" if "private-media" in str(path) else "") + path.as_posix().split("media/", 1)[1]
        assert body(s3_media, key) == content
    total = sum(len(c) for c in files_on_disk_before_s3.values())
    assert "共 3 个文件" in out and "已复制 3 个" in out and "失败 0 个" in out
    assert f"{total}" in out or "KB" in out
    assert "大小和校验和一致" in out
    head = s3_media.client.head_object(Bucket=s3_media.bucket, Key="epaper/2025/06/12/01.0123456789ab.pdf")
    assert head["ContentType"] == "application/pdf" and head["ContentDisposition"] == "attachment"
    assert all(path.exists() for path in files_on_disk_before_s3)  # the local files stay


def test_migrating_again_skips_what_is_there_and_equal(s3_media, files_on_disk_before_s3):
    migrate()
    first = s3_media.client.head_object(Bucket=s3_media.bucket, Key="private/photos/2025/06/IMG_0001.jpg")

    out, _ = migrate()

    assert "已复制 0 个" in out and "跳过 3 个" in out
    again = s3_media.client.head_object(Bucket=s3_media.bucket, Key="private/photos/2025/06/IMG_0001.jpg")
    assert again["LastModified"] == first["LastModified"]


def test_a_dry_run_reports_and_writes_nothing(s3_media, files_on_disk_before_s3):
    out, err = migrate("--dry-run")

    assert keys(s3_media) == []
    assert "将复制 3 个" in out and "没有写入任何文件" in out
    assert "photos/2025/06/IMG_0001.jpg" in err


def test_an_object_with_other_content_is_replaced_and_verified(s3_media, files_on_disk_before_s3):
    key = "photos/renditions/2025/06/meeting-800.0123456789abcdef.jpg"
    s3_media.client.put_object(Bucket=s3_media.bucket, Key=key, Body=b"truncated")

    out, _ = migrate()

    assert "替换内容不同的 1 个" in out
    assert body(s3_media, key) == files_on_disk_before_s3[next(p for p in files_on_disk_before_s3 if p.name in key)]


def test_a_copy_that_does_not_verify_fails_the_command(s3_media, files_on_disk_before_s3, monkeypatch):
    real_upload = migrate_media_to_s3.upload

    def corrupting(storage, key, path, md5):
        real_upload(storage, key, path, md5)
        if key.endswith(".pdf"):  # the object is damaged on its way, after the server took it
            storage.connection.meta.client.put_object(Bucket=storage.bucket_name, Key=key, Body=b"%PDF-damaged")

    monkeypatch.setattr(migrate_media_to_s3, "upload", corrupting)
    err = StringIO()

    with pytest.raises(CommandError, match="1 个文件没有复制成功或校验不符"):
        call_command("migrate_media_to_s3", stdout=StringIO(), stderr=err)

    assert "校验不符" in err.getvalue() and "01.0123456789ab.pdf" in err.getvalue()
    expected = hashlib.md5(b"%PDF-1.7 page", usedforsecurity=False).hexdigest()
    assert expected in err.getvalue()


def test_migrating_without_s3_configured_says_what_to_set(db):
    with pytest.raises(CommandError, match=r"没有配置对象存储.*AWS_STORAGE_BUCKET_NAME"):
        migrate()


def test_migrating_to_an_unreachable_store_says_so(s3_media, settings, files_on_disk_before_s3):
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9"
    settings.STORAGES = {**settings.STORAGES}  # the storages read the endpoint anew

    with pytest.raises(CommandError, match="无法访问对象存储的存储桶"):
        migrate()


def test_cleanup_media_removes_unreferenced_objects_and_keeps_every_referenced_one(s3_media):
    _, photo = story_with_photo()
    for key in ("photos/display/2025/06/gone-1280.jpg", "private/photos/2025/06/gone.jpg"):
        s3_media.client.put_object(Bucket=s3_media.bucket, Key=key, Body=b"left over")
    s3_media.client.put_object(Bucket=s3_media.bucket, Key="private/photos/staging/abc/kept.jpg", Body=b"staged")
    referenced = [f"private/{photo.image.name}", *photo.rendition_names()]
    out, err = StringIO(), StringIO()

    call_command("cleanup_media", "--delete", "--min-age", "0", stdout=out, stderr=err)

    assert "Deleted 2 unreferenced files" in out.getvalue()
    assert f"s3://{s3_media.bucket}/private/photos/2025/06/gone.jpg" in out.getvalue()
    remaining = keys(s3_media)
    assert (
        "photos/display/2025/06/gone-1280.jpg" not in remaining and "private/photos/2025/06/gone.jpg" not in remaining
    )
    assert all(key in remaining for key in referenced)
    assert "private/photos/staging/abc/kept.jpg" in remaining  # a form may still bring it back


@pytest.mark.skipif(NGINX is None, reason="the proxy test needs nginx (Debian: apt-get install nginx)")
def test_nginx_serves_public_media_from_the_bucket_and_never_an_original(s3_media, tmp_path, settings):
    from unionnews import media

    s3_media.client.put_bucket_policy(Bucket=s3_media.bucket, Policy=media.public_read_policy(s3_media.bucket))
    _, photo = story_with_photo()
    nginx = Nginx(tmp_path)
    conf = tmp_path / "conf" / "unionnews"
    # As docker-compose.yml mounts it: media-s3.conf in the place of media.conf (site.conf includes it).
    proxy = (conf / "media-s3.conf").read_text(encoding="utf-8")
    proxy = proxy.replace("http://s3:8333", s3_media.server.endpoint).replace("unionnews-media", s3_media.bucket)
    (conf / "media.conf").write_text(proxy, encoding="utf-8")

    with nginx:
        status, headers, answer = nginx.request("GET", photo.display.url)
        webp = next(r["name"] for r in photo.renditions if r["format"] == "webp")
        webp_status, webp_headers, _ = nginx.request("GET", f"/media/{webp}")
        refused = [
            nginx.request("GET", f"/media/private/{photo.image.name}")[0],
            nginx.request("GET", f"/media/{photo.image.name}")[0],
            nginx.request("GET", "/media/photos/renditions/gone.0123456789abcdef.jpg")[0],
            nginx.request("PUT", f"/media/{photo.display.name}", body=b"x")[0],
        ]

    assert status == 200 and answer == body(s3_media, photo.display.name)
    assert headers["content-type"] == "image/jpeg"
    assert headers["content-security-policy"] == "sandbox" and headers["x-content-type-options"] == "nosniff"
    assert "content-disposition" not in headers
    assert webp_status == 200 and webp_headers["cache-control"] == "public, max-age=31536000, immutable"
    assert refused == [404, 404, 404, 404]
    assert body(s3_media, photo.display.name) == answer  # the PUT changed nothing


def test_an_epaper_page_is_served_while_the_store_does_not_answer(s3_media, client, settings):
    from tests.epaper_builders import make_edition_file, make_page_file

    page = builders.make_page(1, name="要闻")
    make_article(pages=[page])  # published: readers may open the page
    make_page_file(page)
    make_edition_file(page.edition_date)
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9"  # nothing listens: the store is down
    settings.STORAGES = {**settings.STORAGES}

    response = client.get(page.get_absolute_url())

    assert response.status_code == 200
    assert f"/media/{page.file.screen.name}" in response.text
    assert "下载本版 PDF</a>" in response.text  # offered, without a size


def test_a_store_that_does_not_answer_during_a_save_keeps_what_was_typed(s3_media, editor_client, settings):
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9"  # nothing listens: the store is down
    settings.STORAGES = {**settings.STORAGES}
    data = postdata.article(
        headline="职工运动会开幕",
        body="<p>全市两千名职工参加。</p>",
        photos=[
            {"image": phone_jpeg("IMG_0042.jpg"), "caption": "会议现场", "credit": "", "alt_text": "", "position": "0"}
        ],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "图片存储暂时无法访问" in errors and "IMG_0042.jpg" in errors
    assert "存储空间已满" not in errors
    assert "职工运动会开幕" in response.text and "全市两千名职工参加。" in response.text
    assert not Article.objects.exists() and not Photo.objects.exists()


def test_the_demo_loads_its_photos_and_e_paper_into_the_bucket(s3_media, settings, client):
    from articles.epaper.models import PageFile

    call_command("load_demo", photo_width=64, stdout=StringIO())

    stored = set(keys(s3_media))
    photo = Photo.objects.exclude(renditions=[]).first()
    assert f"private/{photo.image.name}" in stored and photo.display.name in stored
    pages = list(PageFile.objects.all())
    assert pages and all(page.screen.name in stored and page.pdf.name in stored for page in pages)
    assert files_on_disk(settings) == []
    assert client.get("/").status_code == 200


def test_a_form_shown_again_while_the_store_does_not_answer_asks_for_the_photo_again(s3_media, editor_client, settings):
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9"
    settings.STORAGES = {**settings.STORAGES}
    data = postdata.article(
        headline="",  # missing: the form comes back, and would keep the valid photo
        photos=[
            {"image": phone_jpeg("IMG_0042.jpg"), "caption": "会议现场", "credit": "", "alt_text": "", "position": "0"}
        ],
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["headline"]
    assert "已保留上次选择的图片" not in response.text
    assert not Article.objects.exists()


def test_downloading_an_original_while_the_store_does_not_answer_says_to_try_again(s3_media, editor_client, settings):
    _, photo = story_with_photo()
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9"
    settings.STORAGES = {**settings.STORAGES}

    response = editor_client.get(original_url(photo))

    assert response.status_code == 503
    assert "请稍后再试" in response.content.decode()
