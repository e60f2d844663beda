"""A NUL byte cannot reach PostgreSQL: every page answers 400 instead of failing."""

import pytest

from tests.builders import make_article


@pytest.mark.parametrize(
    "url",
    [
        "/events/?kind=%00",
        "/articles/?page=1%00",
        "/admin/articles/article/?union=%00",
        "/admin/articles/article/?tag=a%00b",
        "/admin/articles/article/tag-suggestions/?term=%00",
        "/admin/autocomplete/?app_label=articles&model_name=articleunion&field_name=union&term=%00",
    ],
)
def test_nul_byte_in_the_query_string_is_a_bad_request(editor_client, url):
    make_article()

    response = editor_client.get(url)

    assert response.status_code == 400
    assert "无效字符" in response.content.decode()


def test_a_reader_gets_the_site_s_own_400_page_for_a_nul_byte(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/tags/ab%00c/?q=%00x")
    assert response.status_code == 400
    page = response.text
    assert "请求中含有无效字符。" in page
    assert '<meta name="viewport"' in page and 'href="/"' in page  # laid out for a phone, a way home
    assert "\x00" not in page and "ab" not in page  # nothing of the address is written back


@pytest.mark.parametrize(
    "query",
    ["contributor=abc", f"contributor={'9' * 40}", "union=nowhere", "edition=2025-99-99", "tag=不存在"],
)
def test_unknown_admin_filter_values_do_not_break_the_story_list(editor_client, query):
    make_article()

    response = editor_client.get(f"/admin/articles/article/?{query}")

    assert response.status_code in (200, 302)


def test_long_admin_search_is_answered(editor_client):
    response = editor_client.get("/admin/articles/article/", {"q": "工" * 10_000})
    assert response.status_code == 200
