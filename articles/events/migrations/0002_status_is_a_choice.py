from django.db import migrations, models


class Migration(migrations.Migration):
    """The database refuses an event status outside the choices."""

    dependencies = [
        ("events", "0001_models_from_articles"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="event_status_is_a_choice",
                violation_error_message="活动状态无效。",
            ),
        ),
    ]
