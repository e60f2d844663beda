"""Photo checks and renditions, done once on upload so readers never pay for them."""

import hashlib
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps, JpegImagePlugin

# MPO is a JPEG with more pictures after the first (a depth map, a preview, a stereo
# pair's other eye), as some phones and cameras write it: it is kept as the JPEG it
# starts with (see picture_format()), and the pictures after it are dropped.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}


def picture_format(image):
    """The format `image` is stored in: its own, but JPEG for an MPO."""
    return "JPEG" if image.format == "MPO" else image.format


def frame_count(image):
    """How many frames of `image` are kept: an animation's all, an MPO's first alone."""
    return 1 if image.format == "MPO" else getattr(image, "n_frames", 1)


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


# Renditions: each photo at these widths (never wider than the original), in
# WebP and, for browsers without it, JPEG. Pages list them in srcset and the
# browser picks by the slot's width (`sizes`) and the screen's density: a card's
# 96-pixel thumbnail gets the 200 or 400, a phone's full-width photo the 400 or
# 800, a desktop story the 800 or 1280. A file's name holds a hash of its
# bytes, so a name never gets other content and is cached for a year
# (RENDITION_FOLDER's files; see unionnews.media.IMMUTABLE and deploy/nginx).
RENDITION_WIDTHS = (200, 400, 800, 1280)
# Photo.display is the largest JPEG (og:image, JSON-LD); Photo.thumbnail the
# smallest at least this wide, or the largest where the original is narrower (the admin).
THUMBNAIL_WIDTH = 400
RENDITION_FOLDER = "photos/renditions/"
FORMATS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", {"quality": 85, "optimize": True, "progressive": True}),
}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
HASH_LENGTH = 16
_STEM_LENGTH = 40  # keeps a name within the 100 characters of Photo.display and Photo.thumbnail


def rendition_widths(width):
    """The widths to make of an original `width` pixels wide: RENDITION_WIDTHS below it, and it capped."""
    return sorted({w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])})


def renditions(field_file):
    """[(format, width, height, bytes)] of `field_file` at rendition_widths(), largest first, each format.

    The picture is turned the right way up and laid on white once; each width
    is scaled down from the next larger one. Very tall pictures are limited to
    four times their width in height, so a rendition may be narrower than its
    nominal width; a width already made is not made again.
    """
    made = []
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            image = _flattened(ImageOps.exif_transpose(original))
    finally:
        field_file.seek(0)
    for width in reversed(rendition_widths(image.width)):
        image = image.copy()
        image.thumbnail((width, width * 4))
        if made and made[-1][1] == image.width:
            continue
        for name, (pillow_format, options) in FORMATS.items():
            buffer = BytesIO()
            image.save(buffer, pillow_format, **options)
            made.append((name, image.width, image.height, buffer.getvalue()))
    return made


def _flattened(image):
    if image.mode in ("RGB", "L"):
        return image
    background = Image.new("RGB", image.size, "white")
    rgba = image.convert("RGBA")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def rendition_name(original_name, rendition_format, width, content, today=None):
    """Where a rendition is stored: RENDITION_FOLDER/YYYY/MM/<stem>-<width>.<hash of content>.<ext>."""
    today = today or timezone.localdate()
    stem = get_valid_filename(PurePosixPath(original_name).stem)[:_STEM_LENGTH] or "photo"
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return f"{RENDITION_FOLDER}{today:%Y/%m}/{stem}-{width}.{digest}.{EXTENSIONS[rendition_format]}"


def store_renditions(storage, field_file):
    """Make `field_file`'s renditions and save them in `storage`: [{"format", "width", "height", "name"}].

    A file already there under its name has these very bytes (the name holds
    their hash), so it is used as it is: making the renditions of the same
    original again (restoring an older version, make_renditions --all) writes
    nothing new, and photos copied from one another share the files.
    """
    stored = []
    for rendition_format, width, height, content in renditions(field_file):
        name = rendition_name(field_file.name, rendition_format, width, content)
        if not storage.exists(name):
            name = storage.save(name, ContentFile(content))
        stored.append({"format": rendition_format, "width": width, "height": height, "name": name})
    return stored


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

    A JPEG is written with its own quantisation tables and subsampling (what
    Pillow's quality="keep" does, which it refuses for an MPO), a PNG or WebP
    losslessly, a GIF with all its frames, so nobody sees a difference; a still
    picture longer than PHOTO_MAX_EDGE is scaled down instead (_save_downscaled).
    """
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.load()
            buffer = BytesIO()
            if _too_large(image):
                _save_downscaled(image, buffer)
            else:
                image.save(buffer, picture_format(image), **_save_options(image))
    finally:
        file.seek(0)
    return ContentFile(buffer.getvalue(), name=PurePosixPath(file.name).name)


def _too_large(image):
    """Whether a still picture is longer on one edge than settings.PHOTO_MAX_EDGE (0: no limit)."""
    limit = settings.PHOTO_MAX_EDGE
    return bool(limit) and max(image.size) > limit and frame_count(image) == 1


def _save_downscaled(image, buffer):
    """Write `image` turned upright and scaled to PHOTO_MAX_EDGE on its long edge, in its own format.

    The orientation is applied to the pixels, so no Orientation tag is written; a JPEG
    keeps its chroma subsampling at quality 90 (it is recompressed anyway), a PNG or
    WebP stays lossless.
    """
    stored_format = picture_format(image)
    options = {key: image.info[key] for key in ("icc_profile", "dpi") if key in image.info}
    options.update(exif=b"", comment=b"")
    if stored_format == "JPEG":
        options.update(quality=90, subsampling=JpegImagePlugin.get_sampling(image), optimize=True)
        options["progressive"] = bool(image.info.get("progressive"))
        if options["subsampling"] == -1:
            del options["subsampling"]
    elif stored_format == "WEBP":
        options.update(lossless=True, exact=True)
    upright = ImageOps.exif_transpose(image)
    if upright.mode in ("P", "1"):
        upright = upright.convert("RGBA")  # scaled smoothly, transparency kept
    upright.thumbnail((settings.PHOTO_MAX_EDGE, settings.PHOTO_MAX_EDGE), Image.Resampling.LANCZOS)
    upright.save(buffer, stored_format, **options)


def _save_options(image):
    options = {key: image.info[key] for key in ("icc_profile", "transparency", "dpi") if key in image.info}
    # Writers fall back on image.info for some keys (a JPEG or GIF comment), so say "none" outright.
    options.update(exif=b"", comment=b"")
    orientation = image.getexif().get(ORIENTATION)
    if orientation and orientation != 1:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        options["exif"] = exif.tobytes()
    if picture_format(image) == "JPEG":
        options.update(qtables=image.quantization, progressive=bool(image.info.get("progressive")))
        if (subsampling := JpegImagePlugin.get_sampling(image)) != -1:
            options["subsampling"] = subsampling
        options.pop("transparency", None)
    elif image.format == "WEBP":
        options.update(lossless=True, exact=True)
    if frame_count(image) > 1:
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
