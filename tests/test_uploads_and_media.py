"""Photo uploads: originals kept privately without personal metadata; MEDIA_ROOT served safely."""

import importlib
import shutil
import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageChops, ImageSequence, ImageStat

from articles.models import Photo
from tests.builders import SRGB_PROFILE, make_article, phone_exif, phone_jpeg, run_migration_step


@pytest.fixture
def media_served(settings):
    """The app serving MEDIA_ROOT itself (SERVE_MEDIA, as in docker compose)."""
    settings.SERVE_MEDIA = True


def add_photo(upload, article=None):
    return Photo.objects.create(article=article or make_article(), image=upload, caption="会议现场")


def stored(field_file):
    """The file as it lies on disk, opened with Pillow."""
    return Image.open(Path(field_file.path))


def test_a_phone_photo_is_stored_without_its_position_camera_owner_or_dates(db):
    photo = add_photo(phone_jpeg())

    with stored(photo.image) as image:
        exif = image.getexif()
        assert ExifTags.IFD.GPSInfo not in exif
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
        assert ExifTags.Base.Artist not in exif
        assert not exif.get_ifd(ExifTags.IFD.Exif)  # serial number, time taken
        assert "xmp" not in image.info
    raw = Path(photo.image.path).read_bytes()
    assert b"Canon" not in raw and b"0123456" not in raw and b"xmpmeta" not in raw


def test_a_phone_photo_keeps_its_orientation_colour_profile_and_quality(db):
    upload = phone_jpeg()
    original = Image.open(BytesIO(upload.read()))
    upload.seek(0)

    photo = add_photo(upload)

    with stored(photo.image) as image:
        assert dict(image.getexif()) == {ExifTags.Base.Orientation: 6}
        assert image.info["icc_profile"] == SRGB_PROFILE
        assert image.size == original.size
        assert image.quantization == original.quantization  # the same JPEG quality, not a recompression
        difference = ImageStat.Stat(ImageChops.difference(image.convert("RGB"), original.convert("RGB")))
        assert max(difference.mean) < 2
    # The renditions are made the right way up: 64×48 turned to 48×64.
    assert (photo.display.width, photo.display.height) == (48, 64)


def test_a_phone_photo_with_a_depth_map_after_it_is_kept_as_the_jpeg_it_starts_with(db):
    """Some phones write MPO: a JPEG, then more pictures (a depth map, a preview)."""
    picture = Image.effect_noise((64, 48), 60).convert("RGB")
    depth = Image.new("RGB", (32, 24), "gray")
    data = encoded(picture, "MPO", save_all=True, append_images=[depth], exif=phone_exif(), quality=90)
    with Image.open(BytesIO(data)) as sent:
        assert (sent.format, sent.n_frames) == ("MPO", 2)
        sent_pixels = sent.convert("RGB")

    photo = add_photo(upload_of("IMG_0001.jpg", data))

    with stored(photo.image) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
        assert dict(image.getexif()) == {ExifTags.Base.Orientation: 6}
        assert max(ImageStat.Stat(ImageChops.difference(image.convert("RGB"), sent_pixels)).mean) < 2
    assert b"Canon" not in Path(photo.image.path).read_bytes()
    assert (photo.display.width, photo.display.height) == (48, 64)


def test_pages_give_a_phone_photo_the_size_of_its_renditions_the_right_way_up(db, client):
    story = make_article()
    add_photo(phone_jpeg(), article=story)

    assert 'width="48" height="64"' in client.get(story.get_absolute_url()).text
    assert 'width="48" height="64"' in client.get(reverse("articles:list")).text


