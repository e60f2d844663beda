from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "稿件"

    def ready(self):
        from articles import audit, tagging  # noqa: F401  (connect the audit log's and tag names' signals)
