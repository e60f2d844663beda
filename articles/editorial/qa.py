"""Run the editorial QA checks (articles.editorial.printpage.checks) on stored stories."""

import hashlib

from django.db import transaction

from articles.editorial.models import Finding, Term
from articles.editorial.printpage import checks, names
from articles.richtext import text_blocks
from unions.models import Brand, Union


def union_index():
    """Every union as plain names for recognition, in one query."""
    rows = Union.objects.values_list("name", "short_name", "level", "path")
    return names.UnionIndex(names.UnionRef(*row) for row in rows)


def terms():
    return [checks.TermRef(*row) for row in Term.objects.values_list("term", "preferred", "kind")]


def brands(index):
    """The unions' brands with the city each belongs to (brands of provincial unions belong to none)."""
    found = []
    for name, union_name in Brand.objects.values_list("name", "union__name"):
        city = index.city_of(index.by_name[union_name])
        if city is not None:
            found.append(checks.BrandRef(name, city.short_name))
    return found


def blocks(rich_text):
    """(paragraphs, other blocks such as headings, list items and table cells) of stored rich text as plain text."""
    paragraphs, others = [], []
    for tag, text in text_blocks(rich_text):
        (paragraphs if tag == "p" else others).append(text)
    return paragraphs, others


def article_text(article, index):
    """checks.StoryText of a saved article (reads segments, credits and imports)."""
    paragraphs, others = blocks(article.body)
    segments = []
    for segment in article.segments.select_related("union").order_by("position", "pk"):
        city = index.city_of(names.UnionRef(segment.union.name, "", segment.union.level, segment.union.path))
        segment_paragraphs, segment_others = blocks(segment.body)
        segments.append(checks.SegmentText(segment.union.name, getattr(city, "short_name", None), segment_paragraphs))
        others += segment_others
    imports = list(article.print_imports.values_list("continued_from", "data"))
    return checks.StoryText(
        kicker=article.kicker,
        headline=article.headline,
        subheadline=article.subheadline,
        source=article.source,
        contributors=list(article.credits.values_list("contributor__name", "role")),
        paragraphs=paragraphs,
        segments=segments,
        captions=[*article.captions.values_list("text", flat=True), *others],
        continued=bool(imports) and None not in [continued_from for continued_from, _ in imports],
        joins=[join for _, data in imports for join in data.get("joins", [])],
    )


def fingerprint(finding):
    key = "\x1f".join([finding["code"], finding["segment"] or "", finding["excerpt"]])
    return hashlib.sha1(key.encode()).hexdigest()


def findings_for(article):
    index = union_index()
    places = [checks.Place(city.short_name, city.name) for city in index.cities()]
    return checks.check_story(article_text(article, index), places, terms(), brands(index))


@transaction.atomic
def story_saved(sender, article, **kwargs):
    """After every save of a story, changed or not (the word list may have changed since)."""
    recheck(article)


def recheck(article):
    """Recompute and return `article`'s findings. Call it after its segments, credits, unions
    and print imports are saved."""
    found = findings_for(article)
    article.findings.all().delete()
    Finding.objects.bulk_create(
        Finding(
            article=article,
            code=item["code"],
            message=item["message"],
            excerpt=item["excerpt"],
            segment=item["segment"] or "",
            fingerprint=fingerprint(item),
            position=position,
        )
        for position, item in enumerate(found)
    )
    return found
