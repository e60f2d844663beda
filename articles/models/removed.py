from django.db import models


class RemovedStory(models.Model):
    """What is left of a story deleted for good: enough for its URL to keep answering.

    Written when a story is purged from the trash (workflow.purge). While the story
    row exists it decides by itself (withdrawn, or in the trash); this table speaks
    only for rows that are gone, found by primary key: the story's own id.
    """

    id = models.BigIntegerField("稿件编号", primary_key=True)
    headline = models.CharField("主题", max_length=200, blank=True)
    # Readers had seen it at its URL: that URL answers 410 (撤回), not 404.
    was_live = models.BooleanField("读者曾看到", default=False)
    removed_at = models.DateTimeField("彻底删除时间")

    class Meta:
        verbose_name = "已彻底删除的稿件"
        verbose_name_plural = "已彻底删除的稿件"

    def __str__(self):
        return self.headline or f"稿件 {self.pk}"
