"""URL converters for Chinese slugs and ISO dates."""

from datetime import date


class UnicodeSlugConverter:
    """Like <slug:…> but also matching CJK: taggit makes 劳动保护 the slug of 劳动保护."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class IsoDateConverter:
    """YYYY-MM-DD; an impossible date such as 2024-02-30 does not match (404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return date.fromisoformat(value)  # ValueError means "no match" to Django

    def to_url(self, value):
        return value.isoformat() if isinstance(value, date) else value
