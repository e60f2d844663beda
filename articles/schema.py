"""schema.org data (JSON-LD) of a story page: NewsArticle and BreadcrumbList.

Reads only what Article.load_page() loaded (tags, credits, photos, unions): no query.
"""

from django.urls import reverse

from unionnews import schema
from unionnews.siteurl import absolute


def photo_images(article, base):
    """[schema.Image] of the lead photo's JPEG renditions, largest first; [] for a story without one."""
    photo = article.lead_photo
    sizes = photo.jpeg_sizes() if photo else []
    return [schema.Image(absolute(base, url), width, height, photo.alt) for url, width, height in sizes]


def lead_image(article, base):
    """The lead photo's largest rendition, or None: what the story shows when shared (og:image)."""
    return next(iter(photo_images(article, base)), None)


def story_images(article, base):
    """The lead photo's renditions, or the site's image for a story without a photo."""
    return photo_images(article, base) or [schema.site_image(base)]


def news_article(article, base):
    url = absolute(base, article.get_absolute_url())
    credited = [credit.contributor.name for credit in article.credits.all()]
    return {
        "@context": schema.CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "description": article.teaser(),
        "image": [schema.image_object(image) for image in story_images(article, base)],
        "datePublished": schema.w3c(article.published_at),
        "dateModified": schema.w3c(article.last_visible_change),
        "inLanguage": "zh-CN",
        # A story nobody is credited with is the desk's own.
        "author": [{"@type": "Person", "name": name} for name in credited] or [schema.publisher(base)],
        "publisher": schema.publisher(base),
        "keywords": [tag.name for tag in article.tags.all()],
    }


def breadcrumbs(article, base):
    """首页 › the story's lead union › the story."""
    trail = [("首页", reverse("home"))]
    union = article.lead_union
    if union is not None:
        trail.append((union.name, union.get_absolute_url()))
    trail.append((article.headline, article.get_absolute_url()))
    return schema.breadcrumbs(base, trail)


def story_page(article, base):
    """The JSON-LD of the story's page: [NewsArticle, BreadcrumbList]."""
    return [news_article(article, base), breadcrumbs(article, base)]
