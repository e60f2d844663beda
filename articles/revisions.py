"""A story as readers see it, as data: snapshots, comparison field by field, readable changes.

A snapshot holds every field a reader sees (headlines, byline, text,
segments, photos with captions and credits, tags, unions, events, print
placements) plus the captions waiting for a photo. The same shape serves four
purposes: a Revision keeps one, the change form carries the one it was opened
from, articles.editing merges three of them, and restoring writes one back.

Revisions saved before this shape existed hold only the text fields and
segments; every function here treats a missing field as "not recorded".
"""

from django.db.models import Prefetch
from django.utils.html import escape

from articles import diffs
from articles.models import ArticleUnion, Credit, Photo, Placement, Revision
from unionnews.text import xml_safe

# (name, label) in the order of the change form; inlines count as fields.
FIELDS = [
    ("kicker", "引题"),
    ("headline", "主题"),
    ("subheadline", "副题"),
    ("short_headline", "短标题"),
    ("source", "稿源"),
    ("dateline", "电头地点"),
    ("editor", "责任编辑"),
    ("summary", "摘要"),
    ("body", "正文"),
    ("is_featured", "要闻"),
    ("tags", "标签"),
    ("events", "相关活动"),
    ("unions", "相关工会"),
    ("credits", "署名"),
    ("segments", "分段"),
    ("photos", "图片"),
    ("captions", "待配图说明"),
    ("placements", "见报位置"),
]
LABELS = dict(FIELDS)
TEXT_FIELDS = ["kicker", "headline", "subheadline", "short_headline", "source", "dateline", "summary"]
RICH_FIELDS = ["body"]
# Row keys that only label a row for people (names change when a union is renamed).
# A photo's files besides its original follow from the original, so only "image" tells photos apart.
_DISPLAY_KEYS = {
    *("id", "name", "union_name", "title", "page_label"),
    *("display", "thumbnail", "renditions", "width", "height"),
}


def empty():
    """The snapshot of a story with nothing in it yet."""
    return {
        **dict.fromkeys(TEXT_FIELDS + RICH_FIELDS, ""),
        "editor": None,
        "is_featured": False,
        **{
            name: [] for name in ["tags", "events", "unions", "credits", "segments", "photos", "captions", "placements"]
        },
    }


def snapshot(article):
    """Everything readers see of `article` as stored now (eight queries)."""
    article = (
        type(article)
        .objects.select_related("editor")
        .prefetch_related(
            "tags",
            "events",
            Prefetch(
                "article_unions", queryset=ArticleUnion.objects.select_related("union").order_by("role_order", "pk")
            ),
            Prefetch("credits", queryset=Credit.objects.select_related("contributor").order_by("position", "pk")),
            "segments__union",
            "photos",
            "captions",
            Prefetch("placements", queryset=Placement.objects.select_related("page").order_by("part", "pk")),
        )
        .get(pk=article.pk)
    )
    return {
        **{name: getattr(article, name) for name in TEXT_FIELDS + RICH_FIELDS},
        "editor": {"id": article.editor.pk, "name": article.editor.name} if article.editor else None,
        "is_featured": article.is_featured,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "events": sorted(({"id": event.pk, "title": event.title} for event in article.events.all()), key=_id),
        "unions": [
            {"union": link.union_id, "name": link.union.name, "role": link.role}
            for link in article.article_unions.all()
        ],
        "credits": [
            {
                "contributor": credit.contributor_id,
                "name": credit.contributor.name,
                "role": credit.role,
                "position": credit.position,
            }
            for credit in article.credits.all()
        ],
        "segments": [
            {
                "id": segment.pk,
                "union": segment.union_id,
                "union_name": segment.union.name,
                "heading": segment.heading,
                "body": segment.body,
                "position": segment.position,
            }
            for segment in sorted(article.segments.all(), key=lambda s: (s.position, s.pk))
        ],
        "photos": [
            {
                "id": photo.pk,
                "image": photo.image.name,
                "display": photo.display.name,
                "thumbnail": photo.thumbnail.name,
                "renditions": photo.renditions,
                "width": photo.width,
                "height": photo.height,
                "caption": photo.caption,
                "credit": photo.credit,
                "alt_text": photo.alt_text,
                "position": photo.position,
            }
            for photo in sorted(article.photos.all(), key=lambda p: (p.position, p.pk))
        ],
        "captions": [
            {"id": caption.pk, "text": caption.text, "position": caption.position}
            for caption in sorted(article.captions.all(), key=lambda c: (c.position, c.pk))
        ],
        "placements": [
            {
                "page": placement.page_id,
                "page_label": str(placement.page),
                "part": placement.part,
                "is_lead": placement.is_lead,
            }
            for placement in article.placements.all()
        ],
    }


