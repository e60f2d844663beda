"""The editorial checks on the story form, their word list and the print-page import;
importing them registers them."""

from articles.editorial.admin import checks, print_pages, stories  # noqa: F401
