"""The searchable text of a story, split by weight: its titles, and everything else."""

from articles.richtext import plain_text


def join(parts):
    return "\n".join(part for part in parts if part)


def title_text(article):
    return join([article.kicker, article.headline, article.subheadline])


def body_text(article):
    """Summary, body, segments, captions, bylines, tags and union names.

    Reads article.segments (with union), photos, credits (with contributor),
    tags and article_unions (with union): prefetch them when indexing many
    stories, or this costs five queries per story.
    """
    parts = [article.summary, plain_text(article.body)]
    for segment in article.segments.all():
        parts += [segment.heading, plain_text(segment.body), segment.union.name]
    parts += [photo.caption for photo in article.photos.all()]
    parts += [credit.contributor.name for credit in article.credits.all()]
    parts += [tag.name for tag in article.tags.all()]
    for link in article.article_unions.all():
        parts += [link.union.name, link.union.short_name]
    return join(parts)