def test_the_migration_reads_rendition_sizes_from_their_files_and_skips_missing_ones(db):
    kept, lost = add_photo(phone_jpeg()), add_photo(phone_jpeg("IMG_0002.jpg"))
    # As photos were then: the thumbnail a file of its own (a photo this small now has one rendition).
    storage = lost.thumbnail.storage
    with lost.thumbnail.open() as thumbnail:
        Photo.objects.filter(pk=lost.pk).update(thumbnail=storage.save("photos/thumb/lost-480.jpg", thumbnail))
    storage.delete(lost.display.name)
    Photo.objects.update(display_width=None, display_height=None, thumbnail_width=None, thumbnail_height=None)

    run_migration_step("articles", "rendition_sizes", "fill_rendition_sizes")

    kept, lost = Photo.objects.get(pk=kept.pk), Photo.objects.get(pk=lost.pk)
    assert (kept.display_width, kept.display_height, kept.thumbnail_width, kept.thumbnail_height) == (48, 64, 48, 64)
    # A missing file gets the size the pages showed before, worked out from the original's.
    assert (lost.display_width, lost.display_height, lost.thumbnail_width, lost.thumbnail_height) == (64, 48, 48, 64)


def test_a_png_loses_its_text_and_exif_but_not_a_single_pixel(db):
    buffer = BytesIO()
    picture = Image.effect_noise((20, 10), 60).convert("RGB")
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Author", "Zhang San")
    picture.save(buffer, "PNG", exif=phone_exif(), pnginfo=text)

    photo = add_photo(SimpleUploadedFile("scan.png", buffer.getvalue(), content_type="image/png"))

    with stored(photo.image) as image:
        assert "Author" not in image.info
        assert dict(image.getexif()) == {ExifTags.Base.Orientation: 6}
        assert ImageChops.difference(image.convert("RGB"), picture).getbbox() is None


GPS = b"GPS 30.8703N 120.0933E owner=Zhang San"


def upload_of(name, data):
    return SimpleUploadedFile(name, data)


def encoded(image, format, **options):
    buffer = BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_text_and_exif_after_its_pixels():
    """Valid PNG: text and eXIf chunks may follow IDAT, and Pillow only reads them on load()."""
    data = encoded(Image.new("RGB", (8, 8), "red"), "PNG")
    end = data.rindex(b"IEND") - 4
    exif = phone_exif().tobytes()
    late = png_chunk(b"tEXt", b"Comment\x00" + GPS) + png_chunk(b"eXIf", exif.removeprefix(b"Exif\x00\x00"))
    return data[:end] + late + data[end:]


def gif_with_xmp():
    data = encoded(Image.new("P", (8, 8)), "GIF")
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + GPS + b"</x:xmpmeta>"
    magic_trailer = bytes([1, *range(255, -1, -1), 0])
    image_descriptor = data.index(b"\x2c")
    return data[:image_descriptor] + b"\x21\xff\x0bXMP DataXMP" + xmp + magic_trailer + data[image_descriptor:]


def jpeg_with_app9_segment():
    data = encoded(Image.new("RGB", (8, 8), "red"), "JPEG")
    payload = b"GPSINFO\x00" + GPS
    return data[:2] + b"\xff\xe9" + struct.pack(">H", len(payload) + 2) + payload + data[2:]


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("late-text.png", png_with_text_and_exif_after_its_pixels),
        ("comment.gif", lambda: encoded(Image.new("P", (8, 8)), "GIF", comment=GPS)),
        ("xmp.gif", gif_with_xmp),
        ("app9.jpg", jpeg_with_app9_segment),
        ("comment.jpg", lambda: encoded(Image.new("RGB", (8, 8), "red"), "JPEG", comment=GPS)),
        ("trailer.jpg", lambda: encoded(Image.new("RGB", (8, 8), "red"), "JPEG") + b"SEFH" + GPS),
    ],
)
def test_metadata_that_pillow_does_not_show_on_opening_is_not_stored_either(db, name, make):
    data = make()
    with Image.open(BytesIO(data)) as original:
        original.load()
        format, pixels = original.format, original.convert("RGB")

    photo = add_photo(upload_of(name, data))

    raw = Path(photo.image.path).read_bytes()
    assert b"30.8703" not in raw and b"Canon" not in raw
    with stored(photo.image) as image:
        assert image.format == format
        assert ImageChops.difference(image.convert("RGB"), pixels).getbbox() is None


