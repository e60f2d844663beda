"""Control characters (U+0001 and friends, which XML 1.0 forbids) never reach a feed.

Typed in the admin, imported or saved by a script, they are dropped on save; rows
stored before that (simulated with QuerySet.update()) are cleaned as the feeds write them.
"""

import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from articles.editorial.models import Caption, Term
from articles.events.models import Award, Event, Standing
from articles.models import Article, Contributor, Correction, Photo, PrintPage, Segment, TimelineEntry
from articles.search import indexing
from tests.admin import postdata
from tests.builders import NOON, make_article, make_event, make_union, tiny_png
from tests.printpage.pages import CLEAN_PAGE
from unions.models import Union

CONTROL = "\x01\x02\x08"
FEEDS = ["/feed/", "/feed/atom/", "/unions/huzhou/feed/", "/tags/工ba/feed/"]
ATOM = "{http://www.w3.org/2005/Atom}"
# Readers visit an hour after NOON (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("an_hour_after_noon")


def feed_text(response):
    """All the text of a well-formed RSS or Atom document."""
    assert response.status_code == 200
    return "".join(ET.fromstring(response.content).itertext())


def entries(response):
    """(title, description or summary, categories) of each RSS item or Atom entry."""
    root = ET.fromstring(response.content)
    if root.tag == f"{ATOM}feed":
        return [
            (
                entry.findtext(f"{ATOM}title"),
                entry.findtext(f"{ATOM}summary"),
                [category.get("term") for category in entry.findall(f"{ATOM}category")],
            )
            for entry in root.findall(f"{ATOM}entry")
        ]
    return [
        (item.findtext("title"), item.findtext("description"), [c.text for c in item.findall("category")])
        for item in root.findall("channel/item")
    ]


