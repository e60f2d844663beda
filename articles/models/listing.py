from django.db import models


class Listing(models.Model):
    """A signed-off story on one union's news list: the unions it concerns and every union above them.

    A union page lists the stories about its whole subtree, newest first. Read from the
    links, that means gathering every story of the subtree and sorting them (a province's
    whole archive); read from here, it is one index range scan of the page's length,
    whatever the size of the archive or the subtree. Derived from ArticleUnion, the union
    tree and the story's status, and kept in step with them by articles.listings; never
    edited. Scheduled stories have rows too: readers see them when published_at comes.
    """

    union = models.ForeignKey("unions.Union", on_delete=models.CASCADE, related_name="+", db_index=False)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="listings")
    published_at = models.DateTimeField()

    class Meta:
        verbose_name = "工会稿件列表"
        verbose_name_plural = "工会稿件列表"
        constraints = [models.UniqueConstraint(fields=["union", "article"], name="one_listing_per_union_article")]
        # Newest first within a union, ties broken as newest_first() does.
        indexes = [models.Index(fields=["union", "-published_at", "-article"], name="listing_union_newest")]

    def __str__(self):
        return f"{self.union_id}: {self.article_id}"


class SegmentListing(models.Model):
    """A signed-off roundup's part (Segment) on the page of its union and every union above it.

    What Listing is to stories, this is to the 综述报道 box of a union page: the newest
    parts about a subtree as one index range scan. Kept in step by articles.listings.
    """

    union = models.ForeignKey("unions.Union", on_delete=models.CASCADE, related_name="+", db_index=False)
    segment = models.ForeignKey("articles.Segment", on_delete=models.CASCADE, related_name="listings")
    published_at = models.DateTimeField()

    class Meta:
        verbose_name = "工会综述分段列表"
        verbose_name_plural = "工会综述分段列表"
        constraints = [models.UniqueConstraint(fields=["union", "segment"], name="one_segment_listing_per_union")]
        indexes = [models.Index(fields=["union", "-published_at", "segment"], name="segment_listing_union_newest")]

    def __str__(self):
        return f"{self.union_id}: {self.segment_id}"
