"""Which stories a campaign holds: by each rule, by combinations, and by hand."""

from datetime import timedelta

import pytest

from articles.campaigns.models import Campaign
from tests.builders import NOON, make_article, make_event
from tests.campaigns.builders import make_campaign, make_section, members

pytestmark = pytest.mark.usefixtures("an_hour_after_noon")


def test_a_tag_rule_catches_stories_with_any_of_its_tags():
    make_article(headline="湖州职工学全会", tags=["全会精神"])
    make_article(headline="嘉兴宣讲团进企业", tags=["宣讲"])
    make_article(headline="夏送清凉", tags=["夏送清凉"])
    campaign = make_campaign(tags=["全会精神", "宣讲"])
    assert members(campaign) == {"湖州职工学全会", "嘉兴宣讲团进企业"}


def test_an_event_rule_catches_the_events_reports(huzhou):
    event = make_event(unions=[huzhou])
    make_article(headline="工BA决赛", events=[event])
    make_article(headline="别的稿件")
    assert members(make_campaign(events=[event])) == {"工BA决赛"}


def test_a_union_rule_includes_the_unions_counties(huzhou, nanxun, jiaxing):
    make_article(headline="湖州市总工会宣讲", unions=[huzhou])
    make_article(headline="南浔区总工会宣讲", unions=[nanxun])
    make_article(headline="嘉兴市总工会宣讲", unions=[jiaxing])
    assert members(make_campaign(unions=[huzhou])) == {"湖州市总工会宣讲", "南浔区总工会宣讲"}


def test_rules_of_different_kinds_must_all_hold(huzhou, jiaxing):
    make_article(headline="湖州学全会", unions=[huzhou], tags=["全会精神"])
    make_article(headline="嘉兴学全会", unions=[jiaxing], tags=["全会精神"])
    make_article(headline="湖州夏送清凉", unions=[huzhou], tags=["夏送清凉"])
    assert members(make_campaign(tags=["全会精神"], unions=[huzhou])) == {"湖州学全会"}


def test_stories_outside_the_period_are_left_out():
    make_article(headline="五月的稿件", tags=["全会精神"], published_at=NOON - timedelta(days=20))
    make_article(headline="六月的稿件", tags=["全会精神"])
    assert members(make_campaign(tags=["全会精神"])) == {"六月的稿件"}


def test_an_open_ended_campaign_takes_every_story_from_its_start():
    make_article(headline="六月的稿件", tags=["全会精神"])
    assert members(make_campaign(tags=["全会精神"], ends_on=None)) == {"六月的稿件"}


def test_without_rules_only_picked_stories_belong():
    picked = make_article(headline="手工加入的稿件", published_at=NOON - timedelta(days=60))
    make_article(headline="其他稿件")
    assert members(make_campaign(picked=[picked])) == {"手工加入的稿件"}


def test_a_picked_story_joins_and_an_excluded_one_leaves_whatever_the_rules():
    outside = make_article(headline="不带标签但手工加入")
    unwanted = make_article(headline="带标签但被排除", tags=["全会精神"])
    make_article(headline="带标签的稿件", tags=["全会精神"])
    campaign = make_campaign(tags=["全会精神"], picked=[outside], excluded=[unwanted])
    assert members(campaign) == {"不带标签但手工加入", "带标签的稿件"}


def test_readers_get_only_published_stories_but_the_desk_counts_every_one():
    make_article(headline="已发布", tags=["全会精神"])
    make_article(headline="草稿", tags=["全会精神"], status="draft")
    make_article(headline="待初审", tags=["全会精神"], status="first_review")
    make_article(headline="定时发布", tags=["全会精神"], published_at=NOON + timedelta(days=1))
    campaign = make_campaign(tags=["全会精神"])
    assert members(campaign) == {"已发布"}
    assert Campaign.objects.for_rules().get(pk=campaign.pk).stories().count() == 4


def test_a_story_with_two_matching_tags_is_listed_once():
    make_article(headline="双标签", tags=["全会精神", "宣讲"])
    campaign = Campaign.objects.for_rules().get(pk=make_campaign(tags=["全会精神", "宣讲"]).pk)
    assert list(campaign.published_stories().values_list("headline", flat=True)) == ["双标签"]


def test_a_section_sorts_the_campaigns_stories_by_its_own_rules(huzhou, jiaxing):
    make_article(headline="湖州学全会", unions=[huzhou], tags=["全会精神"])
    make_article(headline="嘉兴学全会", unions=[jiaxing], tags=["全会精神", "基层声音"])
    make_article(headline="不在专题的基层声音", tags=["基层声音"])
    handpicked = make_article(headline="编辑选入", unions=[huzhou])
    campaign = make_campaign(tags=["全会精神"])
    voices = make_section(campaign, "基层声音", tags=["基层声音"], picked=[handpicked])
    from articles.models import Article

    found = set(Article.objects.published().filter(voices.membership_q()).values_list("headline", flat=True))
    assert found == {"嘉兴学全会", "编辑选入"}
