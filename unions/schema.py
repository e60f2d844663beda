"""schema.org data (JSON-LD) of a union's page: its BreadcrumbList, from the tree above it."""

from django.urls import reverse

from unionnews import schema


def union_page(union, ancestors, base):
    """首页 › 工会组织 › the union's ancestors, from the root › the union (the view loaded them)."""
    trail = [("首页", reverse("home")), ("工会组织", reverse("unions:index"))]
    trail += [(row.name, row.get_absolute_url()) for row in [*ancestors, union]]
    return [schema.breadcrumbs(base, trail)]
