"""`manage.py generate_stories`: realistic stories in bulk for load tests (issue 11)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from taggit.models import Tag

from articles.epaper.models import PageFile, StoryArea
from articles.events.models import Award, Event, EventUnion, Standing
from articles.models import (
    Article,
    ArticleUnion,
    Credit,
    Listing,
    Photo,
    Placement,
    PrintPage,
    Segment,
    SegmentListing,
)
from articles.search import tokens
from articles.search.models import SearchDocument
from articles.statistics import scoring
from articles.statistics.models import StoryFigures
from tests.builders import make_article, union
from unionnews.demo import bulk
from unions.models import Union

COUNT = 300
PHOTO_WIDTH = 320  # small real photos keep the test quick


def generate(count=COUNT, **options):
    out, err = StringIO(), StringIO()
    call_command("generate_stories", count=count, photo_width=PHOTO_WIDTH, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def generated(db):
    return generate()


def headlines_of_a_run(seed):
    """The headlines a run with `seed` makes on this database, which is left as it was."""
    with transaction.atomic():
        generate(count=20, seed=seed)
        headlines = list(Article.objects.order_by("pk").values_list("headline", flat=True))
        transaction.set_rollback(True)
    return headlines


def test_small_run_makes_stories_of_every_shape(generated, client):
    stories = Article.objects.all()
    assert stories.count() == COUNT
    assert stories.filter(version=1).count() == COUNT
    assert stories.published().count() > COUNT * 0.9
    assert stories.exclude(kicker="").exists() and stories.filter(kicker="").exists()
    assert stories.exclude(subheadline="").exists()
    assert stories.filter(source="本报讯").exclude(dateline="").exists()
    lengths = [len(story.body) for story in stories]
    assert min(lengths) > 400 and stories.filter(body__contains="</p><p>").count() == COUNT
    assert stories.filter(is_featured=True).exists()
    assert stories.filter(revised_at__gt=timezone.now() - timezone.timedelta(days=3650)).exists()

    # Every story has 1-3 unions, the subject first; enterprise unions were added below the counties.
    per_story = stories.annotate(links=Count("article_unions")).values_list("links", flat=True)
    assert set(per_story) <= {1, 2, 3}
    first_roles = {story.article_unions.order_by("role_order", "pk").first().role for story in stories[:50]}
    assert first_roles == {ArticleUnion.Role.SUBJECT}
    assert Union.objects.filter(level__in=["enterprise", "grassroots"], depth=5).count() >= bulk.ENTERPRISE_UNIONS
    assert Union.objects.find_problems() == ([], [], [], [], [])  # treebeard checks the computed paths

    # Tags 2-4 a story, 工会 the commonest; bylines 1-3 by role.
    assert set(stories.annotate(n=Count("tagged_items")).values_list("n", flat=True)) <= {2, 3, 4}
    commonest = Tag.objects.annotate(n=Count("articles_taggedarticle_items")).order_by("-n").first()
    assert commonest.name == "工会" and commonest.slug == "工会"
    assert set(stories.annotate(n=Count("credits")).values_list("n", flat=True)) <= {1, 2, 3}
    assert set(Credit.objects.values_list("role", flat=True)) == set(Credit.Role.values)

    # About 30% have a photo: a few real ones, the others sharing their rendition files.
    photos = Photo.objects.all()
    assert COUNT * 0.2 < photos.count() < COUNT * 0.4
    assert photos.values("display").distinct().count() == bulk.TEMPLATE_PHOTOS
    copy = photos.order_by("-pk").first()
    template = photos.get(display=copy.display, pk__lte=photos.order_by("pk")[bulk.TEMPLATE_PHOTOS - 1].pk)
    for field in bulk.template_copy_fields():
        assert getattr(copy, field.attname) == getattr(template, field.attname), field.name
    assert copy.display.storage.exists(copy.display.name) and copy.display_width

    # Roundups with one segment per union.
    roundup = Article.objects.filter(segments__isnull=False).distinct().first()
    segments = Segment.objects.filter(article=roundup)
    assert 5 <= segments.count() <= 11 and segments.values("union").distinct().count() == segments.count()

    # Events with unions and results, linked to stories.
    assert Event.objects.exists() and EventUnion.objects.exists()
    competition = Event.objects.filter(kind=Event.Kind.COMPETITION, standings__isnull=False).distinct().first()
    assert Standing.objects.filter(event=competition).exists() and Award.objects.filter(event=competition).exists()
    assert Article.events.through.objects.exists()
    assert all(re.fullmatch(r"[-a-z0-9]+", slug) for slug in Event.objects.values_list("slug", flat=True))

    # Print pages with placements, some stories jumping to a second page.
    assert PrintPage.objects.exists()
    jumped = Placement.objects.filter(part=2).first()
    assert jumped, "no story continues on a second page"
    runs = Article.objects.for_print().get(pk=jumped.article_id).print_runs()
    assert runs[0].continues_on == jumped.page and runs[1].continued_from == runs[0].placement.page

    # Each page has its image and an area for each of its stories, so the e-paper page reads as it would.
    assert PageFile.objects.count() == PrintPage.objects.count()
    assert StoryArea.objects.count() == Placement.objects.count()
    page = PrintPage.objects.for_readers().first()
    html = client.get(page.get_absolute_url()).text
    assert 'class="sheet-areas"' in html and page.file.screen.url in html


def schema_of(tables):
    """Every index and constraint of `tables`, as PostgreSQL would write them again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [tables])
        indexes = set(cursor.fetchall())
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        return indexes, set(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are set aside on PostgreSQL only")
def test_indexes_and_constraints_set_aside_for_the_run_are_all_back(db):
    tables = [model._meta.db_table for model in (*bulk.WRITTEN, Listing, SegmentListing)]
    before = schema_of(tables)
    generate(count=40)
    assert schema_of(tables) == before
    # And they hold: a second link of a story to the same union is refused again.
    link = ArticleUnion.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleUnion.objects.create(article_id=link.article_id, union_id=link.union_id, role=link.role)


def test_search_documents_are_those_reindexing_would_make(generated):
    assert SearchDocument.objects.count() == COUNT
    if connection.vendor == "postgresql":  # the token indexes, set aside for the run, are back
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'articles_searchdocument'")
            names = {name for (name,) in cursor.fetchall()}
        assert {"searchdoc_tokens_gin", "searchdoc_title_tokens_gin"} <= names
    for story in Article.objects.for_indexing().order_by("?")[:30]:
        stored = SearchDocument.objects.get(pk=story.pk)
        fresh = SearchDocument.for_article(story)
        assert stored.title_text == fresh.title_text
        assert sorted(stored.body_text.splitlines()) == sorted(fresh.body_text.splitlines())
        assert stored.tokens == fresh.tokens and stored.title_tokens == fresh.title_tokens
        assert (stored.status, stored.published_at) == (story.status, story.published_at)

    # Common words hit many stories but not all; rare ones few.
    with_word = SearchDocument.objects.filter(body_text__contains="职工").count()
    assert Article.objects.published().count() * 0.5 < with_word < COUNT
    assert SearchDocument.objects.filter(body_text__contains="湖笔").count() < COUNT * 0.05


def test_every_story_has_the_figures_稿件考核_would_work_out(generated):
    stories = Article.objects.order_by("pk")
    assert list(StoryFigures.objects.order_by("article").values_list("article", flat=True)) == list(
        stories.values_list("pk", flat=True)
    )
    kept = {row.article_id: row.as_tuple() for row in StoryFigures.objects.all()}
    worked_out = {row.article_id: row.as_tuple() for row in scoring.measure(stories)}
    assert kept == worked_out
    tiers = {tier for tier, _, _ in kept.values()}
    assert {scoring.FRONT_LEAD, scoring.OTHER_PAGE} <= tiers  # each page's first story is its 头条


def test_token_cache_agrees_with_the_tokeniser():
    cache = bulk.TokenCache()
    for pieces in [
        ["湖州", "市总工会", "召开", "工BA", "联赛"],
        ["", "MVP", "2024", "年度", "，", "3.0版", "\n", "AI培训班", "_", "x"],
        ["A", "b", "。", "c", "5G智慧工地", "", "Ω"],
    ]:
        assert cache.of(pieces, set()) == tokens.document_tokens("".join(pieces))


def test_generated_site_answers_readers(generated, client):
    story = Article.objects.published().filter(photos__isnull=False).first()
    for url in ["/", story.get_absolute_url(), "/unions/huzhou/", "/search/?q=工会", "/events/"]:
        assert client.get(url).status_code == 200, url
    found = client.get("/search/?q=工会")
    assert 'class="search-hit"' in found.content.decode()
    # The unions' lists were built for the bulk-written stories.
    newest_about_huzhou = Article.objects.published().about(union("huzhou")).newest_first().first()
    assert newest_about_huzhou.headline in client.get("/unions/huzhou/").content.decode()


def test_same_seed_gives_same_headlines(db):
    first = headlines_of_a_run(seed=7)
    assert len(first) == 20
    assert headlines_of_a_run(seed=7) == first
    assert headlines_of_a_run(seed=8) != first


def test_database_with_stories_is_refused_unless_append(db):
    make_article(headline="已有稿件")
    with pytest.raises(CommandError, match=r"已有 1 篇稿件.*--append") as refused:
        generate(count=10)
    assert "already has 1 stories" in str(refused.value)
    assert Article.objects.count() == 1

    generate(count=10, append=True)
    assert Article.objects.count() == 11
    assert SearchDocument.objects.count() == 11


def test_progress_goes_to_stderr_and_summary_to_stdout(db):
    out, err = generate(count=30, batch_size=10)
    assert err.splitlines()[0].startswith("已生成 10 / 30 篇（")
    lines = err.splitlines()
    assert lines[2].startswith("已生成 30 / 30 篇（") and lines[2].endswith("篇/秒）")
    # The steps after the writing, which take a while at 100,000, are announced too.
    assert lines[3:] == [
        "正在重建索引和约束……",
        "正在编排数字报版面……",
        "正在重建各工会稿件列表……",
        "正在计算稿件考核数据……",
        "正在更新数据库统计信息……",
    ]
    assert "已生成" not in out
    assert out.startswith("生成完成：30 篇稿件") and "篇/秒" in out
