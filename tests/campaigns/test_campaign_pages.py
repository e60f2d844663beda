"""The reader's 专题 pages: /topics/ and /topics/<slug>/, and a campaign's feeds."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image

from articles.campaigns.models import Campaign
from tests.builders import NOON, make_article, phone_jpeg, tiny_png, union
from tests.campaigns.builders import make_campaign, make_section
from tests.public.test_structured_data import jsonld

pytestmark = pytest.mark.usefixtures("an_hour_after_noon")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_topics_page_lists_running_campaigns_before_those_over(client):
    make_campaign(title="去年的专题", slug="old", starts_on=date(2024, 5, 1), ends_on=date(2024, 5, 31))
    make_campaign(title="夏送清凉", slug="xiasong", starts_on=date(2025, 6, 10), ends_on=None)
    make_campaign(title="草稿专题", slug="draft", status=Campaign.Status.DRAFT)
    response = client.get(reverse("campaigns:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("夏送清凉") < html.index("去年的专题")
    assert "进行中" in html and "已结束" in html
    assert "草稿专题" not in html


def test_the_topics_page_says_when_there_is_none(client):
    assert "暂无专题" in client.get(reverse("campaigns:list")).content.decode()


def test_a_campaign_page_shows_banner_leads_sections_and_timeline(client, huzhou):
    lead = make_article(headline="省总工会部署学习贯彻全会精神", tags=["全会精神"])
    make_article(
        headline="湖州职工宣讲团走进车间",
        unions=[huzhou],
        tags=["全会精神", "基层声音"],
        published_at=NOON - timedelta(days=2),
    )
    campaign = make_campaign(tags=["全会精神"], leads=[lead], banner=tiny_png(), banner_alt="宣讲会现场")
    make_section(campaign, "基层声音", tags=["基层声音"])
    make_section(campaign, "视频", links=[("全会精神微宣讲", "https://video.example.cn/1")])
    response = client.get(campaign.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'alt="宣讲会现场"' in html
    assert html.index("省总工会部署学习贯彻全会精神") < html.index("各地报道")
    voices = html[html.index("基层声音</h2>") : html.index("视频</h2>")]
    assert "湖州职工宣讲团走进车间" in voices and "省总工会部署" not in voices
    assert 'href="https://video.example.cn/1"' in html
    timeline = html[html.index("报道时间线") :]
    assert timeline.index("6月12日") < timeline.index("6月10日")


def test_a_campaign_page_describes_itself_to_search_engines_and_social_apps(client):
    campaign = make_campaign(banner=tiny_png(), banner_alt="宣讲会现场")
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="学习贯彻全会精神">' in html
    assert '<meta property="og:image" content="http://testserver/media/campaigns/' in html
    assert '<meta property="og:image:alt" content="宣讲会现场">' in html
    assert html.count('property="og:image"') == 1
    data = jsonld(client, campaign.get_absolute_url())
    assert data["CollectionPage"]["name"] == "学习贯彻全会精神"
    assert data["CollectionPage"]["description"] == "全省各级工会掀起学习贯彻全会精神热潮。"
    assert [item["name"] for item in data["BreadcrumbList"]["itemListElement"]] == ["首页", "专题", "学习贯彻全会精神"]


def test_the_coverage_strip_counts_a_countys_stories_for_its_city(client, huzhou, nanxun):
    make_article(headline="南浔区总工会宣讲全会精神", unions=[nanxun], tags=["全会精神"])
    make_article(
        headline="湖州市总工会学习全会精神", unions=[huzhou], tags=["全会精神"], published_at=NOON - timedelta(days=1)
    )
    make_article(headline="湖州草稿", unions=[huzhou], tags=["全会精神"], status="draft")
    campaign = make_campaign(tags=["全会精神"])
    html = client.get(campaign.get_absolute_url()).content.decode()
    strip = html[html.index("各地报道") : html.index("报道时间线")]
    assert strip.count('class="strip-city') == 11
    huzhou_box = strip[strip.index(">湖州<") : strip.index(">绍兴<")]
    assert "2篇" in huzhou_box and "南浔区总工会宣讲全会精神" in huzhou_box
    shaoxing_box = strip[strip.index(">绍兴<") : strip.index(">金华<")]
    assert "暂无报道" in shaoxing_box


def test_a_city_s_count_in_the_strip_leads_to_that_city_s_stories_of_the_campaign(client, huzhou, nanxun, jiaxing):
    make_article(headline="南浔区总工会宣讲全会精神", unions=[nanxun], tags=["全会精神"])
    make_article(headline="湖州市总工会学习全会精神", unions=[huzhou], tags=["全会精神"])
    make_article(headline="嘉兴市总工会学习全会精神", unions=[jiaxing], tags=["全会精神"])
    make_article(headline="湖州夏送清凉", unions=[huzhou], tags=["夏送清凉"])
    campaign = make_campaign(tags=["全会精神"])
    html = client.get(campaign.get_absolute_url()).text
    huzhou_box = html[html.index(">湖州<") : html.index(">绍兴<")]
    link = re.search(r'<a class="strip-count" href="([^"]+)"[^>]*>2篇</a>', huzhou_box).group(1)
    assert link == "?union=huzhou#campaign-timeline"

    page = client.get(campaign.get_absolute_url() + "?union=huzhou").text

    timeline = page[page.index('id="campaign-timeline"') :]
    assert "报道时间线：湖州" in timeline
    assert "南浔区总工会宣讲全会精神" in timeline and "湖州市总工会学习全会精神" in timeline
    assert "嘉兴市总工会" not in page and "湖州夏送清凉" not in page
    assert "各地报道" not in page  # the city's page is its timeline
    assert f'<link rel="canonical" href="http://testserver{campaign.get_absolute_url()}">' in page
    assert "暂无这个专题的报道" in client.get(campaign.get_absolute_url() + "?union=shaoxing").text


@pytest.mark.parametrize("city", ["nanxun", "nowhere", "", "%00"])
def test_a_city_that_is_not_one_of_the_eleven_is_not_found(client, nanxun, city):
    campaign = make_campaign(tags=["全会精神"])
    assert client.get(campaign.get_absolute_url() + f"?union={city}").status_code in (404, 400)


def test_a_draft_campaign_is_not_found_by_readers(client):
    campaign = make_campaign(status=Campaign.Status.DRAFT)
    assert client.get(campaign.get_absolute_url()).status_code == 404
    assert client.get(reverse("campaigns:feed", args=[campaign.slug])).status_code == 404


@pytest.mark.parametrize("path", ["/topics/学习/", "/topics/no-such/", "/topics/quanhui-jingshen/?page=abc"])
def test_malformed_or_unknown_addresses_are_not_found(client, path):
    make_campaign()
    assert client.get(path).status_code == 404


def test_the_timeline_is_paged(client):
    for day in range(25):
        make_article(headline=f"第{day}篇", tags=["全会精神"], published_at=NOON - timedelta(hours=day))
    campaign = make_campaign(tags=["全会精神"])
    second = client.get(campaign.get_absolute_url() + "?page=2").content.decode()
    assert "第24篇" in second and "第0篇" not in second


def test_the_campaign_feeds_list_its_published_stories(client):
    make_article(headline="全会精神进企业", tags=["全会精神"])
    make_article(headline="草稿", tags=["全会精神"], status="draft")
    make_article(headline="无关稿件")
    campaign = make_campaign(tags=["全会精神"])
    rss = client.get(reverse("campaigns:feed", args=[campaign.slug]))
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("title").endswith("专题：学习贯彻全会精神")
    assert [item.findtext("title") for item in channel.findall("item")] == ["全会精神进企业"]
    atom = ET.fromstring(client.get(reverse("campaigns:feed-atom", args=[campaign.slug])).content)
    assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == ["全会精神进企业"]


def grow(count, start=0):
    for index in range(start, start + count):
        city = union(["huzhou", "jiaxing", "nanxun", "shaoxing"][index % 4])
        make_article(
            headline=f"稿件{index}",
            unions=[city],
            tags=["全会精神", "基层声音"],
            photos=1,
            published_at=NOON - timedelta(hours=index),
        )


def test_a_campaign_page_costs_the_same_queries_however_many_stories_or_sections(client, settings, huzhou):
    settings.PAGE_CACHE = False
    grow(1)
    lead = make_article(headline="省总工会部署", tags=["全会精神"], photos=1)
    campaign = make_campaign(tags=["全会精神"], leads=[lead])
    make_section(campaign, "基层声音", tags=["基层声音"])
    make_section(campaign, "视频", links=[("微宣讲", "https://video.example.cn/1")])
    with CaptureQueriesContext(connection) as small:
        assert client.get(campaign.get_absolute_url()).status_code == 200
    grow(12, start=1)
    make_section(campaign, "湖州", unions=[huzhou], position=1)
    make_section(campaign, "手工选入", picked=[lead], position=2)
    with CaptureQueriesContext(connection) as large:
        page = client.get(campaign.get_absolute_url()).content.decode()
    # The campaign and its 3 rules, leads with their tags, sections with their 3 rules and
    # links, all the sections' stories, the strip's 2, the timeline, the cards' unions and photos.
    assert len(large) == len(small) == 16, [query["sql"][:90] for query in large]
    # Each section still shows its own six newest, newest first: 湖州 has seven stories of
    # Huzhou and its county Nanxun (index 0, 2, … 12) and shows 0 to 10 and 更多.
    huzhou_part = page[page.index("湖州</h2>") : page.index("手工选入</h2>")]
    shown = [index for index in range(13) if f"稿件{index}<" in huzhou_part]
    assert shown == [0, 2, 4, 6, 8, 10]
    assert [huzhou_part.index(f"稿件{index}<") for index in shown] == sorted(
        huzhou_part.index(f"稿件{index}<") for index in shown
    )
    assert "更多湖州" in huzhou_part
    picked_part = page[page.index("手工选入</h2>") : page.index("报道时间线")]
    assert "省总工会部署" in picked_part and "稿件0" not in picked_part


def test_the_topics_page_is_one_query(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE = False
    make_campaign()
    make_campaign(slug="xiasong", title="夏送清凉")
    with django_assert_num_queries(1):
        assert client.get(reverse("campaigns:list")).status_code == 200


def test_published_campaigns_are_in_the_sitemap_and_drafts_are_not(client):
    make_campaign()
    make_campaign(slug="draft-topic", status=Campaign.Status.DRAFT)
    assert "/sitemap-topics.xml" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-topics.xml").content.decode()
    assert "/topics/quanhui-jingshen/" in sitemap
    assert "draft-topic" not in sitemap


def test_a_banner_is_served_to_readers_without_where_it_was_taken(client, settings):
    settings.SERVE_MEDIA = True
    campaign = make_campaign(banner=phone_jpeg(), banner_alt="宣讲会现场")
    response = client.get(campaign.banner.url)
    assert response.status_code == 200
    with Image.open(BytesIO(b"".join(response.streaming_content))) as banner:
        assert not banner.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_a_section_shows_six_stories_and_leads_to_all_of_them(client):
    for index in range(7):
        make_article(
            headline=f"基层声音{index}", tags=["全会精神", "基层声音"], published_at=NOON - timedelta(hours=index)
        )
    campaign = make_campaign(tags=["全会精神"])
    section = make_section(campaign, "基层声音", tags=["基层声音"])
    page = client.get(campaign.get_absolute_url()).content.decode()
    voices = page[page.index("基层声音</h2>") : page.index("报道时间线")]
    assert "基层声音5" in voices and "基层声音6" not in voices
    assert f'href="{section.get_absolute_url()}"' in voices
    full = client.get(section.get_absolute_url()).content.decode()
    assert all(f"基层声音{index}" in full for index in range(7))


def test_a_section_page_is_not_found_for_a_draft_campaign_or_under_another_campaign(client):
    draft = make_campaign(status=Campaign.Status.DRAFT)
    hidden = make_section(draft, "基层声音", tags=["基层声音"])
    other = make_campaign(slug="xiasong", title="夏送清凉")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/topics/{other.slug}/sections/{hidden.pk}/").status_code == 404
    links = make_section(other, "视频", links=[("微宣讲", "https://video.example.cn/1")])
    assert client.get(links.get_absolute_url()).status_code == 404


def test_a_section_page_costs_the_same_queries_however_many_stories(client, settings):
    settings.PAGE_CACHE = False
    grow(1)
    section = make_section(make_campaign(tags=["全会精神"]), "基层声音", tags=["基层声音"])
    with CaptureQueriesContext(connection) as small:
        assert client.get(section.get_absolute_url()).status_code == 200
    grow(12, start=1)
    with CaptureQueriesContext(connection) as large:
        assert client.get(section.get_absolute_url()).status_code == 200
    # The section with its campaign, the two's rules (5), the page, the cards' unions and photos.
    assert len(large) == len(small) == 9
