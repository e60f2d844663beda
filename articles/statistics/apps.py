from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    """稿件考核: what correspondents and unions contributed, scored and ranked."""

    name = "articles.statistics"
    label = "statistics"
    verbose_name = "稿件考核"

    def ready(self):
        from django.db.backends.signals import connection_created

        from articles.statistics.figures import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="statistics_sqlite_functions")
