from urllib.parse import quote

from django.urls import reverse

from tests.builders import make_article


def test_chinese_tag_urls_reverse_percent_encoded_and_open(client):
    make_article(headline="湖州首届“工BA”圆满收官", tags=["工BA"])
    make_article(headline="学习贯彻全会精神", tags=["学习贯彻"])
    url = reverse("tags:detail", kwargs={"slug": "工ba"})
    assert url == f"/tags/{quote('工ba')}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "湖州首届“工BA”圆满收官" in response.content.decode()
    assert "学习贯彻全会精神" not in response.content.decode()
    assert client.get("/tags/学习贯彻/").status_code == 200


def test_a_tag_typed_as_it_is_shown_leads_to_its_page(client):
    make_article(headline="湖州首届“工BA”圆满收官", tags=["工BA"])
    make_article(tags=["内部BA"], status="draft")

    response = client.get("/tags/工BA/")

    assert response.status_code == 301
    assert response["Location"] == reverse("tags:detail", kwargs={"slug": "工ba"})
    assert client.get("/tags/内部BA/").status_code == 404  # a draft-only tag still is not there


def test_tag_page_lists_only_published_stories(client):
    make_article(headline="已发布", tags=["劳动保护"])
    make_article(headline="草稿", tags=["劳动保护"], status="draft")
    response = client.get(reverse("tags:detail", kwargs={"slug": "劳动保护"}))
    assert [a.headline for a in response.context["page_obj"]] == ["已发布"]


def test_tag_carried_only_by_drafts_is_not_found(client):
    make_article(tags=["内部"], status="draft")
    assert client.get(reverse("tags:detail", kwargs={"slug": "内部"})).status_code == 404


def test_unknown_tag_is_not_found(client):
    assert client.get("/tags/不存在/").status_code == 404


def test_tag_page_queries_do_not_grow_with_stories(client, queries_for, huzhou, nanxun, django_assert_max_num_queries):
    make_article(tags=["工BA"], unions=[huzhou], photos=1)
    url = reverse("tags:detail", kwargs={"slug": "工ba"})
    baseline = queries_for(url)
    for _ in range(6):
        make_article(tags=["工BA", "学习贯彻", "劳动保护"], unions=[huzhou, nanxun], photos=2)
    with django_assert_max_num_queries(baseline):
        client.get(url)
