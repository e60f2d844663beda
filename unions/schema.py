"""schema.org data (JSON-LD) of a union's page: the union as an Organization in its tree, and its
BreadcrumbList. Reads the union, its ancestors and children the view loaded: no query."""

from django.urls import reverse

from unionnews import schema
from unionnews.siteurl import absolute


def organization(union, base):
    return {"@type": "Organization", "name": union.name, "url": absolute(base, union.get_absolute_url())}


def union_page(union, ancestors, children, base):
    """[Organization (parent and sub-organisations), BreadcrumbList 首页 › 工会组织 › ancestors › union]."""
    data = {"@context": schema.CONTEXT, **organization(union, base), "alternateName": union.short_name}
    if union.description:
        data["description"] = union.description
    if ancestors:
        data["parentOrganization"] = organization(ancestors[-1], base)
    if children:
        data["subOrganization"] = [organization(child, base) for child in children]
    trail = [("首页", reverse("home")), ("工会组织", reverse("unions:index"))]
    trail += [(row.name, row.get_absolute_url()) for row in [*ancestors, union]]
    return [data, schema.breadcrumbs(base, trail)]
