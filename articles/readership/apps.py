from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    """阅读量: readers' views of published stories, counted per story per day without cookies."""

    name = "articles.readership"
    label = "readership"
    verbose_name = "阅读量"
