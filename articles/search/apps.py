from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The Chinese full-text index of stories and the public search page."""

    name = "articles.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self):
        from articles import signals
        from articles.search import indexing

        signals.story_saved.connect(indexing.story_saved, dispatch_uid="search.story_saved")
        signals.status_changed.connect(indexing.status_changed, dispatch_uid="search.status_changed")
