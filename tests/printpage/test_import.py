"""Importing print pages: stories, credits, segments, unions, jumps between pages, idempotency."""

from datetime import date

import pytest

from articles.editorial.models import Caption, Finding, PrintImport
from articles.editorial.printpage.importer import import_page
from articles.models import Article, Credit, Placement, PrintPage, Segment
from tests.printpage.pages import CLEAN_PAGE, page_one

DAY = date(2024, 8, 2)
ROUNDUP_CITIES = ["湖州", "嘉兴", "绍兴", "衢州", "舟山", "台州", "丽水"]


def import_sample(text, number=2, **kwargs):
    return import_page(text, date=DAY, number=number, **kwargs)


def codes(story):
    return [(f["code"], f["segment"]) for f in story["findings"]]


def row_counts():
    models = [Article, Credit, Segment, Caption, Placement, PrintImport, PrintPage, Finding]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_the_sample_page_gives_three_draft_stories_with_headings_and_bylines(sample_page):
    roundup, meeting, league = import_sample(sample_page).stories

    assert (roundup["kicker"], roundup["headline"]) == (
        "学习贯彻党的二十届三中全会精神",
        "推动全会精神深入人心、落地生根",
    )
    assert roundup["subheadline"].startswith("11个设区市总工会掀起")
    assert roundup["contributors"] == [] and roundup["pages"] == [2]
    assert meeting["headline"] == "省部属企事业单位工会召开宣传工作会议"
    assert (meeting["source"], meeting["contributors"]) == ("本报讯", [{"name": "羊荣江", "role": "记者"}])
    assert meeting["unions"] == ["浙江省省部属企事业单位工会"]
    assert league["contributors"] == [{"name": "寿慧桢", "role": "记者"}]
    assert league["captions"] == ["湖州首届“工BA”非公企业篮球赛现场。"]
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}
    assert Credit.objects.get(contributor__name="羊荣江").role == Credit.Role.REPORTER


@pytest.mark.django_db
def test_the_roundup_becomes_seven_segments_each_linked_to_its_union(sample_page):
    roundup = import_sample(sample_page).stories[0]

    assert [segment["union"] for segment in roundup["segments"]] == [f"{city}市总工会" for city in ROUNDUP_CITIES]
    article = Article.objects.get(pk=roundup["id"])
    assert [s.union.short_name for s in article.segments.order_by("position")] == ROUNDUP_CITIES
    assert {union.short_name for union in article.unions.all()} >= set(ROUNDUP_CITIES)
    assert roundup["segments"][3]["text"].count("\n") == 2  # 衢州: three paragraphs


@pytest.mark.django_db
def test_breaks_are_rejoined_and_punctuation_made_fullwidth(sample_page):
    roundup, meeting, league = import_sample(sample_page).stories

    assert "召开全市工会半年度工作会议" in roundup["segments"][1]["text"]
    assert "开展文化体育活动1万余场次" in meeting["body"]
    assert "党组（扩大）会议，深入学习" in roundup["segments"][0]["text"]
    for story in (roundup, meeting, league):
        assert not set(story["body"]) & set(",;()")
        assert ("normalised-punctuation", None) in codes(story)
    assert codes(meeting).count(("repaired-break", None)) == 4


@pytest.mark.django_db
def test_each_planted_slip_is_a_finding_on_the_right_segment(sample_page):
    roundup, meeting, league = import_sample(sample_page).stories

    slips = [c for c in codes(roundup) if c[0] not in ("repaired-break", "normalised-punctuation")]
    assert slips == [
        ("duplicate-text", "丽水市总工会"),
        ("duplicate-text", "丽水市总工会"),
        ("segment-union-mismatch", "绍兴市总工会"),
        ("segment-union-mismatch", "丽水市总工会"),
        ("truncated-collocation", "嘉兴市总工会"),  # 持续扩大会精神: a character lost mid-line
    ]
    mismatches = Finding.objects.filter(code="segment-union-mismatch").order_by("position")
    assert ["金华" in f.excerpt for f in mismatches] == [True, False]
    assert "舟山" in mismatches[1].excerpt
    # The character lost at a column break (单位⏎会始终); otherwise only notes about what the import repaired.
    assert [c for c in codes(meeting) if c[0] not in ("repaired-break", "normalised-punctuation")] == [
        ("unlikely-join", None)
    ]
    assert "单位会始终" in Finding.objects.get(code="unlikely-join").excerpt
    # Stored findings agree with the result: the continued roundup's byline is on page 1.
    assert not Finding.objects.filter(code="missing-byline").exists()
    assert {code for code, _ in codes(league)} <= {"repaired-break", "normalised-punctuation"}


@pytest.mark.django_db
def test_importing_the_same_page_twice_changes_nothing(sample_page):
    first = import_sample(sample_page)
    counts = row_counts()
    stamps = list(Article.objects.order_by("pk").values_list("updated_at", flat=True))

    second = import_sample(sample_page)

    assert [s["id"] for s in second.stories] == [s["id"] for s in first.stories]
    assert row_counts() == counts
    assert list(Article.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(sample_page):
    result = import_sample(sample_page, dry_run=True)

    assert [story["id"] for story in result.stories] == [None, None, None]
    assert not PrintPage.objects.exists() and not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(1, 2), (2, 1)])
def test_both_parts_of_a_jumping_story_become_one_story_in_page_order(sample_page, order):
    texts = {1: page_one(sample_page), 2: sample_page}
    for number in order:
        import_sample(texts[number], number=number)

    roundup = Article.objects.get(headline="推动全会精神深入人心、落地生根")
    assert [p.page.number for p in roundup.placements.order_by("part")] == [1, 2]
    assert roundup.byline() == "记者 林晓燕 通讯员 郑浩"
    assert roundup.source == "本报讯" and roundup.status == Article.Status.DRAFT
    cities = [s.union.short_name for s in roundup.segments.order_by("position")]
    assert cities == ["杭州", "宁波", "温州", "金华", *ROUNDUP_CITIES]
    assert "民营企业职工服务工作的各个环节" in roundup.segments.get(union__short_name="温州").body
    assert Article.objects.count() == 3
    assert not roundup.findings.filter(code="missing-byline").exists()


@pytest.mark.django_db
def test_unknown_organisations_are_listed_not_invented(sample_page):
    result = import_sample(page_one(sample_page), number=1)

    assert result.unknown_organisations == ["宁波港联合码头有限公司工会"]
    assert result.stories[0]["pages"] == [1]


@pytest.mark.django_db
def test_a_well_written_page_gives_no_warning():
    [story] = import_page(CLEAN_PAGE, date=DAY, number=3).stories

    assert story["kicker"] == "职工技能提升在行动" and story["subheadline"] == "120名一线职工同台竞技"
    assert [f["code"] for f in story["findings"]] == ["normalised-punctuation"]
    assert story["unions"] == ["嘉兴市总工会"]
    assert not Finding.objects.exists()
