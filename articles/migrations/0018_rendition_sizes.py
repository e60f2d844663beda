from django.core.files.images import get_image_dimensions
from django.db import migrations, models

DISPLAY_WIDTH, THUMBNAIL_WIDTH = 1280, 480  # articles.images, as they were when this migration was written


def size_shown_until_now(width, height, max_width):
    """The width and height attributes the pages computed from the original's size before this migration."""
    if not width or not height:
        return None, None
    scale = min(1, max_width / width, 4 * max_width / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def size_of(storage, name):
    try:
        with storage.open(name) as file:
            return get_image_dimensions(file)
    except OSError:
        return None, None


def fill_rendition_sizes(apps, schema_editor):
    """Read each rendition's size from its file.

    A rendition whose file is missing or unreadable gets the size the pages showed until
    now: with its size empty, Django would try to open the file each time the photo is
    loaded, and fail. Rows are read as values, for that same reason.
    """
    Photo = apps.get_model("articles", "Photo")
    photos = Photo.objects.using(schema_editor.connection.alias)
    storage = Photo._meta.get_field("display").storage
    rows = photos.exclude(display="", thumbnail="").values_list("pk", "display", "thumbnail", "width", "height")
    for pk, display, thumbnail, width, height in rows.iterator():
        sizes = {}
        for name, field, max_width in [(display, "display", DISPLAY_WIDTH), (thumbnail, "thumbnail", THUMBNAIL_WIDTH)]:
            if name:
                found = size_of(storage, name)
                if None in found:
                    found = size_shown_until_now(width, height, max_width)
                sizes[f"{field}_width"], sizes[f"{field}_height"] = found
        photos.filter(pk=pk).update(**sizes)


class Migration(migrations.Migration):
    """Photos keep their renditions' sizes (width_field/height_field), read from the files."""

    dependencies = [
        ("articles", "0017_status_and_roles_are_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="display_width",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="photo",
            name="display_height",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="photo",
            name="thumbnail_width",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="photo",
            name="thumbnail_height",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="photo",
            name="display",
            field=models.ImageField(
                blank=True, editable=False, height_field="display_height", upload_to="photos/display/%Y/%m/",
                width_field="display_width",
            ),
        ),
        migrations.AlterField(
            model_name="photo",
            name="thumbnail",
            field=models.ImageField(
                blank=True, editable=False, height_field="thumbnail_height", upload_to="photos/thumb/%Y/%m/",
                width_field="thumbnail_width",
            ),
        ),
        migrations.RunPython(fill_rendition_sizes, migrations.RunPython.noop),
    ]
