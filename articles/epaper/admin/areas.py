"""Correcting a page's story areas: the editor's boxes come back as one JSON field,
checked here against the page, and replace the page's areas in one transaction.

The form carries the version of the page it was opened on (its PDF and every area):
when someone else saved the areas or uploaded the page again since, nothing is
written and the editor's boxes are shown again with who changed the page.
"""

import hashlib
import json
import math

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.epaper.models import PageFile, StoryArea
from articles.models import Article, PrintPage
from articles.models.contributor import display_name
from unionnews.accounts import audit
from unionnews.accounts.models import AuditEntry

MAX_AREAS = 200
MAX_BOXES = 20
MIN_SIZE = 1.0  # points: a box narrower than this cannot be seen, let alone clicked


def check_correct(user):
    """Correcting areas goes with uploading pages: 编辑, 副总编 and 总编."""
    perms = ["articles.view_article", "epaper.add_storyarea", "epaper.change_storyarea", "epaper.delete_storyarea"]
    if not user.has_perms(perms):
        raise PermissionDenied("只有编辑、副总编和总编可以校正版面上的稿件区域。")


def version(page):
    """A fingerprint of the page's PDF and areas: it changes with any save of either."""
    page_file = PageFile.objects.filter(page=page).values_list("pk", "uploaded_at").first()
    areas = list(page.areas.order_by("pk").values_list("pk", "article_id", "headline", "boxes", "order"))
    text = json.dumps([page_file and [page_file[0], page_file[1].isoformat()], areas], default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def as_json(page):
    """The page's areas as the editor script reads them."""
    return [
        {
            "id": area.pk,
            "story": area.article_id,
            "headline": area.headline,
            "boxes": area.boxes,
            "corrected": area.corrected,
        }
        for area in page.areas.all()
    ]


def last_change(page):
    """Who last changed the page's areas or PDF, and when: "周文澜（本报）于 2025-06-12 18:30 保存了区域"."""
    saved = (
        AuditEntry.objects.filter(action=audit.Action.EPAPER_AREAS, object_id=str(page.pk))
        .select_related("actor__contributor")
        .order_by("-at")
        .first()
    )
    page_file = PageFile.objects.filter(page=page).select_related("uploaded_by__contributor").first()
    changes = []
    if saved is not None:
        changes.append((saved.at, saved.actor, "保存了本版的稿件区域"))
    if page_file is not None:
        changes.append((page_file.uploaded_at, page_file.uploaded_by, "重新上传了本版PDF"))
    if not changes:
        return "有人修改了本版"
    at, who, what = max(changes, key=lambda change: change[0])
    name = display_name(who) if who else "（命令行）"
    return f"{name}于{timezone.localtime(at):%Y-%m-%d %H:%M}{what}"


class AreasForm(forms.Form):
    areas = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, page_file, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_file = page_file

    def clean_areas(self):
        try:
            items = json.loads(self.cleaned_data["areas"] or "[]")
        except ValueError:
            raise forms.ValidationError("区域数据无法读取，请重新打开本页。") from None
        if not isinstance(items, list):
            raise forms.ValidationError("区域数据无法读取，请重新打开本页。")
        if len(items) > MAX_AREAS:
            raise forms.ValidationError(f"一个版面最多{MAX_AREAS}个区域。")
        cleaned = [self.clean_area(position, item) for position, item in enumerate(items, start=1)]
        stories = {pk for pk in (item["story"] for item in cleaned) if pk is not None}
        found = set(
            Article.objects.exclude(status=Article.Status.DELETED).filter(pk__in=stories).values_list("pk", flat=True)
        )
        missing = sorted(stories - found)
        if missing:
            raise forms.ValidationError(f"没有编号为{'、'.join(map(str, missing))}的稿件（或已删除），请重新选择。")
        return cleaned

    def clean_area(self, position, item):
        where = f"第{position}个区域"
        if not isinstance(item, dict):
            raise forms.ValidationError(f"{where}的数据无法读取。")
        pk, story, boxes = item.get("id"), item.get("story"), item.get("boxes")
        if pk is not None and not _is_int(pk):
            raise forms.ValidationError(f"{where}的编号无效。")
        if story is not None and not _is_int(story):
            raise forms.ValidationError(f"{where}链接的稿件编号无效。")
        if not isinstance(boxes, list) or not boxes:
            raise forms.ValidationError(f"{where}没有方框。")
        if len(boxes) > MAX_BOXES:
            raise forms.ValidationError(f"{where}的方框太多（最多{MAX_BOXES}个）。")
        return {"id": pk, "story": story, "boxes": [self.clean_box(where, box) for box in boxes]}

    def clean_box(self, where, box):
        width, height = self.page_file.width, self.page_file.height
        if not (isinstance(box, list) and len(box) == 4 and all(_is_number(v) for v in box)):
            raise forms.ValidationError(f"{where}的方框应为 [x0, y0, x1, y1] 四个数。")
        x0, y0, x1, y1 = (round(float(v), 1) for v in box)
        if not (x0 < x1 and y0 < y1):
            raise forms.ValidationError(f"{where}的方框左上角应在右下角的左上方。")
        if x1 - x0 < MIN_SIZE or y1 - y0 < MIN_SIZE:
            raise forms.ValidationError(f"{where}的方框太小。")
        if x0 < 0 or y0 < 0 or x1 > round(width, 1) or y1 > round(height, 1):
            raise forms.ValidationError(f"{where}的方框超出了版面（{width:g}×{height:g} 磅）。")
        return [x0, y0, x1, y1]


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class Stale(Exception):
    """Someone changed the page since the form was opened; `who` says who and what."""

    def __init__(self, who):
        super().__init__(who)
        self.who = who


def save(page, items, user, opened_version):
    """Make the page's areas what the editor drew; an area moved, resized, added or linked anew
    is marked corrected. Returns (changed, added, deleted) counts. Raises Stale."""
    with transaction.atomic():
        PrintPage.objects.select_for_update().get(pk=page.pk)
        if version(page) != opened_version:
            raise Stale(last_change(page))
        existing = {area.pk: area for area in page.areas.all()}
        headlines = dict(
            Article.objects.filter(pk__in={i["story"] for i in items if i["story"]}).values_list("pk", "headline")
        )
        changed, added = [], []
        for order, item in enumerate(items):
            area = existing.pop(item["id"], None) if item["id"] else None
            if area is None:
                area = StoryArea(page=page)
            moved = area.pk is None or area.boxes != item["boxes"] or area.article_id != item["story"]
            relinked = area.pk is not None and area.article_id != item["story"]
            if not moved and area.order == order:
                continue
            if area.pk is None or relinked:
                area.headline = headlines.get(item["story"], "")[:200] if item["story"] else area.headline
            area.article_id, area.boxes, area.order = item["story"], item["boxes"], order
            area.corrected = area.corrected or moved
            if area.pk is None:
                added.append(area)
            elif moved:
                changed.append(area)
            area.save()  # a new reading order alone is saved too, but is no correction
        deleted = [area.pk for area in existing.values()]
        StoryArea.objects.filter(pk__in=deleted).delete()
        if changed or added or deleted:
            audit.record(
                user,
                audit.Action.EPAPER_AREAS,
                page,
                changed=[a.pk for a in changed],
                added=[a.pk for a in added],
                deleted=deleted,
            )
    return len(changed), len(added), len(deleted)
