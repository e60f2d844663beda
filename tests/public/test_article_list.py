from datetime import timedelta

from django.urls import reverse

from tests.builders import NOON, make_article


def headlines(response):
    return [article.headline for article in response.context["page_obj"]]


def test_latest_stories_are_listed_newest_first(client):
    make_article(headline="较早的稿件", published_at=NOON - timedelta(days=1))
    make_article(headline="最新的稿件")
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert headlines(response) == ["最新的稿件", "较早的稿件"]
    assert "最新的稿件" in response.content.decode()


def test_drafts_and_scheduled_stories_are_not_listed(client):
    make_article(headline="已发布")
    make_article(headline="草稿", status="draft")
    make_article(headline="定时发布", published_at=NOON + timedelta(days=1))
    response = client.get(reverse("articles:list"))
    assert headlines(response) == ["已发布"]
    assert "草稿" not in response.content.decode()


def test_list_is_paginated_twenty_a_page(client):
    for hour in range(21):
        make_article(headline=f"稿件{hour}", published_at=NOON - timedelta(hours=hour))
    first = client.get(reverse("articles:list"))
    second = client.get(reverse("articles:list"), {"page": 2})
    assert len(headlines(first)) == 20
    assert headlines(second) == ["稿件20"]
    assert 'href="?page=2"' in first.content.decode()


def test_list_queries_do_not_grow_with_stories(client, queries_for, huzhou, nanxun, django_assert_max_num_queries):
    make_article(unions=[huzhou], tags=["工BA"], photos=1)
    baseline = queries_for(reverse("articles:list"))
    for _ in range(6):
        make_article(unions=[huzhou, nanxun], tags=["工BA", "学习贯彻"], photos=2)
    with django_assert_max_num_queries(baseline):
        client.get(reverse("articles:list"))
