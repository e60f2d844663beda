"""Rules that live on the models and QuerySets: visibility, sanitising, tags, bylines."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.editorial import qa
from articles.events.models import Event
from articles.models import Article, ArticleUnion, Credit, Photo, Segment
from articles.models.status import published_q
from articles.richtext import plain_text, text_blocks
from articles.search.models import SearchDocument
from articles.tagging import parse_tags
from tests.builders import NOON, make_article, make_contributor, make_event, tiny_png, union


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("学习贯彻，工会、工BA", ["学习贯彻", "工会", "工BA"]),
        ("劳动竞赛；职工服务", ["劳动竞赛", "职工服务"]),
        ("工BA, 劳模工匠", ["工BA", "劳模工匠"]),
        ("送清凉 职工疗休养", ["职工疗休养", "送清凉"]),
        ("、，", []),
        ("", []),
    ],
)
def test_tags_typed_with_chinese_separators_split(typed, expected):
    assert sorted(parse_tags(typed)) == sorted(expected)


def test_chinese_tags_get_unique_unicode_slugs(db):
    article = make_article(tags=["学习贯彻", "工BA"])
    other = make_article(tags=["工ba"])  # same tag, typed in another case
    slugs = sorted(article.tags.values_list("slug", flat=True))
    assert slugs == ["学习贯彻", "工ba"]
    assert list(other.tags.values_list("name", flat=True)) == ["工BA"]


def test_body_is_sanitised_whoever_saves_it(db):
    article = make_article(
        body='<p onclick="steal()">会议<script>alert(1)</script><a href="javascript:x()">链接</a></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript" not in article.body
    assert "会议" in article.body


def test_segment_and_event_text_are_sanitised_too(huzhou):
    article = make_article(segments=[(huzhou, "<p>湖州<img src=x onerror=alert(1)></p>")])
    event = make_event(description="<p>赛程<iframe src='//x'></iframe></p>")
    assert Segment.objects.get(article=article).body == "<p>湖州</p>"
    event.refresh_from_db()
    assert event.description == "<p>赛程</p>"


def test_paragraphs_and_table_cells_stay_apart_as_plain_text(db):
    table = (
        "<table><tbody><tr><th><p>单位</p></th><th><p>人数</p></th></tr>"
        "<tr><td><p>湖州</p></td><td><p>120</p></td></tr></tbody></table>"
    )
    body = f"<p>职工&amp;家属</p><p>分组如下：</p>{table}"
    article = make_article(summary="", body=body)

    assert plain_text(body).split() == ["职工&家属", "分组如下：", "单位", "人数", "湖州", "120"]
    assert article.teaser() == "职工&家属\u3000分组如下：单位\u3000人数\u3000湖州\u3000120"
    assert qa.blocks(body) == (["职工&家属", "分组如下："], ["单位", "人数", "湖州", "120"])
    assert SearchDocument.objects.get(article=article).body_text == plain_text(body)


def test_published_queryset_and_property_agree_on_scheduled_stories(db):
    live = make_article(headline="已发布", published_at=NOON)
    scheduled = make_article(headline="定时发布", published_at=NOON + timedelta(hours=2))
    draft = make_article(headline="草稿", status=Article.Status.DRAFT)

    with time_machine.travel(NOON + timedelta(hours=1)):
        assert list(Article.objects.published()) == [live]
        assert [a.is_published for a in (live, scheduled, draft)] == [True, False, False]

    with time_machine.travel(NOON + timedelta(hours=3)):
        assert set(Article.objects.published()) == {live, scheduled}
        assert scheduled.is_published


def test_every_published_filter_agrees_with_is_published(huzhou):
    """published_q() is the one rule: stories, roundup segments and search documents follow it."""
    stories = [
        make_article(status=status, published_at=at, segments=[(huzhou, "<p>湖州</p>")])
        for status in Article.Status.values
        for at in [NOON, NOON + timedelta(hours=2), None]
        if at is not None or status not in (Article.Status.PUBLISHED, Article.Status.WITHDRAWN)
    ]

    with time_machine.travel(NOON + timedelta(hours=1)):
        readable = {story.pk for story in stories if story.is_published}
        scheduled = {story.pk for story in stories if story.is_scheduled}
        assert len(readable) == 1 and len(scheduled) == 1
        assert set(Article.objects.published().values_list("pk", flat=True)) == readable
        assert set(Article.objects.scheduled().values_list("pk", flat=True)) == scheduled
        assert set(Segment.objects.published().values_list("article", flat=True)) == readable
        assert set(SearchDocument.objects.filter(published_q()).values_list("article", flat=True)) == readable


def test_publishing_without_a_time_publishes_now(db):
    article = Article(headline="临时稿件", status=Article.Status.PUBLISHED)
    with time_machine.travel(NOON, tick=False):
        article.full_clean()
    assert article.published_at == NOON


def test_byline_groups_contributors_by_role_in_credit_order(db):
    article = make_article(
        credits=[
            (make_contributor("林晓燕"), Credit.Role.REPORTER),
            (make_contributor("郑浩"), Credit.Role.CORRESPONDENT),
            (make_contributor("寿一鸣"), Credit.Role.REPORTER),
        ]
    )
    assert article.byline() == "记者 林晓燕 寿一鸣 通讯员 郑浩"


def test_subject_unions_come_before_organisers_and_mentions(huzhou, nanxun, jiaxing):
    article = make_article(
        unions=[(jiaxing, ArticleUnion.Role.MENTIONED), (huzhou, ArticleUnion.Role.ORGANISER), nanxun]
    )
    article = Article.objects.for_listing().get(pk=article.pk)
    assert article.lead_union == nanxun
    assert [link.union for link in article.article_unions.all()] == [nanxun, huzhou, jiaxing]


def test_unions_linked_in_bulk_or_changed_by_update_keep_subjects_first(huzhou, nanxun, jiaxing):
    article = make_article()
    ArticleUnion.objects.bulk_create(
        [
            ArticleUnion(article=article, union=jiaxing, role=ArticleUnion.Role.MENTIONED),
            ArticleUnion(article=article, union=huzhou, role=ArticleUnion.Role.ORGANISER),
            ArticleUnion(article=article, union=nanxun, role=ArticleUnion.Role.SUBJECT),
        ]
    )

    assert list(article.article_unions.order_by("role_order").values_list("union", "role_order")) == [
        (nanxun.pk, 0),
        (huzhou.pk, 1),
        (jiaxing.pk, 2),
    ]
    article.article_unions.filter(union=huzhou).update(role=ArticleUnion.Role.MENTIONED)
    article = Article.objects.for_listing().get(pk=article.pk)
    assert [link.union for link in article.article_unions.all()] == [nanxun, jiaxing, huzhou]


def test_related_to_orders_stories_by_shared_tags_and_unions(huzhou, jiaxing):
    article = make_article(unions=[huzhou], tags=["工BA", "劳动竞赛"])
    close = make_article(headline="同标签同单位", unions=[huzhou], tags=["工BA", "劳动竞赛"])
    loose = make_article(headline="只同一个标签", unions=[jiaxing], tags=["工BA"])
    make_article(headline="无关", unions=[jiaxing], tags=["职工服务"])

    related = list(Article.objects.published().related_to(article.pk))

    assert related == [close, loose]


def test_latest_per_city_lists_each_citys_subtree_without_duplicates(huzhou, nanxun, jiaxing):
    older = make_article(headline="湖州旧闻", unions=[huzhou], published_at=NOON - timedelta(days=2))
    both = make_article(headline="南浔新闻", unions=[huzhou, nanxun], published_at=NOON - timedelta(days=1))
    newest = make_article(headline="湖州最新", unions=[huzhou], published_at=NOON)
    jx = make_article(headline="嘉兴新闻", unions=[jiaxing])

    per_city = Article.objects.published().latest_per_city([huzhou, jiaxing], per_city=2)

    assert per_city == {huzhou: [newest, both], jiaxing: [jx]}
    assert older not in per_city[huzhou]


def test_event_cannot_end_before_it_starts(db):
    event = Event(title="职工技能培训", slug="peixun", starts_at=NOON, ends_at=NOON - timedelta(hours=1))
    with pytest.raises(ValidationError, match="结束时间不能早于开始时间"):
        event.full_clean()


@pytest.mark.parametrize(
    ("make", "field", "message"),
    [
        (lambda union_: make_article(), "status", "稿件状态无效"),
        (lambda union_: make_article(unions=[union_]).article_unions.get(), "role", "工会组织与稿件的关系无效"),
        (
            lambda union_: make_article(credits=[(make_contributor(), Credit.Role.REPORTER)]).credits.get(),
            "role",
            "署名身份无效",
        ),
        (lambda union_: make_event(), "status", "活动状态无效"),
    ],
    ids=["article status", "union role", "byline role", "event status"],
)
def test_a_status_or_role_outside_its_choices_is_refused_by_forms_and_database(huzhou, make, field, message):
    row = make(huzhou)
    setattr(row, field, "archived")

    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert list(refused.value.message_dict) == [field]
    with pytest.raises(ValidationError, match=message):
        row.validate_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: "archived"})


def test_upcoming_and_past_events_split_at_now(db):
    finished = make_event(slug="done", starts_at=NOON - timedelta(days=5), ends_at=NOON - timedelta(days=4))
    running = make_event(slug="running", starts_at=NOON - timedelta(days=1), ends_at=NOON + timedelta(days=1))
    later = make_event(slug="later", starts_at=NOON + timedelta(days=3), ends_at=None)
    with time_machine.travel(NOON):
        assert list(Event.objects.upcoming()) == [running, later]
        assert list(Event.objects.past()) == [finished]


def test_photo_gets_display_and_thumbnail_renditions_on_save(db):
    article = make_article()
    photo = Photo.objects.create(article=article, image=tiny_png(size=(2000, 1000)), caption="篮球赛现场")
    assert (photo.width, photo.height) == (2000, 1000)
    assert photo.display.width == 1280
    assert photo.thumbnail.width == 400
    assert photo.alt == "篮球赛现场"


def test_city_union_pages_are_addressed_by_pinyin_slug(db):
    assert union("huzhou").get_absolute_url() == "/unions/huzhou/"


def test_related_stories_also_count_shared_events(huzhou):
    league = make_event()
    article = make_article(events=[league])
    same_event = make_article(headline="同一赛事", events=[league])
    make_article(headline="无关")

    assert list(Article.objects.published().related_to(article.pk)) == [same_event]


def test_the_checks_read_a_block_as_one_run_so_acknowledged_findings_keep_their_fingerprints():
    assert text_blocks("<p>今年以来，全市<br>职工</p><ul><li><p>一</p><p>二</p></li></ul>") == [
        ("p", "今年以来，全市职工"),
        ("li", "一二"),
    ]
