"""A short excerpt around the first match, with every term marked."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

BEFORE, LENGTH = 30, 120


def pattern(terms):
    """Case-insensitive alternation of the terms, longest first."""
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in ordered), re.IGNORECASE) if ordered else None


def highlight(text, terms):
    """`text` escaped, with each term wrapped in <mark> (safe HTML)."""
    found = pattern(terms)
    if found is None:
        return escape(text)
    pieces, last = [], 0
    for match in found.finditer(text):
        pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


def snippet(text, terms):
    """About LENGTH characters of `text` around the first match, marked; "" if none."""
    text = " ".join(text.split())
    found = pattern(terms)
    match = found.search(text) if found else None
    if match is None:
        return ""
    start = max(0, match.start() - BEFORE)
    excerpt = text[start : start + LENGTH]
    return mark_safe(("…" if start else "") + highlight(excerpt, terms) + ("…" if start + LENGTH < len(text) else ""))
