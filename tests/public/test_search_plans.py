"""On PostgreSQL a word found in most stories takes another plan (two small
sets instead of one sort). The test corpus is too small to trigger it, so it is
forced here; results and order must be the same as with the usual plan."""

from datetime import timedelta

import pytest
from django.db import connection

from articles.search import query as search_query
from articles.search.query import Search
from tests.builders import NOON, make_article

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the dense-word plan exists on PostgreSQL only"
)

QUERIES = ["工会", "工匠", "越工驿站", "职工 工会", "BA", "2024", "劳模工匠 表彰", "不存在的词"]


@pytest.fixture
def stories(db):
    make_article(headline="旧的标题含工匠", body="<p>工会表彰劳模工匠。</p>", published_at=NOON - timedelta(days=3))
    make_article(headline="正文提到", body="<p>劳模工匠与工会干部座谈。</p>", published_at=NOON)
    make_article(headline="新的标题含工匠", published_at=NOON - timedelta(days=1))
    make_article(headline="越工驿站开张", body="<p>职工BA联赛2024年开赛，工会组织观赛。</p>")
    make_article(headline="工会新闻", body="<p>职工之家建设。</p>", published_at=NOON - timedelta(hours=5))
    make_article(headline="草稿里的工会", status="draft")


@pytest.mark.parametrize("title_share", [0, 2], ids=["headline-walk", "headline-index"])
def test_the_dense_word_plan_ranks_exactly_like_the_usual_one(stories, monkeypatch, title_share):
    usual = {query: Search(query).matching_ids() for query in QUERIES}
    assert usual["工匠"] and usual["工会"]  # the comparison is not vacuous

    monkeypatch.setattr(search_query, "DENSE_SHARE", 0)
    monkeypatch.setattr(search_query, "DENSE_TITLE_SHARE", title_share)
    dense_runs = []
    by_parts = Search._ranked_by_parts
    monkeypatch.setattr(Search, "_ranked_by_parts", lambda self, docs: dense_runs.append(1) or by_parts(self, docs))

    assert {query: Search(query).matching_ids() for query in QUERIES} == usual
    assert len(dense_runs) == len(QUERIES)


def test_a_word_in_every_story_is_known_as_dense_from_the_index_statistics(stories, monkeypatch):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_searchdocument")
    monkeypatch.setattr(search_query, "_stats", {"read_at": None, "share": {}})

    assert search_query.token_share("tokens", ["工会"]) >= search_query.DENSE_SHARE
    assert search_query.token_share("tokens", ["不存"]) == 0
