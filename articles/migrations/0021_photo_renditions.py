from django.db import migrations, models


class Migration(migrations.Migration):
    """Photos list their WebP and JPEG renditions. Photos stored before have none and show their
    display and thumbnail files until `python manage.py make_renditions` makes them."""

    dependencies = [
        ("articles", "0020_reader_lists"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="renditions",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
    ]
