from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, render

from articles.campaigns import coverage, schema
from articles.campaigns.models import Campaign, Lead, Section, newest_in_sections
from articles.models import Article
from articles.models.article import card_prefetches
from unionnews.pagination import paginate
from unionnews.siteurl import site_url
from unions.models import Union

SECTION_STORIES = 6
TIMELINE = 20


def campaign_list(request):
    page = paginate(request, Campaign.objects.published().current_first())
    return render(request, "campaigns/campaign_list.html", {"page_obj": page})


def campaign_detail(request, slug):
    """The campaign's page: banner, leads, sections, coverage strip and timeline.

    A fixed number of queries, whatever the number of stories or sections: the campaign and
    its rules, the leads, the sections with their rules and links, all the sections' stories
    at once, the strip's two, the timeline's page, and the cards' unions and photos for all of them at once.
    """
    campaign = get_object_or_404(
        Campaign.objects.published()
        .for_rules()
        .prefetch_related(
            # A lead's card shows its tags.
            Prefetch(
                "leads",
                queryset=Lead.objects.filter(article__in=Article.objects.published())
                .select_related("article")
                .prefetch_related("article__tags"),
            ),
            Prefetch("sections", queryset=Section.objects.prefetch_related("tags", "unions", "links")),
        ),
        slug=slug,
    )
    stories, city = campaign.published_stories(), None
    if "union" in request.GET:
        # A city of the strip: the timeline of that city's stories alone (its count in the strip).
        city = get_object_or_404(Union.objects.cities(), slug=request.GET["union"])
        stories = stories.filter(coverage.in_union_q(city.path))
    timeline = paginate(request, stories, per_page=TIMELINE)
    # Leads, sections and the strip head the first page only; later pages, and a city's, are the timeline's.
    first = timeline.number == 1 and city is None
    leads = [lead.article for lead in campaign.leads.all()] if first else []
    sections = list(campaign.sections.all()) if first else []
    for section in sections:
        section.campaign = campaign  # its rules are already loaded
    # One more than shown, to know whether 更多 leads anywhere.
    newest = newest_in_sections([s for s in sections if s.kind == Section.Kind.STORIES], SECTION_STORIES + 1)
    for section in sections:
        rows = newest.get(section.pk, [])
        section.stories, section.has_more = rows[:SECTION_STORIES], len(rows) > SECTION_STORIES
    prefetch_related_objects(
        [*leads, *(story for section in sections for story in section.stories), *timeline.object_list],
        *card_prefetches(),
    )
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "leads": leads,
            "sections": sections,
            "strip": coverage.strip(campaign) if first else [],
            "page_obj": timeline,
            "city": city,
            "schema": schema.campaign_page(campaign, site_url(request)),
            "page_image": schema.banner_image(campaign, site_url(request)),
        },
    )


def section_detail(request, slug, pk):
    """All of a section's stories, newest first, 20 a page (the campaign's page shows six)."""
    section = get_object_or_404(
        Section.objects.filter(campaign__status=Campaign.Status.PUBLISHED, kind=Section.Kind.STORIES)
        .select_related("campaign")
        .prefetch_related("tags", "unions", "campaign__tags", "campaign__events", "campaign__unions"),
        campaign__slug=slug,
        pk=pk,
    )
    page = paginate(request, section.published_stories().prefetch_related(*card_prefetches()))
    return render(
        request, "campaigns/section_detail.html", {"section": section, "campaign": section.campaign, "page_obj": page}
    )
