from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Stories: their text, unions, credits, photos and print placements, their lifecycle and review."""

    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        from articles import listings, tagging  # noqa: F401  (connect their signals)
