from django.conf import settings
from django.db import models

from articles.models.status import Status
from unionnews.text import XmlSafeModel


class TimelineEntryQuerySet(models.QuerySet):
    def record(self, article, actor, action, comment="", *, from_status=None, to_status=None):
        """Add a line to `article`'s timeline: the one way timeline entries are written.

        Without from_status/to_status the step leaves the story's status as it is now.
        """
        return self.create(
            article=article,
            actor=actor,
            action=action,
            comment=comment,
            from_status=article.status if from_status is None else from_status,
            to_status=article.status if to_status is None else to_status,
        )


class TimelineEntry(XmlSafeModel):
    """One line of a story's timeline: a transition, an edit, a correction, a restore."""

    class Action(models.TextChoices):
        CREATE = "create", "创建"
        EDIT = "edit", "修改"
        SUBMIT = "submit", "提交初审"
        FIRST_REVIEW = "first_review", "初审通过"
        SECOND_REVIEW = "second_review", "复审通过"
        SIGN_OFF = "sign_off", "终审签发"
        RETURN = "return", "退回"
        WITHDRAW = "withdraw", "撤稿"
        CORRECT = "correct", "更正"
        RESTORE = "restore", "恢复版本"
        UPDATE = "update", "修改已发布稿件"
        REOPEN = "reopen", "签发后修改，重回待终审"
        IMPORT = "import", "版面导入"
        DELETE = "delete", "移入回收站"
        UNDELETE = "undelete", "从回收站恢复"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="timeline")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20, blank=True)
    comment = models.TextField("意见", blank=True)

    objects = TimelineEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "稿件流程记录"
        verbose_name_plural = "稿件流程记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.article_id}"

    @property
    def from_label(self):
        return _status_label(self.from_status)

    @property
    def to_label(self):
        return _status_label(self.to_status)


def _status_label(value):
    return dict(Status.choices).get(value, value)


class Revision(models.Model):
    """The text of a story as one save left it; `number` equals Article.version then."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("版本号")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="保存人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("保存时间", auto_now_add=True)
    snapshot = models.JSONField("内容")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "历史版本"
        verbose_name_plural = "历史版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_revision_per_version"),
        ]

    def __str__(self):
        return f"第{self.number}版"


class Correction(XmlSafeModel):
    """A published correction (更正), shown under the story and in feeds."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="corrections")
    at = models.DateTimeField("更正时间", auto_now_add=True)
    text = models.TextField("更正内容")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更正人", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "更正"
        verbose_name_plural = "更正"
        ordering = ["at", "pk"]

    def __str__(self):
        return self.text[:30]


class EditingSession(models.Model):
    """Somebody has a story's change form open: shown to others as 周文澜 正在编辑，3 分钟前打开.

    The form pings while it is open (last_seen_at); a session not seen for a
    few minutes is over. Saving ends the saver's session.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="editing_sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField("打开时间")
    last_seen_at = models.DateTimeField("最近活动", db_index=True)

    class Meta:
        verbose_name = "正在编辑"
        verbose_name_plural = "正在编辑"
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="one_editing_session_per_user")]

    def __str__(self):
        return f"{self.user} · {self.article_id}"
