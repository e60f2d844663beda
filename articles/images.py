"""Photo checks and renditions, done once on upload so readers never pay for them."""

from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps

DISPLAY_WIDTH = 1280
THUMBNAIL_WIDTH = 480
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_photo(file):
    """Reject uploads that are too big, too many pixels, not a format we serve, or unreadable.

    This is the model field's validator, so `file` is usually the model's
    FieldFile wrapping the fresh upload, not the upload that forms.ImageField
    checked. So this opens the image itself: the header for format and size, and
    then the pixels, because a truncated JPEG passes Pillow's verify() and would
    only fail later, when renditions are made. A photo already in storage was
    checked when it arrived. It is left alone, so a later change to the limits
    never blocks editing its caption.
    """
    if getattr(file, "_committed", False):
        return
    if file.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            "图片文件太大（%(size)s），请压缩到 %(limit)s 以内再上传。",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.PHOTO_MAX_BYTES)},
            code="too_large",
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            _check_header(image)
            image.load()
    except ValidationError:
        raise
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError… for broken files
        raise ValidationError("图片文件已损坏或不完整，无法读取，请重新导出后上传。", code="corrupt") from None
    finally:
        file.seek(0)


def _check_header(image):
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "不支持 %(format)s 格式，请上传 JPEG、PNG 或 WebP 图片。",
            params={"format": image.format},
            code="bad_format",
        )
    width, height = image.size
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise ValidationError(
            "图片像素过大（%(width)s×%(height)s），请缩小后再上传。",
            params={"width": width, "height": height},
            code="too_many_pixels",
        )


def rendition(field_file, width):
    """A JPEG copy of `field_file` at most `width` pixels wide, ready to assign to an ImageField."""
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            image = ImageOps.exif_transpose(original)
            image.thumbnail((width, width * 4))
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            buffer = BytesIO()
            image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    finally:
        field_file.seek(0)
    stem = PurePosixPath(field_file.name).stem
    return ContentFile(buffer.getvalue(), name=f"{stem}-{width}.jpg")


# Metadata a photo may carry that says where it was taken, with what and by
# whom: EXIF (GPS position, camera make, model and serial number, owner, dates),
# XMP, IPTC (Photoshop) and comments, PNG text chunks, vendor segments Pillow
# does not know and data a phone appends after the picture. Pillow does not
# show all of it on opening (PNG chunks after the pixels, unknown JPEG APPn
# segments, trailers), so every upload is written again from its pixels. Only
# what decides how the picture looks is kept: pixels, animation, colour
# profile, transparency, resolution and the EXIF Orientation tag (so it still
# shows the right way up).
ORIENTATION = 0x0112


def without_personal_metadata(file):
    """The upload `file` written again as a ContentFile, with nothing but the picture.

    A JPEG is written with its own quantisation tables and subsampling
    (quality="keep"), a PNG or WebP losslessly, a GIF with all its frames,
    so nobody sees a difference.
    """
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.load()
            buffer = BytesIO()
            image.save(buffer, image.format, **_save_options(image))
    finally:
        file.seek(0)
    return ContentFile(buffer.getvalue(), name=PurePosixPath(file.name).name)


def _save_options(image):
    options = {key: image.info[key] for key in ("icc_profile", "transparency", "dpi") if key in image.info}
    # Writers fall back on image.info for some keys (a JPEG or GIF comment), so say "none" outright.
    options.update(exif=b"", comment=b"")
    orientation = image.getexif().get(ORIENTATION)
    if orientation and orientation != 1:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        options["exif"] = exif.tobytes()
    if image.format == "JPEG":
        options.update(quality="keep", progressive=bool(image.info.get("progressive")))
        options.pop("transparency", None)
    elif image.format == "WEBP":
        options.update(lossless=True, exact=True)
    if getattr(image, "n_frames", 1) > 1:
        options.update(_animation(image))
    return options


def _animation(image):
    """Frames, how long each shows, and how often they repeat, for an animated GIF, PNG or WebP."""
    durations = []
    for index in range(image.n_frames):
        image.seek(index)
        image.load()  # WebP reads a frame's duration only with its pixels
        durations.append(image.info.get("duration", 0))
    image.seek(0)
    image.load()
    options = {"save_all": True, "duration": durations}
    if "loop" in image.info:
        options["loop"] = image.info["loop"]
    return options
