from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "unionnews.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self):
        # Here, not in the middleware: management commands (imports, purge_trash) change
        # pages too and never load the middleware.
        from unionnews.pagecache import cdn, invalidation

        invalidation.connect()
        cdn.connect()
