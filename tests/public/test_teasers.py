"""A card's teaser reads as Chinese: paragraphs kept apart without an ASCII space, whole
sentences where they fit, and the Chinese ellipsis "……" where the text had to be cut."""

import re

from django.urls import reverse

from tests.builders import make_article


def teasers(response):
    return re.findall(r'<p class="teaser">(.*?)</p>', response.text)


def test_a_card_shows_the_short_first_paragraphs_whole_and_joined_as_chinese_is_written(client):
    make_article(summary="", body="<p>湖州市总工会召开全委会。</p><h2>一、总体要求</h2><p>会议部署了下半年工作。</p>")

    [teaser] = teasers(client.get(reverse("articles:list")))

    assert teaser == "湖州市总工会召开全委会。一、总体要求\u3000会议部署了下半年工作。"
    assert " " not in teaser and "..." not in teaser


def test_a_long_first_paragraph_stops_at_the_last_sentence_that_fits(client):
    first = "全省各级工会组织广大职工深入学习全会精神，" * 3 + "推动工作落地见效。"
    make_article(summary="", body=f"<p>{first}各地还将持续开展宣讲活动，把精神送到一线职工身边，" * 2 + "</p>")

    [teaser] = teasers(client.get(reverse("articles:list")))

    assert teaser == first
    assert not teaser.endswith("……")


def test_text_with_no_sentence_end_in_reach_is_cut_with_the_chinese_ellipsis(client):
    make_article(summary="", body="<p>" + "职工技能竞赛暨劳动竞赛" * 20 + "</p>")

    [teaser] = teasers(client.get(reverse("articles:list")))

    assert teaser.endswith("……") and not teaser.endswith("……"[0] * 3)
    assert len(teaser) == 90 and teaser.startswith("职工技能竞赛暨劳动竞赛")
    assert "..." not in teaser and "…" not in teaser[:-2]


def test_a_story_whose_body_starts_with_a_short_line_continues_into_the_next_paragraph(client):
    make_article(summary="", body="<p>本报讯</p><p>" + "南浔区总工会开展送清凉活动" * 10 + "</p>")

    [teaser] = teasers(client.get(reverse("articles:list")))

    assert teaser.startswith("本报讯\u3000南浔区总工会开展送清凉活动")
    assert teaser.endswith("……") and len(teaser) == 90
