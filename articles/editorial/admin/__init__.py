"""The editorial checks' word list and the print-page import; importing them registers them."""

from articles.editorial.admin import checks, print_pages  # noqa: F401
