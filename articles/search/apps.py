from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The Chinese full-text index of stories and the public search page."""

    name = "articles.search"
    label = "search"
    verbose_name = "全文检索"
