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
    image = banner_image(campaign, base)
    if image:
        page["image"] = image["url"]
    trail = [
        ("首页", reverse("home")),
        ("专题", reverse("campaigns:list")),
        (campaign.title, campaign.get_absolute_url()),
    ]
    return [page, schema.breadcrumbs(base, trail)]


def banner_image(campaign, base):
    """The banner as base.html's og:image takes it ({"url", "alt"}), or None. No file is read."""
    if not campaign.banner:
        return None
    return {"url": absolute(base, campaign.banner.url), "alt": campaign.banner_alt}
