"""Map parsed print-page stories onto the models, through articles.editing.

A story is identified by its edition date and headline: the part on page 2
(上接第1版, headline repeated) joins the story imported from page 1 and vice
versa. Each part is kept as a PrintImport; the story's content is built from
all its parts in page order.

An import creates and updates drafts only. A story that has left draft, or
that somebody edited in the CMS since its last import, is never changed: the
result lists it with what the new print text would change, for an editor to
apply by hand. Importing an unchanged page again writes nothing; a dry run, or
an import that changes no story, creates nothing, not even the print page.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from articles import editing, revisions
from articles.editorial import qa
from articles.editorial.models import PrintImport
from articles.editorial.printpage import stories as page_stories
from articles.editorial.printpage.parse import ROLES
from articles.models import Article, ArticleUnion, Contributor, PrintPage, TimelineEntry
from articles.richtext import paragraphs_html
from unionnews.accounts import audit
from unions.models import Union

# What happened to each story, as the result page says it.
OUTCOMES = {
    "created": "新建草稿",
    "updated": "已更新草稿",
    "unchanged": "与上次导入相同，未改动",
    "in_review": "已进入审核，未覆盖",
    "edited": "已在系统中编辑，未覆盖",
}
NOT_OVERWRITTEN = {"in_review", "edited"}


@dataclass
class ImportResult:
    date: object
    page: int
    dry_run: bool = False
    stories: list = field(default_factory=list)
    unknown_organisations: list = field(default_factory=list)

    @property
    def written(self):
        return [story for story in self.stories if story["outcome"] in ("created", "updated")]

    @property
    def not_overwritten(self):
        return [story for story in self.stories if story["outcome"] in NOT_OVERWRITTEN]

    def as_json(self):
        keep = lambda story: {key: value for key, value in story.items() if key != "changes"}  # noqa: E731
        return {
            "date": self.date.isoformat(),
            "page": self.page,
            "dry_run": self.dry_run,
            "stories": [keep(story) for story in self.stories],
            "unknown_organisations": self.unknown_organisations,
        }


@dataclass
class Part:
    """One story's text on one page, as parsed."""

    number: int
    page: PrintPage | None  # None while the page does not exist yet
    data: dict


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
        "joins": story.joins,
    }


