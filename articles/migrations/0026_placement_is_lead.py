from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0025_roles_for_brands")]

    operations = [
        migrations.AddField(
            model_name="placement",
            name="is_lead",
            field=models.BooleanField(default=False, help_text="本版头条稿件请勾选（头版头条计分最高）。", verbose_name="头条"),
        ),
    ]