@pytest.mark.parametrize("format", ["GIF", "PNG", "WEBP"])
def test_an_animation_keeps_its_frames_durations_and_loop_but_not_its_comment(db, format):
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("red", "green", "blue")]
    data = encoded(
        frames[0],
        format,
        save_all=True,
        append_images=frames[1:],
        duration=[100, 250, 400],
        loop=0,
        comment=GPS,
        lossless=True,
    )

    photo = add_photo(upload_of(f"banner.{format.lower()}", data))

    assert GPS not in Path(photo.image.path).read_bytes()
    with stored(photo.image) as image, Image.open(BytesIO(data)) as original:
        assert image.n_frames == 3
        assert image.info["loop"] == 0
        assert "comment" not in image.info
        for kept, sent in zip(ImageSequence.Iterator(image), ImageSequence.Iterator(original), strict=True):
            kept.load(), sent.load()  # WebP reads a frame's duration with its pixels
            assert kept.info["duration"] == sent.info["duration"]
            assert ImageChops.difference(kept.convert("RGB"), sent.convert("RGB")).getbbox() is None


def test_originals_are_kept_outside_media_root_and_renditions_inside(settings, db):
    photo = add_photo(phone_jpeg())

    assert Path(photo.image.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not (Path(settings.MEDIA_ROOT) / photo.image.name).exists()
    assert Path(photo.display.path).is_relative_to(settings.MEDIA_ROOT)
    assert Path(photo.thumbnail.path).is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(ValueError, match="原图不对外提供网址"):
        _ = photo.image.url  # no public address at all


def test_readers_get_renditions_but_not_originals(client, media_served, db):
    photo = add_photo(phone_jpeg())

    rendition = client.get(photo.display.url)
    assert rendition.status_code == 200
    assert rendition["Content-Type"] == "image/jpeg"
    assert not rendition.get("Content-Disposition", "").startswith("attachment")
    assert rendition["Content-Security-Policy"] == "sandbox"
    assert rendition["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/media/{photo.image.name}").status_code == 404


def test_nothing_is_served_from_media_root_unless_serve_media_is_on(client, settings, db):
    photo = add_photo(phone_jpeg())
    settings.SERVE_MEDIA = False

    assert client.get(photo.display.url).status_code == 404


def test_an_original_left_in_media_root_is_not_served_either(client, media_served, settings, db):
    photo = add_photo(phone_jpeg())
    copy = Path(settings.MEDIA_ROOT) / photo.image.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(photo.image.path, copy)

    assert client.get(f"/media/{photo.image.name}").status_code == 404
    # Nor by walking out of a public folder.
    assert client.get(f"/media/photos/display/../{photo.image.name.removeprefix('photos/')}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_a_page_or_svg_dropped_into_media_root_is_a_download_not_a_page_of_our_site(
    client, media_served, settings, name, content
):
    folder = Path(settings.MEDIA_ROOT) / "photos" / "display"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(content)

    response = client.get(f"/media/photos/display/{name}")

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_migration_moves_existing_originals_out_of_media_root_and_back(settings):
    migration = importlib.import_module("articles.migrations.0012_originals_in_private_storage")
    public, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    for name in ["photos/2025/06/meeting.jpg", "photos/display/2025/06/meeting-1280.jpg"]:
        (public / name).parent.mkdir(parents=True, exist_ok=True)
        (public / name).write_bytes(name.encode())

    migration.originals_to_private(apps=None, schema_editor=None)

    assert (private / "photos/2025/06/meeting.jpg").read_bytes() == b"photos/2025/06/meeting.jpg"
    assert not (public / "photos/2025/06/meeting.jpg").exists()
    assert (public / "photos/display/2025/06/meeting-1280.jpg").exists()
    assert not (private / "photos/display").exists()

    migration.originals_to_public(apps=None, schema_editor=None)

    assert (public / "photos/2025/06/meeting.jpg").exists()
    assert not (private / "photos/2025/06/meeting.jpg").exists()
