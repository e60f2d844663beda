"""Builders for 专题 tests: a campaign of June 2025 (NOON is Thursday 12 June)."""

from datetime import date

from taggit.models import Tag

from articles.campaigns.models import Campaign, Lead, Link, Section

JUNE_1 = date(2025, 6, 1)


def make_campaign(*, tags=(), events=(), unions=(), picked=(), excluded=(), leads=(), **fields):
    """A published campaign running from 1 June 2025 to the end of June, with these rules."""
    fields.setdefault("title", "学习贯彻全会精神")
    fields.setdefault("slug", "quanhui-jingshen")
    fields.setdefault("starts_on", JUNE_1)
    fields.setdefault("ends_on", date(2025, 6, 30))
    fields.setdefault("status", Campaign.Status.PUBLISHED)
    fields.setdefault("description", "全省各级工会掀起学习贯彻全会精神热潮。")
    campaign = Campaign.objects.create(**fields)
    campaign.tags.set([Tag.objects.get_or_create(name=name, defaults={"slug": name})[0] for name in tags])
    campaign.events.set(events)
    campaign.unions.set(unions)
    campaign.picked.set(picked)
    campaign.excluded.set(excluded)
    for position, story in enumerate(leads):
        Lead.objects.create(campaign=campaign, article=story, position=position)
    return campaign


def make_section(campaign, title="各地动态", *, tags=(), unions=(), picked=(), links=(), **fields):
    kind = Section.Kind.LINKS if links else Section.Kind.STORIES
    section = Section.objects.create(campaign=campaign, title=title, kind=kind, **fields)
    section.tags.set([Tag.objects.get_or_create(name=name, defaults={"slug": name})[0] for name in tags])
    section.unions.set(unions)
    section.picked.set(picked)
    for position, (link_title, url) in enumerate(links):
        Link.objects.create(section=section, title=link_title, url=url, position=position)
    return section


def members(campaign):
    """Headlines of the campaign's published stories, as readers get them (newest first)."""
    campaign = Campaign.objects.for_rules().get(pk=campaign.pk)
    return set(campaign.published_stories().values_list("headline", flat=True))
