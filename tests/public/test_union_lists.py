"""A union page lists the stories about its subtree from Listing, kept in step with every change.

Each test has an editor change something and a reader's next visit see it.
"""

from datetime import timedelta

from django.urls import reverse

from articles import listings, workflow
from articles.models import Listing, SegmentListing
from tests.admin.forms import form_data
from tests.builders import NOON, change_url, make_article, make_union
from unions.models import Union


def headlines(client, slug):
    return client.get(reverse("unions:detail", kwargs={"slug": slug})).content.decode()


def test_a_story_is_listed_on_its_unions_pages_and_every_page_above_them(client, nanxun):
    make_article(headline="南浔区总工会慰问一线职工", unions=[nanxun])

    for slug in ["nanxun", "huzhou", "zhejiang"]:
        assert "南浔区总工会慰问一线职工" in headlines(client, slug)
    assert "南浔区总工会慰问一线职工" not in headlines(client, "jiaxing")


def test_a_union_the_editor_removes_from_a_story_no_longer_lists_it(client, editor_client, huzhou, jiaxing):
    story = make_article(headline="两地工会联合开展劳动竞赛", unions=[huzhou, jiaxing])
    assert "两地工会联合开展劳动竞赛" in headlines(client, "jiaxing")

    data = form_data(editor_client.get(change_url(story)))
    row = next(key for key, value in data.items() if key.endswith("-union") and value == str(jiaxing.pk))
    response = editor_client.post(change_url(story), {**data, row.replace("-union", "-DELETE"): "on"})

    assert response.status_code == 302
    assert "两地工会联合开展劳动竞赛" not in headlines(client, "jiaxing")
    assert "两地工会联合开展劳动竞赛" in headlines(client, "huzhou")


def test_a_withdrawn_story_leaves_every_union_page(client, staff, nanxun):
    story = make_article(headline="一篇将被撤下的稿件", unions=[nanxun])

    workflow.withdraw(story, staff.chief, "事实有误")

    assert "一篇将被撤下的稿件" not in headlines(client, "huzhou")
    assert not Listing.objects.filter(article=story).exists()


def test_a_scheduled_story_appears_on_union_pages_at_its_time(client, clock, nanxun):
    make_article(headline="定时发布的工会新闻", unions=[nanxun], published_at=NOON + timedelta(hours=2))
    assert "定时发布的工会新闻" not in headlines(client, "huzhou")

    clock.shift(timedelta(hours=2))

    assert "定时发布的工会新闻" in headlines(client, "huzhou")


def test_a_union_moved_in_the_tree_takes_its_stories_to_its_new_parents_pages(client, nanxun, jiaxing):
    company = make_union(nanxun, slug="nanxun-textile", name="南浔某纺织企业工会")
    make_article(headline="纺织企业工会举办技能比武", unions=[company])
    assert "纺织企业工会举办技能比武" in headlines(client, "huzhou")

    Union.objects.move(company, jiaxing, pos="last-child")

    assert "纺织企业工会举办技能比武" in headlines(client, "jiaxing")
    assert "纺织企业工会举办技能比武" not in headlines(client, "huzhou")


def test_rebuilding_the_lists_gives_the_rows_the_changes_wrote(huzhou, nanxun, jiaxing):
    make_article(unions=[nanxun, jiaxing], segments=[(nanxun, "<p>一</p>")])
    make_article(unions=[huzhou, nanxun])
    make_article(unions=[jiaxing], status="draft", segments=[(jiaxing, "<p>二</p>")])
    stories = set(Listing.objects.values_list("union_id", "article_id", "published_at"))
    parts = set(SegmentListing.objects.values_list("union_id", "segment_id", "published_at"))

    assert listings.rebuild() == len(stories) + len(parts)
    assert set(Listing.objects.values_list("union_id", "article_id", "published_at")) == stories
    assert set(SegmentListing.objects.values_list("union_id", "segment_id", "published_at")) == parts


def test_a_roundups_part_is_listed_on_its_unions_page_and_above_until_the_editor_removes_it(
    client, editor_client, huzhou, nanxun, jiaxing
):
    roundup = make_article(
        headline="全省工会学习贯彻全会精神综述",
        unions=[huzhou, jiaxing],
        segments=[(nanxun, "<p>南浔区总工会组织宣讲。</p>"), (jiaxing, "<p>嘉兴市总工会召开会议。</p>")],
    )
    assert "南浔区总工会组织宣讲" in headlines(client, "huzhou")
    assert "南浔区总工会组织宣讲" not in headlines(client, "jiaxing")

    data = form_data(editor_client.get(change_url(roundup)))
    row = next(key for key, value in data.items() if key.startswith("segments-") and value == str(nanxun.pk))
    response = editor_client.post(change_url(roundup), {**data, row.replace("-union", "-DELETE"): "on"})

    assert response.status_code == 302
    assert "南浔区总工会组织宣讲" not in headlines(client, "huzhou")
    assert "嘉兴市总工会召开会议" in headlines(client, "jiaxing")