def _id(row):
    return row["id"]


def comparable(name, value):
    """`value` of field `name` with what readers cannot tell apart made equal."""
    if name in RICH_FIELDS:
        return diffs.canonical_html(xml_safe(value))
    if name in TEXT_FIELDS:
        return xml_safe(value or "").replace("\r\n", "\n").strip()
    if name == "editor":
        return value["id"] if value else None
    if name == "tags":
        return sorted({tag.lower() for tag in value})
    if name == "events":
        return sorted(row["id"] for row in value)
    if name == "unions":
        return sorted((row["union"], row["role"]) for row in value)
    if isinstance(value, list):
        return [
            {key: _comparable_cell(key, cell) for key, cell in row.items() if key not in _DISPLAY_KEYS} for row in value
        ]
    return value


def _comparable_cell(key, cell):
    if key == "body":
        return diffs.canonical_html(cell)
    if key == "image" and not isinstance(cell, str):
        return f"upload:{getattr(cell, 'name', cell)}"  # a new upload differs from every stored photo
    return cell.replace("\r\n", "\n").strip() if isinstance(cell, str) else cell


def same(name, a, b):
    return comparable(name, a) == comparable(name, b)


def differing(old, new):
    """Names of the fields recorded in both snapshots whose values differ, in form order."""
    return [name for name, _ in FIELDS if name in old and name in new and not same(name, old[name], new[name])]


def as_text(name, value):
    """A field's value as lines a person reads (rich text keeps its markup for the diff)."""
    if value is None or value == "" or value == []:
        return ""
    if name in TEXT_FIELDS + RICH_FIELDS:
        return value
    if name == "editor":
        return value["name"]
    if name == "is_featured":
        return "是" if value else "否"
    if name == "tags":
        return "、".join(value)
    if name == "events":
        return "\n".join(row["title"] for row in value)
    return "\n".join(_row_text(name, row) for row in value)


def _row_text(name, row):
    if name == "unions":
        return f"{row['name']}（{ArticleUnion.Role(row['role']).label}）"
    if name == "credits":
        return f"{Credit.Role(row['role']).label} {row['name']}"
    if name == "segments":
        heading = f"：{row['heading']}" if row["heading"] else ""
        return f"【{row['union_name']}{heading}】\n{row['body']}"
    if name == "photos":
        image = row["image"] if isinstance(row["image"], str) else f"新上传：{row['image'].name}"
        details = "；".join(
            part
            for part in [row["caption"], row["credit"], f"替代文字：{row['alt_text']}" if row["alt_text"] else ""]
            if part
        )
        return f"［{image.rsplit('/', 1)[-1]}］{details}"
    if name == "captions":
        return row["text"]
    if name == "placements":
        return f"{row['page_label']}（第{row['part']}部分）"
    return str(row)


def _rich_text(name, value):
    """Rich text for a diff with markup: the body, or the segments as heading paragraphs and bodies."""
    if name == "segments":
        return "".join(
            f"<p>{escape(_row_text(name, row).split(chr(10), 1)[0])}</p>{row['body']}" for row in value or []
        )
    return value or ""


def diff(name, old, new):
    """One field's change as safe HTML (one pane)."""
    if name in RICH_FIELDS or name == "segments":
        return diffs.rich_diff_html(_rich_text(name, old), _rich_text(name, new))
    return diffs.diff_html(as_text(name, old), as_text(name, new))


def sides(name, old, new):
    """One field's two versions side by side: (old with removals marked, new with additions marked)."""
    if name in RICH_FIELDS or name == "segments":
        return diffs.rich_sides(_rich_text(name, old), _rich_text(name, new))
    return diffs.plain_sides(as_text(name, old), as_text(name, new))


def changes(old, new):
    """[(label, diff html)] for each field that differs between two snapshots, in form order."""
    return [(LABELS[name], diff(name, old[name], new[name])) for name in differing(old, new)]


def photo_files():
    """(model field, file name) of every photo file some revision can bring back, revisions read in batches."""
    fields = [Photo._meta.get_field(name) for name in ("image", "display", "thumbnail")]
    for snapshot in Revision.objects.values_list("snapshot", flat=True).iterator(chunk_size=500):
        for row in snapshot.get("photos", []):
            for field in fields:
                if row.get(field.name):
                    yield field, row[field.name]
            for name in Photo(renditions=row.get("renditions", [])).rendition_names():
                yield fields[1], name
