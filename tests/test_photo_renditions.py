"""Photos reach readers as renditions: WebP and JPEG at several widths, named by their
content and cached for a year, listed in srcset so each screen fetches the width it needs."""

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles import editing, images
from articles.models import Article, Photo
from tests.builders import make_article, tiny_png
from unionnews import media

COLUMN_SIZES = "(min-width: 1120px) 748px, (min-width: 860px) calc(100vw - 372px), calc(100vw - 32px)"


@pytest.fixture(autouse=True)
def readers_visit_after_noon(an_hour_after_noon):
    """Stories made by make_article are published at NOON."""


class Tags(HTMLParser):
    """The <img> and <source> tags of a page, each a dict of its attributes (in order)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "source"):
            self.found.append({"tag": tag, **dict(attrs)})


def pictures(html):
    tags = Tags(html).found
    return [tag for tag in tags if tag["tag"] == "img"], [tag for tag in tags if tag["tag"] == "source"]


def add_photo(article, size=(2000, 1000), color=(200, 30, 30), position=0, name="photo.png"):
    return Photo.objects.create(
        article=article, image=tiny_png(name=name, size=size, color=color), caption="会场", position=position
    )


def as_pre_rendition_photo(photo):
    """The photo as stored before renditions existed: only its display and thumbnail files."""
    Photo.objects.filter(pk=photo.pk).update(renditions=[])
    return Photo.objects.get(pk=photo.pk)


def srcset_widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


# Making them


def test_a_large_upload_gets_webp_and_jpeg_renditions_at_each_width(db):
    photo = add_photo(make_article(), size=(2000, 1000))

    made = {(r["format"], r["width"], r["height"]) for r in photo.renditions}
    assert made == {(f, w, w // 2) for f in ("webp", "jpeg") for w in (200, 400, 800, 1280)}
    for rendition in photo.renditions:
        with Image.open(Path(photo.display.storage.path(rendition["name"]))) as image:
            assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition["format"]]
            assert image.size == (rendition["width"], rendition["height"])
    # The single files other code uses are two of the JPEGs.
    assert (photo.display.name, photo.display_width, photo.display_height) == (
        next(r["name"] for r in photo.renditions if r["format"] == "jpeg" and r["width"] == 1280),
        1280,
        640,
    )
    assert (photo.thumbnail_width, photo.thumbnail.name.endswith(".jpg")) == (400, True)


@pytest.mark.parametrize(
    ("size", "widths"), [((600, 300), [200, 400, 600]), ((150, 90), [150]), ((1280, 640), [200, 400, 800, 1280])]
)
def test_a_small_upload_is_never_made_larger(db, size, widths):
    photo = add_photo(make_article(), size=size)

    assert sorted(r["width"] for r in photo.renditions if r["format"] == "webp") == widths
    assert sorted(r["width"] for r in photo.renditions if r["format"] == "jpeg") == widths
    assert photo.display_width == size[0]


def test_rendition_names_change_with_the_picture_and_only_with_it(db):
    article = make_article()
    first = add_photo(article, color=(200, 30, 30))
    same = add_photo(article, color=(200, 30, 30), position=1)
    other = add_photo(article, color=(30, 30, 200), position=2)

    names = {r["name"] for r in first.renditions}
    assert {r["name"] for r in same.renditions} == names  # the same picture shares its files
    assert not names & {r["name"] for r in other.renditions}
    assert all(media.IMMUTABLE.match(name) for name in names)


def test_a_copy_of_a_photos_field_values_is_a_photo_with_the_same_files(db, client):
    """As a bulk story generator copies photos: no file is made or lost."""
    source = add_photo(make_article(headline="原稿"))
    copy = make_article(headline="复制稿")
    values = {f.attname: getattr(source, f.attname) for f in Photo._meta.concrete_fields if not f.primary_key}
    Photo.objects.bulk_create([Photo(**{**values, "article_id": copy.pk})])

    html = client.get(copy.get_absolute_url()).text

    imgs, sources = pictures(html)
    assert sources[0]["srcset"] == Photo.objects.get(article=copy).webp_srcset == source.webp_srcset
    assert imgs[0]["width"] == "1280"


# Showing them


def test_the_article_page_lists_every_rendition_with_sizes_and_dimensions(db, client):
    article = make_article()
    add_photo(article)

    imgs, sources = pictures(client.get(article.get_absolute_url()).text)

    [source], [img] = sources, imgs
    assert source["type"] == "image/webp"
    assert srcset_widths(source["srcset"]) == [200, 400, 800, 1280]
    assert all(".webp " in part for part in source["srcset"].split(", "))
    assert srcset_widths(img["srcset"]) == [200, 400, 800, 1280]
    assert all(".jpg " in part for part in img["srcset"].split(", "))
    assert source["sizes"] == img["sizes"] == COLUMN_SIZES
    assert (img["width"], img["height"], img["alt"]) == ("1280", "640", "会场")
    assert img["src"].endswith(".jpg")


def test_only_the_first_photo_of_a_story_is_fetched_at_once(db, client):
    article = make_article()
    for position in range(3):
        add_photo(article, position=position, color=(position * 60, 30, 30))

    imgs, _ = pictures(client.get(article.get_absolute_url()).text)

    assert [(img.get("loading"), img.get("fetchpriority")) for img in imgs] == [
        (None, "high"),
        ("lazy", None),
        ("lazy", None),
    ]


def test_the_home_page_fetches_the_lead_photo_at_once_and_card_thumbnails_small_and_late(db, client):
    for headline in ("头条", "要闻二"):
        add_photo(make_article(headline=headline, is_featured=True))
    add_photo(make_article(headline="普通稿"))

    imgs, sources = pictures(client.get(reverse("home")).text)

    assert len(imgs) == 3
    lead, *cards = imgs
    assert (lead.get("loading"), lead.get("fetchpriority"), lead["sizes"]) == (None, "high", COLUMN_SIZES)
    assert all((card["loading"], card.get("fetchpriority"), card["sizes"]) == ("lazy", None, "96px") for card in cards)
    assert all((card["width"], card["height"]) == ("400", "200") for card in cards)
    assert [source["sizes"] for source in sources] == [COLUMN_SIZES, "96px", "96px"]


def test_every_image_on_reader_pages_has_its_width_and_height(db, client):
    article = make_article(is_featured=True)
    for position in range(2):
        add_photo(article, position=position, color=(position * 90, 30, 30))
    legacy = add_photo(make_article(headline="旧稿"))
    as_pre_rendition_photo(legacy)

    for url in [
        reverse("home"),
        reverse("articles:list"),
        article.get_absolute_url(),
        legacy.article.get_absolute_url(),
    ]:
        imgs, _ = pictures(client.get(url).text)
        assert imgs, url
        assert all(img["width"].isdigit() and img["height"].isdigit() for img in imgs), url


def test_a_photo_stored_before_renditions_shows_its_display_and_thumbnail_files(db, client):
    article = make_article(is_featured=False)
    photo = as_pre_rendition_photo(add_photo(article))

    imgs, sources = pictures(client.get(article.get_absolute_url()).text)
    card_imgs, _ = pictures(client.get(reverse("articles:list")).text)

    assert sources == []
    assert imgs[0]["src"] == photo.display.url
    assert imgs[0]["srcset"] == f"{photo.display.url} 1280w, {photo.thumbnail.url} 400w"
    assert (imgs[0]["width"], imgs[0]["height"]) == ("1280", "640")
    assert (card_imgs[0]["src"], card_imgs[0]["width"]) == (photo.thumbnail.url, "400")


def test_missing_or_corrupt_rendition_files_do_not_break_a_page(db, client):
    article = make_article(is_featured=True)
    photo = add_photo(article)
    for name in photo.rendition_names():
        photo.display.storage.delete(name)
    Path(photo.display.storage.path(photo.display.name)).write_bytes(b"not a picture")

    for url in [article.get_absolute_url(), reverse("home"), reverse("articles:list")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert photo.display.url in response.text


@pytest.mark.parametrize(
    "listed",
    [[{"format": "webp", "width": "wide", "name": "x.webp"}], [{"name": 3}], ["photos/renditions/a.webp"], {"a": 1}],
)
def test_a_malformed_rendition_list_falls_back_to_the_display_file(db, client, listed):
    article = make_article()
    photo = add_photo(article)
    Photo.objects.filter(pk=photo.pk).update(renditions=listed)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    imgs, sources = pictures(response.text)
    assert sources == [] and imgs[0]["src"] == photo.display.url


def test_showing_renditions_costs_no_extra_query(db, django_assert_num_queries, client, settings):
    settings.PAGE_CACHE = False  # what rendering costs, not a cached answer
    article = make_article()
    add_photo(article)
    client.get(article.get_absolute_url())  # warm caches (site settings, sessions)
    with CaptureQueriesContext(connection) as one_photo:
        client.get(article.get_absolute_url())
    for position in range(1, 4):
        add_photo(article, position=position, color=(position * 50, 30, 30))

    with django_assert_num_queries(len(one_photo)):
        client.get(article.get_absolute_url())


# Serving them


def test_the_app_serves_renditions_as_immutable_and_older_files_as_before(db, client, settings):
    settings.SERVE_MEDIA = True
    photo = add_photo(make_article())
    legacy_name = photo.display.storage.save("photos/display/2025/06/meeting-1280.jpg", photo.display.open())

    for rendition in photo.renditions:
        response = client.get(photo.display.storage.url(rendition["name"]))
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["Content-Type"] == {"webp": "image/webp", "jpeg": "image/jpeg"}[rendition["format"]]
    legacy = client.get(photo.display.storage.url(legacy_name))
    assert legacy.status_code == 200 and "immutable" not in legacy.get("Cache-Control", "")


# Photos stored before renditions


def test_make_renditions_fills_in_photos_without_them_and_reports_progress(db, client):
    article = make_article()
    old = [as_pre_rendition_photo(add_photo(article, position=i, color=(i * 40, 9, 9))) for i in range(3)]
    current = add_photo(article, position=3, color=(1, 2, 3))
    Photo.objects.filter(pk=current.pk).update(
        renditions=[{"format": "jpeg", "width": 9, "height": 9, "name": "k.jpg"}]
    )
    out, err = StringIO(), StringIO()

    call_command("make_renditions", stdout=out, stderr=err)

    assert "3 photos to do." in err.getvalue() and "3/3 photos" in err.getvalue()
    assert "Made renditions for 3 photos; 0 failed." in out.getvalue()
    for photo in old:
        photo.refresh_from_db()
        assert len(photo.renditions) == 8
        assert all(photo.display.storage.exists(name) for name in photo.rendition_names())
        assert photo.display.name in photo.rendition_names()
    current.refresh_from_db()
    assert current.renditions[0]["name"] == "k.jpg"  # had renditions: left alone without --all
    _, sources = pictures(client.get(article.get_absolute_url()).text)
    assert len(sources) == 3


def test_make_renditions_all_redoes_every_photo_writing_unchanged_files_once(db):
    photo = add_photo(make_article())
    before = photo.renditions
    Photo.objects.filter(pk=photo.pk).update(renditions=before[:2])

    call_command("make_renditions", "--all", stdout=StringIO(), stderr=StringIO())

    photo.refresh_from_db()
    assert photo.renditions == before
    folder = Path(photo.display.storage.path(before[0]["name"])).parent
    assert len(list(folder.iterdir())) == 8


def test_make_renditions_reports_photos_whose_original_is_lost_and_does_the_rest(db):
    article = make_article()
    lost = as_pre_rendition_photo(add_photo(article, name="lost.png"))
    kept = as_pre_rendition_photo(add_photo(article, position=1, color=(1, 200, 1)))
    lost.image.storage.delete(lost.image.name)
    err = StringIO()

    with pytest.raises(CommandError, match="1 photos have no renditions"):
        call_command("make_renditions", stdout=StringIO(), stderr=err)

    assert f"Photo {lost.pk} ({lost.image.name})" in err.getvalue()
    assert len(Photo.objects.get(pk=kept.pk).renditions) == 8
    assert Photo.objects.get(pk=lost.pk).renditions == []


# Revisions and clean-up


def test_restoring_a_revision_from_before_renditions_shows_the_photo_it_had(db, client, staff):
    article = make_article()
    photo = add_photo(article)
    old_row = {
        "image": photo.image.name,
        "display": photo.display.name,
        "thumbnail": photo.thumbnail.name,
        "width": 2000,
        "height": 1000,
        "caption": "旧版图片",
        "credit": "",
        "alt_text": "",
        "position": 0,
    }  # a snapshot row as revisions stored them before, without "renditions"
    Photo.objects.filter(pk=photo.pk).delete()

    editing.save(Article.objects.get(pk=article.pk), staff.chief, {"photos": [old_row]})

    restored = Article.objects.get(pk=article.pk).photos.get()
    assert (restored.image.name, restored.display.name, restored.renditions) == (
        photo.image.name,
        photo.display.name,
        [],
    )
    imgs, _ = pictures(client.get(article.get_absolute_url()).text)
    assert imgs[0]["src"] == photo.display.url


def test_cleanup_media_keeps_every_rendition_a_row_or_revision_names(db, staff):
    article = make_article()
    photo = add_photo(article)
    editing.save(Article.objects.get(pk=article.pk), staff.chief, {"headline": "改过的标题"})  # a revision
    Photo.objects.filter(pk=photo.pk).delete()  # the revision still names its files
    other = add_photo(make_article(headline="另一篇"), color=(9, 9, 200))
    out = StringIO()

    call_command("cleanup_media", "--delete", "--min-age", "0", stdout=out, stderr=StringIO())

    for name in photo.rendition_names() + other.rendition_names():
        assert photo.display.storage.exists(name), name
    assert "Deleted 0 unreferenced files" in out.getvalue()


def test_the_rendition_name_pattern_is_what_nginx_caches_for_a_year():
    conf = (Path(__file__).resolve().parent.parent / "deploy/nginx/common.conf").read_text()
    nginx_pattern = re.search(r'"~\^/media/(photos/renditions/[^"]+)"\s+"public, max-age=31536000, immutable"', conf)

    assert nginx_pattern and "^" + nginx_pattern.group(1) == media.IMMUTABLE.pattern
    assert media.IMMUTABLE.match(images.rendition_name("photos/2026/12/会场.png", "webp", 400, b"x"))
