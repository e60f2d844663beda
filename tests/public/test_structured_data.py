"""Search engines read each page's JSON-LD: stories, unions and events, with absolute URLs.

SITE_URL is unset in tests, so absolute URLs are on the request's host, http://testserver.
"""

import json
import re
from datetime import timedelta

from django.conf import settings
from PIL import Image

from articles.events.models import Award
from articles.models import Article
from tests.builders import NOON, make_article, make_contributor, make_event, union
from unionnews import schema
from unions.models import Union

HOST = "http://testserver"


def jsonld(client, url):
    """{@type: object} of the page's JSON-LD scripts, each parsed on its own."""
    response = client.get(url)
    assert response.status_code == 200
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    objects = [json.loads(script) for script in scripts]
    assert all(item["@context"] == "https://schema.org" for item in objects)
    return {item["@type"]: item for item in objects}


def crumbs(data):
    items = data["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"]) for item in items]


def test_story_with_a_photo_shows_its_renditions_credits_and_publisher_logo(client, huzhou):
    story = make_article(
        headline="湖州首届“工BA”圆满收官",
        unions=[huzhou],
        photos=1,
        credits=[(make_contributor("寿慧桢"), "reporter"), (make_contributor("李四"), "correspondent")],
    )
    article = jsonld(client, story.get_absolute_url())["NewsArticle"]
    assert article["url"] == article["mainEntityOfPage"] == HOST + story.get_absolute_url()
    assert article["headline"] == "湖州首届“工BA”圆满收官"
    assert article["author"] == [{"@type": "Person", "name": "寿慧桢"}, {"@type": "Person", "name": "李四"}]
    photo = story.photos.get()
    assert [(image["url"], image["width"], image["height"]) for image in article["image"]] == [
        (HOST + url, width, height) for url, width, height in photo.jpeg_sizes()
    ]
    assert all(
        image["@type"] == "ImageObject" and "/media/photos/renditions/" in image["url"] for image in article["image"]
    )
    publisher = article["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == settings.SITE_NAME
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": HOST + "/static/img/logo.png",
        "width": 512,
        "height": 512,
    }


def test_story_without_a_photo_shows_the_site_image_and_the_desk_as_author(client):
    story = make_article()
    article = jsonld(client, story.get_absolute_url())["NewsArticle"]
    assert article["image"] == [
        {"@type": "ImageObject", "url": HOST + "/static/img/share.png", "width": 1200, "height": 630}
    ]
    assert article["author"] == [article["publisher"]]


def test_date_modified_is_the_last_change_readers_saw_not_the_last_save(client):
    never_revised = make_article(headline="未更新的稿件")
    revised = make_article(headline="更新过的稿件")
    # A save readers cannot see (a workflow step, the demo loader) moves updated_at only.
    Article.objects.update(updated_at=NOON + timedelta(days=100))
    Article.objects.filter(pk=revised.pk).update(revised_at=NOON + timedelta(minutes=30))
    first = jsonld(client, never_revised.get_absolute_url())["NewsArticle"]
    assert first["datePublished"] == first["dateModified"] == "2025-06-12T12:00:00+08:00"
    second = jsonld(client, revised.get_absolute_url())["NewsArticle"]
    assert second["datePublished"] == "2025-06-12T12:00:00+08:00"
    assert second["dateModified"] == "2025-06-12T12:30:00+08:00"


def test_story_breadcrumbs_lead_through_its_lead_union(client, huzhou, jiaxing):
    story = make_article(headline="湖州市总工会召开全委会", unions=[huzhou, (jiaxing, "mentioned")])
    assert crumbs(jsonld(client, story.get_absolute_url())) == [
        ("首页", HOST + "/"),
        ("湖州市总工会", HOST + "/unions/huzhou/"),
        ("湖州市总工会召开全委会", HOST + story.get_absolute_url()),
    ]


