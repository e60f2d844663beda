"""schema.org data (JSON-LD) of a campaign's page: a CollectionPage and its BreadcrumbList. No query."""

from django.urls import reverse

from unionnews import schema
from unionnews.siteurl import absolute


def campaign_page(campaign, base):
    url = absolute(base, campaign.get_absolute_url())
    page = {
        "@context": schema.CONTEXT,
        "@type": "CollectionPage",
        "name": campaign.title,
        "url": url,
        "inLanguage": "zh-CN",
    }
    if campaign.description:
        page["description"] = campaign.description
    if campaign.banner:
        page["image"] = absolute(base, campaign.banner.url)
    trail = [
        ("首页", reverse("home")),
        ("专题", reverse("campaigns:list")),
        (campaign.title, campaign.get_absolute_url()),
    ]
    return [page, schema.breadcrumbs(base, trail)]
