"""Revisions of a story's text: snapshots, readable diffs of Chinese text, restoring."""

import difflib
import html
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles import workflow
from articles.models import Article, ArticleEvent, Revision, Segment

FIELDS = [("kicker", "引题"), ("headline", "主题"), ("subheadline", "副题"), ("summary", "摘要"), ("body", "正文")]
# A Latin word or number, a run of spaces, or one character: so Chinese diffs by
# character and English or pinyin by word.
TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.S)
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.I)


def snapshot(article):
    """The story's text as saved now (one query for its segments)."""
    data = {name: getattr(article, name) for name, _ in FIELDS}
    data["segments"] = [
        {"union": segment.union_id, "union_name": segment.union.name, "heading": segment.heading,
         "body": segment.body, "position": segment.position}
        for segment in Segment.objects.filter(article=article).select_related("union").order_by("position", "pk")
    ]
    return data


def record(article, user, note=""):
    return Revision.objects.create(
        article=article, number=article.version, author=user, snapshot=snapshot(article), note=note
    )


def plain_text(value):
    """Rich text as readable lines: one paragraph a line, no tags, no entities."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n", value or ""))).strip()


def diff_html(old, new):
    """`old` → `new` with <del> and <ins> around what changed; everything else escaped."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(old_tokens[i1:i2])), escape("".join(new_tokens[j1:j2]))
        if op == "equal":
            parts.append(removed)
            continue
        if removed:
            parts.append(f"<del>{removed}</del>")
        if added:
            parts.append(f"<ins>{added}</ins>")
    return mark_safe("".join(parts))


def _texts(data):
    """Label → plain text for every field and segment of a snapshot."""
    texts = {label: plain_text(data.get(name, "")) for name, label in FIELDS}
    for index, segment in enumerate(data.get("segments", []), start=1):
        heading = f"：{segment['heading']}" if segment["heading"] else ""
        texts[f"分段{index}（{segment['union_name']}）"] = heading.removeprefix("：") + "\n" + plain_text(
            segment["body"]
        )
    return texts


def changes(old, new):
    """[(label, diff html)] for what differs between two snapshots, in form order."""
    before, after = _texts(old), _texts(new)
    labels = list(after) + [label for label in before if label not in after]
    return [
        (label, diff_html(before.get(label, ""), after.get(label, "")))
        for label in labels
        if before.get(label, "") != after.get(label, "")
    ]


@transaction.atomic
def restore(article, revision, user):
    """Put `revision`'s text back; this is itself a new revision and a timeline entry."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not workflow.can_edit(user, article):
        raise PermissionDenied("您无权修改这篇稿件。")
    data = revision.snapshot
    for name, _ in FIELDS:
        setattr(article, name, data.get(name, ""))
    article.version += 1
    article.save()
    article.segments.all().delete()
    for segment in data.get("segments", []):
        Segment.objects.create(
            article=article, union_id=segment["union"], heading=segment["heading"],
            body=segment["body"], position=segment["position"],
        )
    article.recheck()
    article.reindex()
    record(article, user, note=f"恢复自第{revision.number}版")
    ArticleEvent.objects.create(
        article=article, actor=user, action=ArticleEvent.Action.RESTORE,
        from_status=article.status, to_status=article.status, comment=f"恢复为第{revision.number}版的内容",
    )
    return article
