"""热门: the published stories most read in the last READERSHIP_POPULAR_DAYS days."""

import logging

from django.conf import settings

from articles.models import Article
from articles.readership import counting
from articles.readership.models import days_back, popular_since

logger = logging.getLogger(__name__)


def most_read():
    """[(story, views)], most read first; [] when nobody has read anything lately.

    The ranking (ids and counts: one grouping query) is kept in the cache for
    READERSHIP_POPULAR_SECONDS; the stories are fetched by id every time (one query), so a
    story withdrawn meanwhile leaves the list at once. Views waiting in Redis for
    `flush_views` are not in it yet."""
    key = f"readership:popular:{settings.READERSHIP_POPULAR_DAYS}:{settings.READERSHIP_POPULAR_COUNT}"
    try:
        ranking = counting.cache().get(key)
    except Exception:  # the cache is down (Redis): work it out, as a page is rendered uncached then
        logger.exception("热门：缓存读取失败，直接查询")
        ranking = None
    if ranking is None:
        first = days_back(counting.today(), settings.READERSHIP_POPULAR_DAYS)
        ranking = popular_since(first, settings.READERSHIP_POPULAR_COUNT)
        try:
            counting.cache().set(key, ranking, settings.READERSHIP_POPULAR_SECONDS)
        except Exception:
            logger.exception("热门：缓存写入失败")
    if not ranking:
        return []
    stories = Article.objects.published().in_bulk([pk for pk, _ in ranking])
    return [(stories[pk], views) for pk, views in ranking if pk in stories]