def fingerprint(data):
    # The seams follow from the text; leaving them out keeps parts imported before they were kept unchanged.
    text = {key: value for key, value in data.items() if key != "joins"}
    return hashlib.sha256(json.dumps(text, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def import_page(text, *, date, number, name="", dry_run=False, user=None):
    """Import one page's text as `user` (None: a management command); with dry_run nothing is written."""
    index = qa.union_index()
    result = ImportResult(date, number, dry_run)
    with transaction.atomic():
        page = PrintPage.objects.filter(edition_date=date, number=number).first()
        for story, plain, found in page_stories.analyse(text, index, qa.terms(), brands=qa.brands(index)):
            summary = page_stories.story_dict(story, plain, found, index)
            data = part_data(story, plain)
            # A story in the trash is not this page's story any more: the text becomes a new draft.
            existing = (
                PrintImport.objects.filter(page__edition_date=date, headline=story.headline)
                .exclude(article__status=Article.Status.DELETED)
                .first()
            )
            # Locked until the import commits, so nobody edits it between the checks and the write.
            article = Article.objects.select_for_update().get(pk=existing.article_id) if existing else None
            parts = (
                [Part(p.page.number, p.page, p.data) for p in article.print_imports.select_related("page")]
                if (article)
                else []
            )
            parts = sorted(
                [p for p in parts if p.number != number] + [Part(number, page, data)], key=lambda p: p.number
            )
            outcome = _outcome(article, number, data)
            summary.update(
                outcome=outcome, outcome_label=OUTCOMES[outcome], pages=[p.number for p in parts], changed_fields=[]
            )
            if outcome in NOT_OVERWRITTEN:
                current = revisions.snapshot(article)
                wanted = {**current, **story_state(parts)}
                summary["changes"] = revisions.changes(current, wanted)
                summary["changed_fields"] = [label for label, _ in summary["changes"]]
            if outcome in ("created", "updated") and not dry_run:
                if page is None:
                    page = PrintPage.objects.create(edition_date=date, number=number, name=name)
                    parts = [Part(p.number, page if p.number == number else p.page, p.data) for p in parts]
                article = _write(article, parts, page, data, user, f"导入{date:%Y-%m-%d} 第{number}版")
                notes = [f for f in found if f["code"] in ("repaired-break", "normalised-punctuation")]
                # Checked again now its print parts are stored: they tell where lines were joined.
                summary["findings"] = notes + qa.recheck(article)
            result.stories.append({"id": article.pk if article else None, **summary})
            for organisation in index.unknown_organisations(summary["body"]):
                if organisation not in result.unknown_organisations:
                    result.unknown_organisations.append(organisation)
        if result.written and not dry_run:
            audit.record(
                user,
                audit.Action.IMPORT,
                page,
                username="" if user else "（命令行）",
                created=[s["id"] for s in result.stories if s["outcome"] == "created"],
                updated=[s["id"] for s in result.stories if s["outcome"] == "updated"],
                not_overwritten=[s["id"] for s in result.not_overwritten],
            )
    return result


def _outcome(article, number, data):
    if article is None:
        return "created"
    part = article.print_imports.filter(page__number=number).first()
    if part is not None and part.fingerprint == fingerprint(data):
        return "unchanged"
    if article.status != Article.Status.DRAFT:
        return "in_review"
    last_import = article.print_imports.aggregate(version=Max("article_version"))["version"]
    if last_import is not None and article.version != last_import:
        return "edited"
    return "updated"


def _write(article, parts, page, data, user, note):
    state = story_state(parts, create_contributors=True)
    if article is None:
        article = Article(headline=state["headline"], source="", status=Article.Status.DRAFT, created_by=user)
        editing.create(article, user, state, action=TimelineEntry.Action.IMPORT, note=note)
    else:
        editing.save(article, user, state, action=TimelineEntry.Action.IMPORT, note=note)
        article.refresh_from_db()
    PrintImport.objects.update_or_create(
        article=article,
        page=page,
        defaults={
            "headline": data["headline"],
            "data": data,
            "fingerprint": fingerprint(data),
            "continued_from": data["continued_from"],
        },
    )
    article.print_imports.update(article_version=article.version)
    return article


def story_state(parts, create_contributors=False):
    """The print-derived part of a story's snapshot (articles.revisions) from its parts in page order.

    Contributors are looked up by name; with `create_contributors` missing ones are added.
    """
    datas = [part.data for part in parts]
    headed = next((data for data in datas if data["continued_from"] is None), datas[0])
    credited = next((data["contributors"] for data in datas if data["contributors"]), [])
    unions = {union.name: union for union in Union.objects.filter(name__in=union_names(datas))}
    segments = [(unions[name], paragraphs) for data in datas for name, paragraphs in data["segments"]]
    return {
        "kicker": headed["kicker"],
        "headline": headed["headline"],
        "subheadline": headed["subheadline"],
        "source": next((data["source"] for data in datas if data["source"]), ""),
        "body": paragraphs_html(p for data in datas for p in data["intro"]),
        "credits": [
            {
                "contributor": _contributor(name, create_contributors),
                "name": name,
                "role": ROLES[label],
                "position": position,
            }
            for position, (name, label) in enumerate(credited)
        ],
        "unions": _links(unions, {union.name for union, _ in segments}, datas),
        "segments": [
            {
                "id": None,
                "union": union.pk,
                "union_name": union.name,
                "heading": "",
                "body": paragraphs_html(paragraphs),
                "position": position,
            }
            for position, (union, paragraphs) in enumerate(segments)
        ],
        "captions": [
            {"id": None, "text": text, "position": position}
            for position, text in enumerate(caption for data in datas for caption in data["captions"])
        ],
        "placements": [
            {
                "page": part.page.pk if part.page else None,
                "page_label": str(part.page) if part.page else f"第{part.number}版",
                "part": position,
            }
            for position, part in enumerate(parts, start=1)
        ],
    }


def _contributor(name, create):
    found = Contributor.objects.filter(name=name).first()
    if found is None and create:
        found = Contributor.objects.create(name=name)
    return found.pk if found else None


def union_names(datas):
    index = qa.union_index()
    text = "\n".join(
        line
        for data in datas
        for line in [data["kicker"], data["headline"], data["subheadline"], *data["intro"]]
        + [p for _, paragraphs in data["segments"] for p in paragraphs]
    )
    return [union.name for union in index.named_in(text)] + [n for data in datas for n, _ in data["segments"]]


def _links(unions, segment_unions, datas):
    """Unions named in the segments or headings are what the story is about; the others are mentioned."""
    headings = "".join(data[key] for data in datas for key in ("kicker", "headline", "subheadline"))
    in_headings = {union.name for union in qa.union_index().named_in(headings)}
    return [
        {
            "union": union.pk,
            "name": name,
            "role": ArticleUnion.Role.SUBJECT if name in segment_unions | in_headings else ArticleUnion.Role.MENTIONED,
        }
        for name, union in unions.items()
    ]
