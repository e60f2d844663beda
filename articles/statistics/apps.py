from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    """稿件考核: what correspondents and unions contributed, scored and ranked."""

    name = "articles.statistics"
    label = "statistics"
    verbose_name = "稿件考核"

    def ready(self):
        from articles.statistics import keeping

        keeping.connect()
