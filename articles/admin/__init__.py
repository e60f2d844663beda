"""The editors' admin, one module per concept; importing them registers them."""

from articles.admin import accounts, articles, audit, contributors, events, print_pages, tags  # noqa: F401
