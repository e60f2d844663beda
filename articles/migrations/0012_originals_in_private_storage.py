"""Photo originals move from public MEDIA_ROOT to private PRIVATE_MEDIA_ROOT.

Every file under MEDIA_ROOT/photos/ except the renditions (photos/display/,
photos/thumb/) is an original: of a photo, of a photo a revision can restore, or
left over. Each keeps its name, so the rows need no change. Files of the same
name already in private storage are left where they are.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import articles.images
import unionnews.media

RENDITIONS = ("display", "thumb")


def _move(source_root, target_root, skip=()):
    photos = Path(source_root) / "photos"
    if not photos.is_dir():
        return
    for path in sorted(photos.rglob("*")):
        relative = path.relative_to(source_root)
        if not path.is_file() or relative.parts[1] in skip:
            continue
        target = Path(target_root) / relative
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)


def originals_to_private(apps, schema_editor):
    _move(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, skip=RENDITIONS)


def originals_to_public(apps, schema_editor):
    _move(settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_audit_actions_for_security'),
    ]

    operations = [
        migrations.AlterField(
            model_name='photo',
            name='image',
            field=models.ImageField(height_field='height', help_text='JPEG、PNG 或 WebP 格式。', storage=unionnews.media.originals, upload_to='photos/%Y/%m/', validators=[articles.images.validate_photo], verbose_name='图片', width_field='width'),
        ),
        migrations.RunPython(originals_to_private, originals_to_public, elidable=True),
    ]
