"""Map parsed print-page stories onto the models: draft Articles with credits,
segments, unions, captions and placements. The only database-aware module here.

A story is identified by its edition date and headline: the part on page 2
(上接第1版, headline repeated) joins the story imported from page 1 and vice
versa. Each part is kept as a PrintImport; the article is rebuilt from all its
parts in page order when a part is new or its text changed, so importing an
unchanged page again writes nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape

from articles import qa
from articles.models import (
    Article,
    ArticleUnion,
    Caption,
    Contributor,
    Credit,
    Placement,
    PrintImport,
    PrintPage,
    Segment,
)
from articles.printpage import stories as page_stories
from articles.printpage.parse import ROLES
from unions.models import Union


@dataclass
class ImportResult:
    date: object
    page: int
    stories: list = field(default_factory=list)
    unknown_organisations: list = field(default_factory=list)

    def as_json(self):
        return {
            "date": self.date.isoformat(),
            "page": self.page,
            "stories": self.stories,
            "unknown_organisations": self.unknown_organisations,
        }


def part_data(story, plain):
    return {
        "kicker": story.kicker,
        "headline": story.headline,
        "subheadline": story.subheadline,
        "source": story.source,
        "contributors": story.contributors,
        "intro": plain.paragraphs,
        "segments": [[segment.union_name, segment.paragraphs] for segment in plain.segments],
        "captions": story.captions,
        "continued_from": story.continued_from,
        "continues_on": story.continues_on,
    }


def import_page(text, *, date, number, name="", dry_run=False):
    """Import one page's text; with dry_run nothing is written."""
    index = qa.union_index()
    result = ImportResult(date, number)
    with transaction.atomic():
        page = PrintPage.objects.filter(edition_date=date, number=number).first()
        if page is None and not dry_run:
            page = PrintPage.objects.create(edition_date=date, number=number, name=name)
        for story, plain, found in page_stories.analyse(text, index, qa.terms()):
            summary = page_stories.story_dict(story, plain, found, index)
            existing = PrintImport.objects.filter(page__edition_date=date, headline=story.headline).first()
            article = existing.article if existing else None
            pages = sorted({*article.placements.values_list("page__number", flat=True), number} if article else {number})
            if not dry_run:
                article = save_part(article, page, story, plain)
                pages = sorted(article.placements.values_list("page__number", flat=True))
                notes = [f for f in found if f["code"] in ("repaired-break", "normalised-punctuation")]
                summary["findings"] = notes + qa.findings_for(article)
            result.stories.append({"id": article.pk if article else None, **summary, "pages": pages})
            for organisation in index.unknown_organisations(summary["body"]):
                if organisation not in result.unknown_organisations:
                    result.unknown_organisations.append(organisation)
    return result


def save_part(article, page, story, plain):
    data = part_data(story, plain)
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    if article is None:
        article = Article.objects.create(headline=story.headline, source="", status=Article.Status.DRAFT)
    part, created = PrintImport.objects.get_or_create(
        article=article,
        page=page,
        defaults={"headline": story.headline, "data": data, "fingerprint": digest, "continued_from": story.continued_from},
    )
    if not created and part.fingerprint == digest:
        return article
    if not created:
        part.data, part.fingerprint, part.continued_from = data, digest, story.continued_from
        part.save()
    rebuild(article)
    return article


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def rebuild(article):
    """The article's text, credits, segments, unions, captions and placements from its parts in page order."""
    parts = list(article.print_imports.select_related("page").order_by("page__number"))
    datas = [part.data for part in parts]
    headed = next((data for data in datas if data["continued_from"] is None), datas[0])
    article.kicker, article.headline, article.subheadline = headed["kicker"], headed["headline"], headed["subheadline"]
    article.source = next((data["source"] for data in datas if data["source"]), "")
    article.body = paragraphs_html(p for data in datas for p in data["intro"])
    article.save()

    credited = next((data["contributors"] for data in datas if data["contributors"]), [])
    article.credits.all().delete()
    for position, (name, label) in enumerate(credited):
        contributor = Contributor.objects.filter(name=name).first() or Contributor.objects.create(name=name)
        Credit.objects.create(article=article, contributor=contributor, role=ROLES[label], position=position)

    unions = {union.name: union for union in Union.objects.filter(name__in=union_names(datas))}
    article.segments.all().delete()
    segments = [(unions[name], paragraphs) for data in datas for name, paragraphs in data["segments"]]
    Segment.objects.bulk_create(
        Segment(article=article, union=union, body=paragraphs_html(paragraphs), position=position)
        for position, (union, paragraphs) in enumerate(segments)
    )
    link_unions(article, unions, {union.name for union, _ in segments}, datas)

    article.captions.all().delete()
    captions = [caption for data in datas for caption in data["captions"]]
    Caption.objects.bulk_create(Caption(article=article, text=text, position=n) for n, text in enumerate(captions))

    for number, part in enumerate(parts, start=1):
        Placement.objects.update_or_create(article=article, page=part.page, defaults={"part": number})
    article.recheck()
    article.reindex()


def union_names(datas):
    index = qa.union_index()
    text = "\n".join(
        line
        for data in datas
        for line in [data["kicker"], data["headline"], data["subheadline"], *data["intro"]]
        + [p for _, paragraphs in data["segments"] for p in paragraphs]
    )
    return [union.name for union in index.named_in(text)] + [n for data in datas for n, _ in data["segments"]]


def link_unions(article, unions, segment_unions, datas):
    headings = "".join(data[key] for data in datas for key in ("kicker", "headline", "subheadline"))
    index = qa.union_index()
    in_headings = {union.name for union in index.named_in(headings)}
    for name, union in unions.items():
        role = ArticleUnion.Role.SUBJECT if name in segment_unions | in_headings else ArticleUnion.Role.MENTIONED
        ArticleUnion.objects.get_or_create(article=article, union=union, defaults={"role": role})
