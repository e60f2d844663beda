import json
import re
from datetime import datetime, timedelta

import time_machine

from articles.models import ArticleUnion, Credit, Photo
from tests.builders import (
    NOON,
    SHANGHAI,
    make_article,
    make_contributor,
    make_event,
    make_page,
    tiny_png,
)


def test_story_shows_kicker_above_headline_and_subheadline_with_a_dash(client):
    story = make_article(
        kicker="学习贯彻党的二十届三中全会精神", headline="推动全会精神深入人心", subheadline="各地工会掀起学习热潮"
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.index("学习贯彻党的二十届三中全会精神") < html.index('<h1 class="headline">推动全会精神深入人心</h1>')
    assert "——各地工会掀起学习热潮" in html


def test_story_shows_source_byline_dateline_and_responsible_editor(client):
    reporter, correspondent = make_contributor("张三"), make_contributor("李四")
    story = make_article(
        credits=[(reporter, Credit.Role.REPORTER), (correspondent, Credit.Role.CORRESPONDENT)],
        dateline="湖州",
        editor=make_contributor("王五"),
    )
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "本报讯 记者 张三 通讯员 李四" in response.content.decode()
    assert '<span class="dateline">湖州</span>' in response.content.decode()
    assert "责任编辑：王五" in response.content.decode()


def test_story_body_is_shown_as_html_without_anything_unsafe(client):
    story = make_article(body="<p>职工<strong>踊跃参与</strong></p><script>alert(1)</script>")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<p>职工<strong>踊跃参与</strong></p>" in html
    assert "alert(1)" not in html


def test_headline_is_escaped_everywhere_including_the_json_ld(client):
    story = make_article(headline="</script><b>标题</b>")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<b>标题</b>" not in html
    assert "&lt;b&gt;标题&lt;/b&gt;" in html


def test_photos_use_the_display_rendition_with_size_caption_credit_and_alt(client):
    story = make_article()
    Photo.objects.create(
        article=story, image=tiny_png(size=(2000, 1000)), caption="决赛现场", credit="记者 张三 摄", alt_text="球员上篮"
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert re.search(r'<img src="/media/photos/renditions/[^"]+-1280\.[0-9a-f]{16}\.jpg" srcset="[^"]+"', html)
    assert re.search(r'width="1280" height="640" alt="球员上篮"', html)
    assert "决赛现场" in html and "记者 张三 摄" in html


def test_roundup_segments_have_anchors_and_link_their_union(client, huzhou, jiaxing):
    roundup = make_article(segments=[(huzhou, "<p>湖州召开党组会议</p>"), (jiaxing, "<p>嘉兴召开半年度会议</p>")])
    first, second = roundup.segments.all()
    html = client.get(roundup.get_absolute_url()).content.decode()
    assert f'id="segment-{first.pk}"' in html and f'id="segment-{second.pk}"' in html
    assert f'<a href="{huzhou.get_absolute_url()}">湖州市总工会</a>' in html
    assert html.index("湖州召开党组会议") < html.index("嘉兴召开半年度会议")


def test_story_lists_its_tags_unions_with_roles_and_published_events(client, huzhou, jiaxing):
    shown = make_event(title="湖州“工BA”篮球赛", slug="gongba")
    hidden = make_event(title="尚未公布的活动", slug="secret", status="draft")
    story = make_article(
        tags=["工BA"],
        unions=[huzhou, (jiaxing, ArticleUnion.Role.MENTIONED)],
        events=[shown, hidden],
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "/tags/%E5%B7%A5ba/" in html
    assert '湖州市总工会</a><span class="role">（报道对象）</span>' in html
    assert '嘉兴市总工会</a><span class="role">（提及）</span>' in html
    assert "湖州“工BA”篮球赛" in html
    assert "尚未公布的活动" not in html


def test_story_printed_across_two_pages_shows_both_jump_lines(client):
    front, inside = make_page(1), make_page(2, name="地方新闻")
    story = make_article(pages=[front, inside])
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'<a class="jump" href="{inside.get_absolute_url()}">下转第2版</a>' in html
    assert f'<a class="jump" href="{front.get_absolute_url()}">上接第1版</a>' in html


def test_draft_story_is_not_found(client):
    draft = make_article(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_scheduled_story_is_not_found_until_its_time_comes(client):
    scheduled = make_article(published_at=NOON + timedelta(days=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    with time_machine.travel(NOON + timedelta(days=1, minutes=1), tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_unknown_or_absurd_story_numbers_are_not_found(client):
    assert client.get("/articles/2025/6/12/999/").status_code == 404
    assert client.get(f"/articles/2025/6/12/{10**30}/").status_code == 404


def test_a_wrong_date_in_the_url_redirects_permanently_to_the_real_one(client):
    story = make_article()
    response = client.get(f"/articles/2025/6/11/{story.pk}/")
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url() == f"/articles/2025/6/12/{story.pk}/"
    assert client.get(f"/articles/2025/13/45/{story.pk}/").status_code == 301
    # The right day spelled otherwise is the same story at a second address: sent to the one.
    padded = client.get(f"/articles/2025/06/12/{story.pk:03d}/")
    assert padded.status_code == 301 and padded["Location"] == story.get_absolute_url()


def test_url_date_is_the_shanghai_date_not_the_utc_one(client):
    after_midnight = make_article(published_at=datetime(2025, 6, 12, 0, 30, tzinfo=SHANGHAI))
    assert after_midnight.get_absolute_url() == f"/articles/2025/6/12/{after_midnight.pk}/"
    assert client.get(after_midnight.get_absolute_url()).status_code == 200
    assert client.get(f"/articles/2025/6/11/{after_midnight.pk}/").status_code == 301


def test_story_page_carries_news_article_structured_data_and_open_graph(client):
    story = make_article(
        headline="湖州首届“工BA”圆满收官", photos=1, credits=[(make_contributor("寿慧桢"), "reporter")]
    )
    html = client.get(story.get_absolute_url()).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(payload)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "湖州首届“工BA”圆满收官"
    assert data["author"] == [{"@type": "Person", "name": "寿慧桢"}]
    assert data["datePublished"] == "2025-06-12T12:00:00+08:00"
    # SITE_URL is unset in tests: absolute URLs are on the request's host.
    assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://testserver/media/photos/renditions/' in html


def test_story_page_lists_published_related_stories_most_shared_first(client, huzhou, jiaxing):
    story = make_article(headline="本篇", tags=["工BA", "职工文化"], unions=[huzhou])
    # Four unshared tags must not make one shared union count four times.
    make_article(headline="共享一个工会", unions=[huzhou], tags=["其他1", "其他2", "其他3", "其他4"])
    make_article(headline="共享两个标签", tags=["工BA", "职工文化"], published_at=NOON - timedelta(hours=1))
    make_article(
        headline="共享三项", tags=["工BA", "职工文化"], unions=[huzhou], published_at=NOON - timedelta(hours=3)
    )
    make_article(headline="毫无关系", tags=["安全生产"], unions=[jiaxing])
    make_article(headline="未发布的相关稿", tags=["工BA"], status="draft")
    response = client.get(story.get_absolute_url())
    assert [article.headline for article in response.context["related"]] == ["共享三项", "共享两个标签", "共享一个工会"]


def test_story_page_queries_do_not_grow_with_tags_photos_segments_and_pages(
    client, queries_for, huzhou, jiaxing, nanxun, django_assert_max_num_queries
):
    # One of everything first, so every prefetch runs in the baseline too.
    story = make_article(
        unions=[huzhou],
        tags=["工BA"],
        photos=1,
        credits=[(make_contributor("甲"), "reporter")],
        segments=[(huzhou, "<p>一</p>")],
        pages=[make_page(1)],
        events=[make_event()],
        editor=make_contributor("丙"),
    )
    make_article(unions=[huzhou], tags=["工BA"], photos=1, published_at=NOON - timedelta(hours=1))
    baseline = queries_for(story.get_absolute_url())

    story.tags.add("学习贯彻", "劳动保护")
    for union_ in (jiaxing, nanxun):
        ArticleUnion.objects.create(article=story, union=union_)
        story.segments.create(union=union_, body="<p>更多</p>")
    for position in (1, 2):
        Photo.objects.create(article=story, image=tiny_png(), position=position)
    story.credits.create(contributor=make_contributor("乙"), role="correspondent")
    story.placements.create(page=make_page(2), part=2)
    story.events.add(make_event(slug="second"))
    for _ in range(4):
        make_article(unions=[huzhou, jiaxing], tags=["工BA", "学习贯彻"], photos=2)
    with django_assert_max_num_queries(baseline):
        assert client.get(story.get_absolute_url()).status_code == 200
