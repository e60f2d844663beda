"""Short items (简讯) without a byline: a headline line and body text start a story of their own,
whatever kind of story stands before them on the page."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.editorial.printpage.importer import import_page
from articles.editorial.printpage.parse import parse_page
from articles.models import Article
from tests.printpage.pages import AFTER_CONTINUED, AFTER_ROUNDUP, AFTER_STORY

DAY = date(2024, 8, 2)
PAGES = {"continued": AFTER_CONTINUED, "roundup": AFTER_ROUNDUP, "story": AFTER_STORY}


def codes(story):
    return [f["code"] for f in story["findings"] if f["code"] not in ("repaired-break", "normalised-punctuation")]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PAGES)
def test_a_short_item_after_a_story_becomes_its_own_draft_with_its_missing_byline(kind):
    before, brief = import_page(PAGES[kind], date=DAY, number=3).stories

    assert brief["headline"] == "湖州开展夏季送清凉活动"
    assert brief["body"].startswith("7月以来，湖州市总工会走访慰问") and brief["body"].endswith("3200余人。")
    assert codes(brief) == ["missing-byline"]
    assert "送清凉" not in before["body"] and "missing-byline" not in codes(before)
    assert Article.objects.get(pk=brief["id"]).status == Article.Status.DRAFT


@pytest.mark.django_db
def test_after_a_roundup_the_short_item_is_not_part_of_the_last_segment():
    roundup, brief = import_page(AFTER_ROUNDUP, date=DAY, number=3).stories

    assert [segment["union"] for segment in roundup["segments"]] == ["嘉兴市总工会", "绍兴市总工会"]
    assert "送清凉" not in roundup["segments"][-1]["text"]
    assert codes(roundup) == []  # its 湖州 is no longer a mismatch in the 绍兴 segment
    assert brief["unions"] == ["湖州市总工会"]


def test_a_line_broken_inside_a_word_stays_joined_to_its_paragraph():
    roundup, _ = parse_page(AFTER_ROUNDUP)
    assert "嘉兴市总工会召开全市工会半年度工作会议，要求" in roundup.paragraphs[1]
    assert roundup.repairs == ["总工会召开全市工会半年度工作会议"]


def test_a_repeated_headline_after_a_jump_line_is_not_a_short_item():
    continued, _ = parse_page(AFTER_CONTINUED)
    assert continued.headline == "职工书屋建设再上新台阶" and continued.continued_from == 1
    assert continued.paragraphs[0].startswith("今年以来")


@pytest.mark.django_db
def test_the_import_result_lists_the_short_item_with_its_missing_byline(editor_client):
    upload = SimpleUploadedFile("page3.txt", AFTER_ROUNDUP.encode(), content_type="text/plain")

    page = editor_client.post(
        reverse("admin:articles_printpage_import"), {"file": upload, "date": "2024-08-02", "page": "3"}
    ).text

    assert "2篇稿件" in page
    brief = Article.objects.get(headline="湖州开展夏季送清凉活动")
    assert f'<a href="{reverse("admin:articles_article_change", args=[brief.pk])}">缺少署名</a>' in page
