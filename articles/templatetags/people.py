"""How the admin names people: {{ entry.actor|person }} gives 周文澜（本报）, not bianji."""

from django import template

from articles.models.contributor import person as person_of

register = template.Library()


@register.filter
def person(user, default="—"):
    """The user's byline with their unit (articles.models.contributor.person), or `default`
    for nobody. The view selects "…__contributor__union" with the user."""
    return person_of(user) if user else default
