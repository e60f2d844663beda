"""A story's status, at module level so every model can name it without importing Article."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Status(models.TextChoices):
    # 三审三校: draft → first → second → final review → signed off. A signed-off
    # story is PUBLISHED; with a future published_at it waits (定时发布).
    DRAFT = "draft", "草稿"
    FIRST_REVIEW = "first_review", "待初审"
    SECOND_REVIEW = "second_review", "待复审"
    FINAL_REVIEW = "final_review", "待终审"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤稿"
    # In the trash (回收站): restorable for settings.TRASH_DAYS, then purged.
    DELETED = "deleted", "已删除"


REVIEW_STATES = [Status.FIRST_REVIEW, Status.SECOND_REVIEW, Status.FINAL_REVIEW]


def published_q(via=""):
    """Q: visible to readers now, i.e. signed off and its publication time has come.

    The one definition of "published": scheduled stories appear when their time
    comes, with no background job. `via` reaches the story through a relation
    ("article__" from a Segment); SearchDocument copies both fields, so it uses "".
    Article.is_published must agree; tests check both.
    """
    return Q(**{f"{via}status": Status.PUBLISHED, f"{via}published_at__lte": timezone.now()})
