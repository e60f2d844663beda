"""The editors' admin, one module per concept; importing them registers them."""

from articles.admin import articles, contributors, tags, unions  # noqa: F401
