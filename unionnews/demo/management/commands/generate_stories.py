"""Fill a database with realistic stories for load tests: `python manage.py generate_stories --count 100000`.

Meant for an empty, throwaway database (it refuses one that has stories unless
--append). See unionnews.demo.bulk for what it makes.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from unionnews.demo import bulk


class Command(BaseCommand):
    help = (
        "Generate COUNT realistic stories with unions, tags, bylines, photos, events, print pages and search documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000, help="Stories to generate (default 100,000).")
        parser.add_argument(
            "--seed", type=int, default=bulk.DEFAULT_SEED, help=f"Random seed (default {bulk.DEFAULT_SEED})."
        )
        parser.add_argument("--append", action="store_true", help="Add to a database that already has stories.")
        parser.add_argument(
            "--photo-width",
            type=int,
            default=bulk.PHOTO_WIDTH,
            help=f"Width in pixels of the few real photos the others copy (default {bulk.PHOTO_WIDTH}).",
        )
        parser.add_argument(
            "--batch-size", type=int, default=bulk.BATCH, help=f"Stories per transaction (default {bulk.BATCH})."
        )

    def handle(self, *args, count, seed, append, photo_width, batch_size, **options):
        if count < 1:
            raise CommandError("--count 必须是正整数。(--count must be a positive number.)")
        existing = Article.objects.count()
        if existing and not append:
            raise CommandError(
                f"数据库中已有 {existing:,} 篇稿件，未生成任何内容；要在其后追加，请加 --append。"
                f"(The database already has {existing:,} stories; nothing was generated. Use --append to add more.)"
            )

        def progress(summary):
            if summary.phase:
                self.stderr.write(f"{summary.phase}……")
            else:
                self.stderr.write(f"已生成 {summary.stories:,} / {count:,} 篇（{summary.rate:,.0f} 篇/秒）")

        summary = bulk.Generator(
            count, seed=seed, progress=progress, photo_width=photo_width, batch_size=batch_size
        ).run()
        self.stdout.write(
            f"生成完成：{summary.stories:,} 篇稿件（已发布 {summary.published:,}，定时 {summary.scheduled:,}，"
            f"要闻 {summary.featured:,}，综述 {summary.roundups:,}），"
            f"图片 {summary.photos:,}，活动 {summary.events:,}，"
            f"版面 {summary.pages:,}（转版 {summary.jumps:,}），新增企业工会 {summary.enterprise_unions:,}；"
            f"用时 {summary.seconds:,.1f} 秒，{summary.rate:,.0f} 篇/秒。"
        )