@pytest.fixture
def typed_story(staff, client_for, huzhou):
    """A reporter types control characters into a story in the admin; it passes the three
    reviews, and the deputy editor adds a correction typed with them too."""
    response = client_for(staff.reporter).post(
        reverse("admin:articles_article_add"),
        postdata.article(
            kicker=f"学习贯彻{CONTROL}全会精神",
            headline=f"湖州市{CONTROL}总工会召开全委会",
            summary=f"会议部署{CONTROL}下半年重点工作",
            body=f"<p>会议传达学习了{CONTROL}上级工会会议精神。</p>",
            tags=f"工{CONTROL}BA，学习贯彻",
            article_unions=[{"union": huzhou.pk, "role": "subject"}],
            segments=[
                {
                    "union": huzhou.pk,
                    "heading": f"湖{CONTROL}州",
                    "body": f"<p>湖州{CONTROL}开展宣讲。</p>",
                    "position": "0",
                }
            ],
            photos=[
                {
                    "image": tiny_png(),
                    "caption": f"会议{CONTROL}现场",
                    "credit": f"记者 羊晓江{CONTROL} 摄",
                    "alt_text": f"会场{CONTROL}全景",
                    "position": "0",
                }
            ],
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    for user, action in [
        (staff.reporter, "submit"),
        (staff.section_editor, "approve"),
        (staff.deputy, "approve"),
        (staff.chief, "approve"),
        (staff.deputy, "correct"),
    ]:
        url = reverse("admin:articles_article_transition", args=[article.pk, action])
        comment = f"第二段{CONTROL}数字有误" if action == "correct" else "同意"
        assert client_for(user).post(url, {"comment": comment}).status_code == 302
    article.refresh_from_db()
    assert article.is_published
    return article


def test_the_admin_stores_a_typed_story_without_its_control_characters(typed_story):
    story = typed_story
    assert (story.kicker, story.headline, story.summary, story.body) == (
        "学习贯彻全会精神",
        "湖州市总工会召开全委会",
        "会议部署下半年重点工作",
        "<p>会议传达学习了上级工会会议精神。</p>",
    )
    assert sorted(tag.name for tag in story.tags.all()) == ["学习贯彻", "工BA"]
    assert [(s.heading, s.body) for s in story.segments.all()] == [("湖州", "<p>湖州开展宣讲。</p>")]
    assert [(p.caption, p.credit, p.alt_text) for p in story.photos.all()] == [
        ("会议现场", "记者 羊晓江 摄", "会场全景")
    ]
    assert [c.text for c in story.corrections.all()] == ["第二段数字有误"]


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_shows_a_story_typed_with_control_characters(client, typed_story, url):
    response = client.get(url)

    feed_text(response)
    [(title, description, categories)] = entries(response)
    assert title == "湖州市总工会召开全委会"
    assert description.startswith("会议部署下半年重点工作") and "第二段数字有误" in description
    assert sorted(categories) == ["学习贯彻", "工BA"]


def test_the_page_and_search_find_a_story_typed_with_control_characters(client, typed_story):
    page = client.get(typed_story.get_absolute_url())
    assert page.status_code == 200
    for text in ["湖州市总工会召开全委会", "会议传达学习了上级工会会议精神", "会议现场", "第二段数字有误"]:
        assert text in page.content.decode()

    results = client.get(reverse("search"), {"q": "市总工会召开"})
    assert results.status_code == 200
    assert [hit.article for hit in results.context["hits"]] == [typed_story]


@pytest.fixture
def stored_before_the_fix(huzhou):
    """A published story, its tag, union and correction holding control characters written
    straight to the database, as rows saved before text was cleaned on save."""
    story = make_article(headline="全委会", summary="摘要", unions=[huzhou], tags=["工BA"])
    Correction.objects.create(article=story, text="更正")
    Article.objects.filter(pk=story.pk).update(
        headline=f"湖州市{CONTROL}总工会召开全委会",
        summary=f"会议部署{CONTROL}下半年重点工作\ufffe",
        body=f"<p>会议传达{CONTROL}学习了上级精神。</p>",
    )
    Tag.objects.filter(name="工BA").update(name=f"工{CONTROL}BA")
    Union.objects.filter(pk=huzhou.pk).update(name=f"湖州市{CONTROL}总工会")
    Correction.objects.filter(article=story).update(text=f"第二段{CONTROL}数字有误")
    indexing.reindex(story)  # what rebuild_search_index does with such a row
    return story


def test_rows_stored_with_control_characters_do_not_break_feeds_the_page_or_search(client, stored_before_the_fix):
    for url in FEEDS:
        response = client.get(url)
        feed_text(response)
        [(title, description, categories)] = entries(response)
        assert title == "湖州市总工会召开全委会", url
        assert description.startswith("会议部署下半年重点工作") and "第二段数字有误" in description, url
        assert categories == ["工BA"], url
    assert "湖州市总工会及所属工会的最新稿件" in feed_text(client.get("/unions/huzhou/feed/"))
    assert "标签“工BA”的最新稿件" in feed_text(client.get("/tags/工ba/feed/"))
    assert client.get(stored_before_the_fix.get_absolute_url()).status_code == 200
    results = client.get(reverse("search"), {"q": "全委会"})
    assert [hit.article for hit in results.context["hits"]] == [stored_before_the_fix]


def test_a_script_saves_every_kind_of_text_without_forbidden_characters(huzhou):
    """What an import, a management command or a shell session writes is cleaned too,
    including the non-characters U+FFFE/U+FFFF and a lone surrogate."""
    bad = f"{CONTROL}\x00\x0b\x0c\x1f\ufffe\uffff\ud800"
    # taggit looks a tag up by the given name before creating it, and the database
    # cannot compare NUL or a lone surrogate, so the tag holds only control characters.
    story = make_article(headline=f"全委会{bad}", unions=[huzhou], tags=[f"工{CONTROL}BA"])
    event = make_event(title=f"工BA{bad}")
    union = make_union(huzhou, slug="changxing-tianshun", name=f"天顺物流{bad}工会", short_name=f"天顺{bad}")
    rows = [
        story,
        Segment.objects.create(article=story, union=huzhou, heading=f"湖州{bad}", body=f"<p>宣讲{bad}</p>"),
        Photo.objects.create(
            article=story, image=tiny_png(), caption=f"现场{bad}", credit=f"摄{bad}", alt_text=f"会场{bad}"
        ),
        Caption.objects.create(article=story, text=f"待配图{bad}"),
        Correction.objects.create(article=story, text=f"更正{bad}"),
        TimelineEntry.objects.record(story, None, TimelineEntry.Action.RETURN, f"退回{bad}"),
        Contributor.objects.create(name=f"羊晓江{bad}"),
        event,
        Standing.objects.create(event=event, rank=1, team=f"天顺{bad}队", organisation=f"天顺{bad}", note=f"冠军{bad}"),
        Award.objects.create(event=event, name=f"MVP{bad}", recipient=f"张三{bad}", organisation=f"天顺{bad}"),
        PrintPage.objects.create(edition_date=NOON.date(), number=1, name=f"要闻{bad}"),
        Term.objects.create(term=f"加{bad}班", preferred=f"加{bad}班加点", note=f"说明{bad}"),
        union,
        Tag.objects.get(),
    ]

    for row in rows:
        stored = type(row).objects.filter(pk=row.pk).values().get()
        assert not [value for value in stored.values() if isinstance(value, str) and set(value) & set(bad)], row
    assert Tag.objects.get().name == "工BA"
    assert Union.objects.get(pk=union.pk).name == "天顺物流工会"


def test_the_print_page_import_command_drops_control_characters(tmp_path):
    page = tmp_path / "page3.txt"
    page.write_text(
        CLEAN_PAGE.replace("嘉兴举办首届", f"嘉兴举办首届{CONTROL}").replace("120名一线", f"120名{CONTROL}一线"),
        encoding="utf-8",
    )

    call_command("import_print_page", page, "--date", "2024-08-02", "--page", "3", stdout=StringIO())

    story = Article.objects.get()
    assert story.headline == "嘉兴举办首届数控技能大赛"
    assert "来自全市42家企业的120名一线职工" in story.body and "\x01" not in story.body


def test_removing_control_characters_cannot_turn_a_link_into_javascript(editor_client):
    # The sanitiser decodes &#1; into U+0001 after judging the link harmless.
    body = '<p><a href="java&#1;script:alert(1)">点此</a><a href="java\x01script:alert(2)">这里</a></p>'

    response = editor_client.post(reverse("admin:articles_article_add"), postdata.article(body=body))

    assert response.status_code == 302
    assert Article.objects.get().body == "<p><a>点此</a><a>这里</a></p>"


def test_the_tag_admin_refuses_names_that_are_empty_or_taken_once_cleaned(editor_client):
    make_article(tags=["工BA"])
    add = reverse("admin:taggit_tag_add")

    empty = editor_client.post(add, {"name": CONTROL, "slug": "kong"})
    twin = editor_client.post(add, {"name": f"工{CONTROL}BA", "slug": "gongba-2"})

    assert empty.status_code == 200 and "这个字段是必填项。" in empty.content.decode()
    assert twin.status_code == 200 and "已有同名标签“工BA”" in twin.content.decode()
    assert list(Tag.objects.values_list("name", flat=True)) == ["工BA"]


def test_the_term_admin_reports_a_term_taken_once_cleaned(editor_client):
    Term.objects.create(term="加班", preferred="加班加点")

    response = editor_client.post(
        reverse("admin:editorial_term_add"), {"term": f"加{CONTROL}班", "preferred": "", "kind": "standard", "note": ""}
    )

    assert response.status_code == 200
    assert "词表里已有这个词语。" in response.content.decode()
    assert Term.objects.count() == 1


def test_unions_and_events_typed_with_control_characters_are_stored_without_them(editor_client, nanxun):
    union_form = {
        "name": f"南浔某纺织{CONTROL}企业工会",
        "short_name": f"南浔{CONTROL}纺织",
        "level": Union.Level.ENTERPRISE,
        "slug": "nanxun-textile",
        "description": f"简介{CONTROL}",
        "website": "",
        "treebeard_ref_node": nanxun.pk,
        "treebeard_position": "first-child",
        **postdata.inline("brands"),
    }
    event_form = postdata.event(
        title=f"湖州市首届{CONTROL}“工BA”职工篮球赛",
        place=f"湖州市{CONTROL}体育馆",
        standings=[{"rank": "1", "team": f"天顺{CONTROL}队", "organisation": "", "union": "", "note": ""}],
        awards=[
            {
                "name": f"最有价值{CONTROL}球员",
                "kind": "individual",
                "recipient": f"张{CONTROL}三",
                "organisation": "",
                "union": "",
                "position": "0",
            }
        ],
    )

    assert editor_client.post(reverse("admin:unions_union_add"), union_form).status_code == 302
    assert editor_client.post(reverse("admin:events_event_add"), event_form).status_code == 302

    union = Union.objects.get(slug="nanxun-textile")
    assert (union.name, union.short_name, union.description) == ("南浔某纺织企业工会", "南浔纺织", "简介")
    event = Event.objects.get()
    assert (event.title, event.place) == ("湖州市首届“工BA”职工篮球赛", "湖州市体育馆")
    assert [s.team for s in event.standings.all()] == ["天顺队"]
    assert [(a.name, a.recipient) for a in event.awards.all()] == [("最有价值球员", "张三")]


def test_a_union_name_of_control_characters_only_is_refused_as_empty(editor_client, nanxun):
    response = editor_client.post(
        reverse("admin:unions_union_add"),
        {
            "name": CONTROL,
            "short_name": "南浔纺织",
            "level": Union.Level.ENTERPRISE,
            "slug": "nanxun-textile",
            "description": "",
            "website": "",
            "treebeard_ref_node": nanxun.pk,
            "treebeard_position": "first-child",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"name": ["此字段不能为空。"]}
    assert not Union.objects.filter(slug="nanxun-textile").exists()