def test_union_page_breadcrumbs_follow_the_union_tree_from_its_root(client):
    data = jsonld(client, "/unions/nanxun/")
    trail = crumbs(data)
    assert trail[:2] == [("首页", HOST + "/"), ("工会组织", HOST + "/unions/")]
    ancestors = [row.name for row in Union.objects.get_ancestors(union("nanxun"))]
    assert [name for name, _ in trail[2:]] == [*ancestors, union("nanxun").name]
    assert trail[-3:] == [
        ("浙江省总工会", HOST + "/unions/zhejiang/"),
        ("湖州市总工会", HOST + "/unions/huzhou/"),
        (union("nanxun").name, HOST + "/unions/nanxun/"),
    ]


def test_union_page_describes_the_union_with_its_parent_and_the_unions_below_it(client):
    found = jsonld(client, "/unions/huzhou/")["Organization"]
    assert (found["name"], found["alternateName"], found["url"]) == ("湖州市总工会", "湖州", HOST + "/unions/huzhou/")
    assert found["parentOrganization"] == {
        "@type": "Organization",
        "name": "浙江省总工会",
        "url": HOST + "/unions/zhejiang/",
    }
    counties = {org["name"]: org["url"] for org in found["subOrganization"]}
    assert counties[union("nanxun").name] == HOST + "/unions/nanxun/"
    assert len(counties) == Union.objects.get_children(union("huzhou")).count()


def test_competition_page_has_an_event_with_place_organisers_and_results(client, huzhou, nanxun):
    event = make_event(
        place="湖州市体育中心",
        unions=[huzhou, (nanxun, "host")],
        standings=[(1, "长兴队", "长兴县总工会"), (2, "南浔队", "")],
        awards=[("体育道德风尚奖", "南浔队")],
    )
    Award.objects.create(
        event=event, name="最有价值球员", kind=Award.Kind.INDIVIDUAL, recipient="张三", organisation="长兴天顺物流"
    )
    data = jsonld(client, event.get_absolute_url())
    found = data["Event"]
    assert found["name"] == "湖州市首届“工BA”职工篮球赛"
    assert found["url"] == HOST + event.get_absolute_url()
    assert found["startDate"] == "2025-06-12T12:00:00+08:00"
    assert found["endDate"] == "2025-06-14T12:00:00+08:00"
    assert found["location"] == {"@type": "Place", "name": "湖州市体育中心", "address": "湖州市体育中心"}
    assert [(org["@type"], org["name"], org["url"]) for org in found["organizer"]] == [
        ("Organization", "湖州市总工会", HOST + "/unions/huzhou/"),
        ("Organization", nanxun.name, HOST + "/unions/nanxun/"),
    ]
    assert found["image"][0]["url"] == HOST + "/static/img/share.png"
    # Results: each team placed or awarded once, with what it won; winners of individual awards as people.
    assert found["attendee"] == [
        {
            "@type": "Organization",
            "name": "长兴队",
            "award": ["第1名"],
            "memberOf": {"@type": "Organization", "name": "长兴县总工会"},
        },
        {"@type": "Organization", "name": "南浔队", "award": ["第2名", "体育道德风尚奖"]},
        {
            "@type": "Person",
            "name": "张三",
            "award": ["最有价值球员"],
            "affiliation": {"@type": "Organization", "name": "长兴天顺物流"},
        },
    ]
    assert "比赛名次：第1名 长兴队（长兴县总工会）；第2名 南浔队。" in found["description"]
    assert "个人奖：最有价值球员 张三。" in found["description"]
    assert crumbs(data)[-1] == ("湖州市首届“工BA”职工篮球赛", HOST + event.get_absolute_url())


def test_a_meeting_without_place_or_results_says_neither(client, huzhou):
    event = make_event(title="全委会", slug="quanweihui", kind="meeting", ends_at=None, unions=[huzhou])
    found = jsonld(client, event.get_absolute_url())["Event"]
    assert "location" not in found
    assert "attendee" not in found
    assert "endDate" not in found
    assert found["organizer"][0]["name"] == "湖州市总工会"


def test_the_logo_and_share_image_files_have_the_sizes_the_metadata_states():
    for path, width, height in [schema.LOGO, schema.SITE_IMAGE]:
        with Image.open(settings.BASE_DIR / "static" / path) as image:
            assert image.size == (width, height), path
