from django.db import migrations, models


class Migration(migrations.Migration):
    """The database refuses a story status, a union's role or a byline role outside the choices."""

    dependencies = [
        ("articles", "0016_role_order_generated"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "draft", "first_review", "second_review", "final_review", "published", "withdrawn", "deleted"
                    ]
                ),
                name="article_status_is_a_choice",
                violation_error_message="稿件状态无效。",
            ),
        ),
        migrations.AddConstraint(
            model_name="articleunion",
            constraint=models.CheckConstraint(
                condition=models.Q(role__in=["subject", "organiser", "mentioned"]),
                name="article_union_role_is_a_choice",
                violation_error_message="工会组织与稿件的关系无效。",
            ),
        ),
        migrations.AddConstraint(
            model_name="credit",
            constraint=models.CheckConstraint(
                condition=models.Q(role__in=["reporter", "correspondent", "photographer"]),
                name="credit_role_is_a_choice",
                violation_error_message="署名身份无效。",
            ),
        ),
    ]
