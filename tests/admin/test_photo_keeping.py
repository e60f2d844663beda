"""Photos in the story admin (issue 16): a large camera photo is stored scaled down and upright;
a valid photo beside one that fails is kept across the failed save."""

from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from articles.models import Article
from tests.admin import postdata

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
