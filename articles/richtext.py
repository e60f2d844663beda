"""The one rich-text configuration: what the admin editor offers is exactly
what the sanitiser lets through (django-prose-editor derives nh3's allow-list
from these extensions). Also the one way between rich text and plain text."""

import re
from html import unescape

from django.utils.html import escape, strip_tags
from django_prose_editor.fields import ProseEditorField

from unionnews.text import xml_safe

# Elements whose text stands on its own: paragraphs, headings, list items, quotations, table cells.
TEXT_BLOCKS = "p|h[1-6]|li|blockquote|td|th"
# Their ends become line breaks, so two paragraphs or two table cells never read as one word.
_BLOCK_END = re.compile(rf"<br\s*/?>|</({TEXT_BLOCKS}|tr)>", re.IGNORECASE)
# A tag, or a tag cut off at the end of a teaser's slice.
_TAG = re.compile(r"<[^>]*>|<[^>]*$")
_OUTER_BLOCK = re.compile(rf"<({TEXT_BLOCKS})\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


def RichTextField(verbose_name, **kwargs):
    return ProseEditorField(verbose_name, extensions=EXTENSIONS, sanitize=True, blank=True, **kwargs)


def sanitize(model_instance, field_name):
    """Clean `field_name` on `model_instance` with the field's own sanitiser.

    Admin forms already sanitise in Field.clean(); this covers every other
    writer (commands, shell, imports) so nothing unsanitised reaches a template.
    The result holds no character XML 1.0 forbids (unionnews.text).
    """
    field = model_instance._meta.get_field(field_name)
    html = field.sanitize(xml_safe(getattr(model_instance, field_name)))
    if xml_safe(html) != html:
        # The sanitiser decodes character references, so &#1; comes out as a raw
        # U+0001. Removing it afterwards could join what the sanitiser let through
        # (href="java&#1;script:…") into what it would have refused, so the
        # stripped text is sanitised again; that pass has no references left to decode.
        html = field.sanitize(xml_safe(html))
    setattr(model_instance, field_name, html)


def plain_text(rich_html):
    """Stored rich text as plain text, one line per block (paragraph, heading, list item, table cell)."""
    return unescape(strip_tags(_BLOCK_END.sub("\n", rich_html or ""))).strip()


def text_blocks(rich_html):
    """[(tag, plain text)] of the outermost text blocks of stored rich text, in order, empty ones left out.

    A list item or table cell holding paragraphs counts as one block of its own tag. A block's text
    is read as one run, line breaks and inner blocks joined: the editorial checks read it so, and
    the fingerprints of the findings editors have acknowledged depend on it.
    """
    blocks = (
        (tag.lower(), unescape(strip_tags(inner)).strip()) for tag, inner in _OUTER_BLOCK.findall(rich_html or "")
    )
    return [(tag, text) for tag, text in blocks if text]


def paragraphs_html(paragraphs):
    """Plain-text paragraphs as rich text, one <p> each."""
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def teaser(rich_html, length, summary=""):
    """`summary`, or else the start of `rich_html` as plain text: at most `length` characters.

    Whole paragraphs while they fit, joined as Chinese is written: nothing after a sentence's
    closing mark, an ideographic space after a heading or a table cell. When the first
    paragraph is too long, it stops at the last sentence end that fits, or else is cut and
    ends with the Chinese ellipsis "……".

    Every headline card shows one, so it reads only the start of the story: as much HTML as
    could hold `length` characters of text (tags, entities), with a regex for the tags, which
    is right for stored rich text (sanitised: its tags are whole). plain_text() of a whole
    story took a millisecond.
    """
    if summary:
        lines, cut_short = summary.splitlines(), False
    else:
        html = rich_html or ""
        head = html[: length * 30]
        lines, cut_short = unescape(_TAG.sub("", _BLOCK_END.sub("\n", head))).split("\n"), len(html) > len(head)
    paragraphs = [" ".join(line.split()) for line in lines]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    text = ""
    for index, paragraph in enumerate(paragraphs):
        whole = not (cut_short and index == len(paragraphs) - 1)
        joined = text + _separator(text) + paragraph
        if len(joined) <= length and whole:
            text = joined
        elif text and (len(text) >= length // 3 or len(joined) <= length):
            break
        else:
            room = length - len(text) - len(_separator(text))
            return text + _separator(text) + _cut(paragraph, room)
    return text


# What may end a sentence in a teaser (with any closing quotes or brackets after it).
_SENTENCE_END = re.compile(r"[。！？；!?…][”’」』）)]*")
ELLIPSIS = "……"


def _separator(text):
    """What goes between `text` and the next paragraph: nothing after a closing mark."""
    return "" if not text or text[-1] in "。！？；：!?…”’」』）)" else "\u3000"


def _cut(paragraph, room):
    """The start of `paragraph` in `room` characters: up to a sentence end, or cut with "……"."""
    if len(paragraph) <= room:
        return paragraph + ELLIPSIS if len(paragraph) + len(ELLIPSIS) <= room else paragraph[: room - 2] + ELLIPSIS
    ends = [match.end() for match in _SENTENCE_END.finditer(paragraph[:room])]
    if ends and ends[-1] >= room // 3:
        return paragraph[: ends[-1]]
    return paragraph[: room - len(ELLIPSIS)] + ELLIPSIS
